package com.conecta.hub.operations.notify;

import com.conecta.hub.foundation.platform.LeasedQueueStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Enqueues notifications (call it with the transaction of the business action that causes the notification, so
 * both commit or neither does), and the worker's SQL: claiming due rows across nodes, closing them, and the
 * in-app list of one user.
 */
public final class NotificationStore {
  private static final String INSERT = """
      insert into notifications (user_id, to_address, channel, kind, subject, body, html_body, payload, dedupe_key)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      on conflict (dedupe_key) do nothing
      returning id""";
  /** SKIP LOCKED: a row another node is claiming is passed over, never waited for, never taken twice. */
  private static final String CLAIM = """
      with due as (
        select id from notifications where status = 'pending' and next_attempt_at <= now()
        order by next_attempt_at, id limit $2 for update skip locked)
      update notifications n set status = 'sending', claimed_by = $1, claimed_until = now() + interval '2 minutes',
             attempts = n.attempts + 1
      from due where n.id = due.id
      returning n.id, n.user_id, n.to_address, n.channel, n.kind, n.subject, n.body, n.html_body, n.payload,
                n.attempts, n.created_at,
                (select u.email from users u where u.id = n.user_id and u.active) as user_email,
                (select u.phone from users u where u.id = n.user_id and u.active) as user_phone,
                (select u.name from users u where u.id = n.user_id) as user_name,
                (select u.locale from users u where u.id = n.user_id) as user_locale""";
  /** claimed_by stays on a sent row: which node sent it. */
  private static final String SENT = """
      update notifications set status = 'sent', sent_at = now(), claimed_until = null,
             last_error = null, error_code = null, provider_message_id = $2
      where id = $1 and status = 'sending'""";
  private static final String RETRY = """
      update notifications set status = 'pending', claimed_by = null, claimed_until = null,
             next_attempt_at = now() + ($2 || ' milliseconds')::interval, error_code = $3, last_error = $4
      where id = $1 and status = 'sending'""";
  private static final String FAILED = """
      update notifications set status = 'failed', claimed_by = null, claimed_until = null, error_code = $2,
             last_error = $3
      where id = $1 and status = 'sending'""";
  private static final String MINE = """
      select id, kind, subject, body, payload, created_at, read_at from notifications
      where user_id = $1 and channel = 'in_app' and status in ('sent', 'pending', 'sending')
        and ($2::bigint is null or id < $2)
      order by id desc limit $3""";
  private static final String UNREAD = """
      select count(*) from notifications where user_id = $1 and channel = 'in_app' and read_at is null
        and status in ('sent', 'pending', 'sending')""";
  private static final String READ = """
      update notifications set read_at = coalesce(read_at, now())
      where id = $1 and user_id = $2 and channel = 'in_app' returning id, read_at""";
  private static final String WHATSAPP_INBOX_BY_ACCOUNT = """
      select id, channel_account_id, team_id from inboxes where channel = 'whatsapp' and channel_account_id = $1""";
  private static final String FIRST_WHATSAPP_INBOX = """
      select id, channel_account_id, team_id from inboxes where channel = 'whatsapp' order by id limit 1""";
  private final Pool pool;

  public NotificationStore() {
    this(null);
  }

  public NotificationStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** A claimed row with what is known of its recipient user (null fields when there is none). */
  public record Claimed(long id, Long userId, String toAddress, String channel, String kind, String subject, String body,
      String htmlBody, JsonObject payload, int attempts, OffsetDateTime createdAt, String userEmail, String userPhone,
      String userName, String userLocale) {}

  /** A WhatsApp inbox to send notifications from. */
  public record SendingInbox(long id, String phoneNumberId, Long teamId) {}

  /** The new row's id, or null when a notification with the same dedupe key already exists. */
  public Future<Long> enqueue(SqlClient client, Notification n) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {n.userId(), n.toAddress(), n.channel(), n.kind(), n.subject(), n.body(),
            n.htmlBody(), n.payload() == null ? new JsonObject() : n.payload(), n.dedupeKey()}))
        .map(NotificationStore::firstId);
  }

  public Future<List<Claimed>> claim(String nodeId, int limit) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(nodeId, limit)).map(rows -> {
      List<Claimed> out = new ArrayList<>();
      for (Row r : rows) {
        Object p = r.getValue("payload");
        out.add(new Claimed(r.getLong("id"), r.getLong("user_id"), r.getString("to_address"), r.getString("channel"),
            r.getString("kind"), r.getString("subject"), r.getString("body"), r.getString("html_body"),
            p instanceof JsonObject j ? j : new JsonObject(), r.getInteger("attempts"),
            r.getOffsetDateTime("created_at"), r.getString("user_email"), r.getString("user_phone"),
            r.getString("user_name"), r.getString("user_locale")));
      }
      return out;
    });
  }

  public Future<Void> sent(long id, String providerMessageId) {
    return pool.preparedQuery(SENT).execute(Tuple.of(id, providerMessageId)).mapEmpty();
  }

  public Future<Void> retry(long id, long afterMillis, String code, String error) {
    return pool.preparedQuery(RETRY).execute(Tuple.of(id, String.valueOf(afterMillis), code, error)).mapEmpty();
  }

  public Future<Void> failed(long id, String code, String error) {
    return pool.preparedQuery(FAILED).execute(Tuple.of(id, code, error)).mapEmpty();
  }

  /** Rows of nodes whose lease ran out go back to the queue. */
  public Future<Integer> releaseStale() {
    return new LeasedQueueStore(pool, "notifications").releaseStale();
  }

  /** A graceful stop hands back what it claimed and did not try, without counting the attempt. */
  public Future<Integer> releaseMine(String nodeId) {
    return new LeasedQueueStore(pool, "notifications").releaseMine(nodeId);
  }

  /** One page of a user's in-app notifications, newest first (ids grow with time), before the given id. */
  public Future<List<JsonObject>> mine(long userId, Long beforeId, int limit) {
    return pool.preparedQuery(MINE).execute(Tuple.of(userId, beforeId, limit)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        Object p = r.getValue("payload");
        OffsetDateTime created = r.getOffsetDateTime("created_at");
        OffsetDateTime read = r.getOffsetDateTime("read_at");
        out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
            .put("subject", r.getString("subject")).put("body", r.getString("body"))
            .put("payload", p instanceof JsonObject j ? j : new JsonObject())
            .put("createdAt", created.toString()).put("read", read != null)
            .put("readAt", read == null ? null : read.toString()));
      }
      return out;
    });
  }

  public Future<Long> unreadCount(long userId) {
    return pool.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** True when the notification is the user's own in-app one (now read). */
  public Future<Boolean> markRead(long userId, long id) {
    return pool.preparedQuery(READ).execute(Tuple.of(id, userId)).map(rows -> rows.size() > 0);
  }

  /** The configured sending number's inbox, or the first WhatsApp inbox when none is configured; null if none. */
  public Future<SendingInbox> whatsappInbox(String phoneNumberId) {
    Future<RowSet<Row>> rows = phoneNumberId == null || phoneNumberId.isBlank()
        ? pool.query(FIRST_WHATSAPP_INBOX).execute()
        : pool.preparedQuery(WHATSAPP_INBOX_BY_ACCOUNT).execute(Tuple.of(phoneNumberId));
    return rows.map(rs -> {
      if (rs.size() == 0) {
        return null;
      }
      Row r = rs.iterator().next();
      return new SendingInbox(r.getLong("id"), r.getString("channel_account_id"), r.getLong("team_id"));
    });
  }

  private static Long firstId(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? it.next().getLong(0) : null;
  }
}
