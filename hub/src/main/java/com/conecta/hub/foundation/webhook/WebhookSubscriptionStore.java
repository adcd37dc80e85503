package com.conecta.hub.foundation.webhook;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL of subscriptions and their delivery log (what admins read and change); the worker's SQL is in WebhookDeliveryStore. */
public record WebhookSubscriptionStore(Pool pool) {
  private static final String COLUMNS = """
      s.id, s.url, s.description, s.events, s.active, s.consecutive_failures, s.failing_since, s.disabled_at,
      s.disabled_reason, s.created_at, s.updated_at,
      (select count(*) from webhook_deliveries d where d.subscription_id = s.id and d.status in ('pending', 'sending'))
        as queued,
      (select max(d.delivered_at) from webhook_deliveries d where d.subscription_id = s.id) as last_delivered_at""";
  private static final String LIST = "select " + COLUMNS + " from webhook_subscriptions s order by s.id";
  private static final String BY_ID = "select " + COLUMNS + " from webhook_subscriptions s where s.id = $1";
  private static final String INSERT = """
      insert into webhook_subscriptions (url, description, events, secret_sealed, active, created_by)
      values ($1, $2, $3, $4, $5, $6) returning id""";
  /** Switching a subscription back on forgets its failures: it starts over with a clean count. */
  private static final String UPDATE = """
      update webhook_subscriptions set url = coalesce($2, url), description = case when $3 then $4 else description end,
             events = coalesce($5, events),
             consecutive_failures = case when $6 and not active then 0 else consecutive_failures end,
             failing_since = case when $6 and not active then null else failing_since end,
             disabled_at = case when $6 is null then disabled_at when $6 then null else coalesce(disabled_at, now()) end,
             disabled_reason = case when $6 is null then disabled_reason when $6 then null else 'switched off by an admin' end,
             active = coalesce($6, active), updated_at = now()
       where id = $1 returning id""";
  private static final String DELETE = "delete from webhook_subscriptions where id = $1";
  private static final String DELIVERIES = """
      select id, event_id, event_type, status, attempts, response_code, last_error, next_attempt_at, last_attempt_at,
             delivered_at, created_at, redelivery_of, payload
        from webhook_deliveries
       where subscription_id = $1 and ($2::bigint is null or id < $2) and ($3::text is null or status = $3)
       order by id desc limit $4""";
  /** A new delivery of the same event (same event id): the log keeps the first one as it went. */
  private static final String REDELIVER = """
      insert into webhook_deliveries (event_id, subscription_id, event_type, contact_id, payload, redelivery_of)
      select event_id, subscription_id, event_type, contact_id, payload, id from webhook_deliveries
       where id = $1 and subscription_id = $2 and payload is not null
      returning id""";
  private static final String DELIVERY_EXISTS = "select 1 from webhook_deliveries where id = $1 and subscription_id = $2";

  public Future<List<JsonObject>> list() {
    return pool.query(LIST).execute().map(WebhookSubscriptionStore::subscriptions);
  }

  /** The subscription, or null. */
  public Future<JsonObject> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
      List<JsonObject> all = subscriptions(rows);
      return all.isEmpty() ? null : all.get(0);
    });
  }

  public Future<Long> insert(String url, String description, List<String> events, String sealedSecret, boolean active,
      Long createdBy) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(url, description, events.toArray(String[]::new), sealedSecret, active, createdBy))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Changes what is given (null = unchanged); false when there is no such subscription. */
  public Future<Boolean> update(long id, String url, boolean descriptionGiven, String description, List<String> events,
      Boolean active) {
    return pool.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {id, url, descriptionGiven, description,
        events == null ? null : events.toArray(String[]::new), active})).map(rows -> rows.size() > 0);
  }

  public Future<Boolean> delete(long id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  public Future<List<JsonObject>> deliveries(long subscriptionId, Long beforeId, String status, int limit) {
    return pool.preparedQuery(DELIVERIES).execute(Tuple.of(subscriptionId, beforeId, status, limit)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        Object payload = r.getValue("payload");
        out.add(new JsonObject().put("id", r.getLong("id")).put("eventId", String.valueOf(r.getUUID("event_id")))
            .put("event", r.getString("event_type")).put("status", r.getString("status"))
            .put("attempts", r.getInteger("attempts")).put("responseCode", r.getInteger("response_code"))
            .put("error", r.getString("last_error")).put("nextAttemptAt", time(r.getOffsetDateTime("next_attempt_at")))
            .put("lastAttemptAt", time(r.getOffsetDateTime("last_attempt_at")))
            .put("deliveredAt", time(r.getOffsetDateTime("delivered_at")))
            .put("createdAt", time(r.getOffsetDateTime("created_at"))).put("redeliveryOf", r.getLong("redelivery_of"))
            .put("payload", payload instanceof JsonObject j ? j : null));
      }
      return out;
    });
  }

  /** The new delivery's id; null when the delivery does not exist or its payload was erased (see {@link #exists}). */
  public Future<Long> redeliver(long subscriptionId, long deliveryId) {
    return pool.preparedQuery(REDELIVER).execute(Tuple.of(deliveryId, subscriptionId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
  }

  public Future<Boolean> exists(long subscriptionId, long deliveryId) {
    return pool.preparedQuery(DELIVERY_EXISTS).execute(Tuple.of(deliveryId, subscriptionId)).map(rows -> rows.size() > 0);
  }

  private static List<JsonObject> subscriptions(RowSet<Row> rows) {
    List<JsonObject> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new JsonObject().put("id", r.getLong("id")).put("url", r.getString("url"))
          .put("description", r.getString("description"))
          .put("events", new JsonArray(List.of(r.getArrayOfStrings("events")))).put("active", r.getBoolean("active"))
          .put("consecutiveFailures", r.getInteger("consecutive_failures"))
          .put("failingSince", time(r.getOffsetDateTime("failing_since")))
          .put("disabledAt", time(r.getOffsetDateTime("disabled_at"))).put("disabledReason", r.getString("disabled_reason"))
          .put("queued", r.getLong("queued")).put("lastDeliveredAt", time(r.getOffsetDateTime("last_delivered_at")))
          .put("createdAt", time(r.getOffsetDateTime("created_at"))).put("updatedAt", time(r.getOffsetDateTime("updated_at"))));
    }
    return out;
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
