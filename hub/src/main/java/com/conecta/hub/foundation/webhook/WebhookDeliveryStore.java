package com.conecta.hub.foundation.webhook;

import com.conecta.hub.foundation.platform.FirstRow;
import com.conecta.hub.foundation.platform.LeasedQueueStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery worker's SQL: claiming due deliveries across nodes (SKIP LOCKED with a lease), closing an attempt, and
 * counting a subscription's failures up to its switch-off.
 */
public record WebhookDeliveryStore(Pool pool) {
  /** Only deliveries of active subscriptions go: a switched-off subscription's queue waits for it to be switched on. */
  private static final String CLAIM = """
      with due as (
        select d.id from webhook_deliveries d
          join webhook_subscriptions s on s.id = d.subscription_id and s.active
         where d.status = 'pending' and d.next_attempt_at <= now() and d.payload is not null
         order by d.next_attempt_at, d.id limit $2 for update of d skip locked)
      update webhook_deliveries d set status = 'sending', claimed_by = $1,
             claimed_until = now() + ($3 || ' milliseconds')::interval, attempts = d.attempts + 1, last_attempt_at = now()
        from due, webhook_subscriptions s
       where d.id = due.id and s.id = d.subscription_id
      returning d.id, d.event_id, d.event_type, d.payload::text as body, d.attempts, d.created_at, d.subscription_id,
                s.url, s.secret_sealed""";
  private static final String DELIVERED = """
      update webhook_deliveries set status = 'delivered', delivered_at = now(), response_code = $2, last_error = null,
             claimed_by = null, claimed_until = null
       where id = $1 and status = 'sending'""";
  private static final String SUBSCRIPTION_HEALTHY = """
      update webhook_subscriptions set consecutive_failures = 0, failing_since = null
       where id = $1 and (consecutive_failures > 0 or failing_since is not null)""";
  /** Past the give-up age the delivery fails for good; otherwise it waits its back-off. */
  private static final String ATTEMPT_FAILED = """
      update webhook_deliveries set
             status = case when created_at < now() - ($5 || ' hours')::interval then 'failed' else 'pending' end,
             next_attempt_at = now() + ($4 || ' milliseconds')::interval, response_code = $2, last_error = $3,
             claimed_by = null, claimed_until = null
       where id = $1 and status = 'sending'""";
  private static final String COUNT_FAILURE = """
      update webhook_subscriptions set consecutive_failures = consecutive_failures + 1,
             failing_since = coalesce(failing_since, now())
       where id = $1""";
  private static final String SWITCH_OFF = """
      update webhook_subscriptions set active = false, disabled_at = now(), disabled_reason = $4, updated_at = now()
       where id = $1 and active
         and (consecutive_failures >= $2 or failing_since < now() - ($3 || ' hours')::interval)
      returning id, url, consecutive_failures""";
  private static final String ADMINS = "select id, locale from users where role = 'admin' and active order by id";

  /** A delivery claimed for one attempt; {@code body} is sent byte for byte as it is signed. */
  public record Claimed(long id, String eventId, String eventType, String body, int attempts, OffsetDateTime createdAt,
      long subscriptionId, String url, String sealedSecret) {}

  /** A subscription just switched off. */
  public record SwitchedOff(long id, String url, int failures) {}

  public Future<List<Claimed>> claim(String nodeId, int limit, long leaseMs) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(nodeId, limit, String.valueOf(leaseMs))).map(rows -> {
      List<Claimed> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Claimed(r.getLong("id"), String.valueOf(r.getUUID("event_id")), r.getString("event_type"),
            r.getString("body"), r.getInteger("attempts"), r.getOffsetDateTime("created_at"), r.getLong("subscription_id"),
            r.getString("url"), r.getString("secret_sealed")));
      }
      return out;
    });
  }

  public Future<Void> delivered(long id, long subscriptionId, int responseCode) {
    // The subscription's row before the delivery's, in the order a subscription's delete takes them: no deadlock.
    return pool.withTransaction(tx -> tx.preparedQuery(SUBSCRIPTION_HEALTHY).execute(Tuple.of(subscriptionId))
        .compose(x -> tx.preparedQuery(DELIVERED).execute(Tuple.of(id, responseCode))).mapEmpty());
  }

  /**
   * Records a failed attempt and counts it against the subscription, in the caller's transaction; answers the
   * subscription when this failure switched it off (null otherwise).
   */
  public Future<SwitchedOff> attemptFailed(SqlConnection tx, long id, long subscriptionId, Integer responseCode,
      String error, long retryInMs, WebhookSettings settings, String reason) {
    // The subscription's row first, as in delivered(): the same lock order as a subscription's cascading delete.
    return tx.preparedQuery(COUNT_FAILURE).execute(Tuple.of(subscriptionId))
        .compose(x -> tx.preparedQuery(ATTEMPT_FAILED).execute(Tuple.of(id, responseCode, error, String.valueOf(retryInMs),
            String.valueOf(settings.giveUpHours()))))
        .compose(x -> tx.preparedQuery(SWITCH_OFF).execute(Tuple.of(subscriptionId, settings.disableAfterFailures(),
            String.valueOf(settings.disableAfterHours()), reason)))
        .map(rows -> FirstRow.orNull(rows, r -> new SwitchedOff(r.getLong("id"), r.getString("url"),
            r.getInteger("consecutive_failures"))));
  }

  /** The active admins with their language, to tell them of a switch-off. */
  public Future<List<JsonObject>> admins(SqlConnection tx) {
    return tx.query(ADMINS).execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("locale", r.getString("locale"))));
      return out;
    });
  }

  /** Rows of nodes whose lease ran out go back to the queue. */
  public Future<Integer> releaseStale() {
    return new LeasedQueueStore(pool, "webhook_deliveries").releaseStale();
  }

  /** A graceful stop hands back what it claimed and did not try, without counting the attempt. */
  public Future<Integer> releaseMine(String nodeId) {
    return new LeasedQueueStore(pool, "webhook_deliveries").releaseMine(nodeId);
  }
}
