package com.conecta.hub.messaging.conversation;

import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.messaging.outbound.OutboundStore;
import com.conecta.hub.messaging.outbound.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SQL for conversations, their messages and notes. */
public final class ConversationStore {
  private static final String SELECT = """
      select c.*, ct.name as contact_name, ct.phone as contact_phone, ct.email as contact_email, ct.locale as contact_locale,
             i.channel
      from conversations c join contacts ct on ct.id = c.contact_id join inboxes i on i.id = c.inbox_id""";
  /** Whether the conversation waits for a person, and since when (the view of V110), read for the rows answered only. */
  private static final String WITH_WAITING = """
      select x.*, w.state as waiting_state, w.waiting_since from (%s) x
      left join lateral (select w.state, w.waiting_since from conversation_waiting w where w.conversation_id = x.id) w on true
      order by x.last_activity_at desc, x.id desc""";
  private static final String LIST = WITH_WAITING.formatted(SELECT + """
       where ($1::bigint[] is null or c.inbox_id = any($1))
        and ($2::text is null or c.status = $2)
        and ($3::bigint is null or c.assignee_id = $3)
        and (not $4::boolean or c.assignee_id is null)
        and ($5::bigint is null or c.inbox_id = $5)
        and ($6::bigint is null or c.team_id = $6)
        and ($7::text is null or $7 = any(c.labels))
        and ($8::text is null or ct.name ilike $8 or ct.phone ilike $8 or ct.email ilike $8
             or exists (select 1 from messages m where m.conversation_id = c.id and not m.private and m.text ilike $8))
        and ($9::timestamptz is null or (c.last_activity_at, c.id) < ($9, $10))
      order by c.last_activity_at desc, c.id desc limit $11""");
  private static final String BY_ID = WITH_WAITING.formatted(SELECT + " where c.id = $1");
  private static final String MESSAGES = """
      select * from messages where conversation_id = $1 and ($2::bigint is null or id < $2)
      order by id desc limit $3""";
  private static final String MESSAGE_BY_ID = "select * from messages where id = $1";
  private static final String INSERT_MESSAGE = """
      insert into messages (conversation_id, inbox_id, direction, sender_kind, sender_user_id, content_type, text,
                            attachments, content, private, sent_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now()) returning *""";
  private static final String TOUCH_AFTER_REPLY = """
      update conversations set last_activity_at = now(), last_message_preview = $2, unread_count = 0,
             first_reply_at = coalesce(first_reply_at, now())
      where id = $1""";
  private static final String TOUCH = "update conversations set last_activity_at = now() where id = $1";
  private static final String SET_ASSIGNEE = "update conversations set assignee_id = $2 where id = $1";
  private static final String SET_STATUS = """
      update conversations set status = $2, snoozed_until = $3,
             resolved_at = case when $2 = 'resolved' then now() else null end
      where id = $1""";
  private static final String ADD_LABELS = """
      update conversations set labels = array(select distinct unnest(labels || $2::text[]) order by 1) where id = $1""";
  private static final String REMOVE_LABEL = "update conversations set labels = array_remove(labels, $2) where id = $1";
  private static final String MARK_READ = "update conversations set unread_count = 0 where id = $1";
  private static final String WAKE_SNOOZED = """
      update conversations set status = 'open', snoozed_until = null
      where status = 'snoozed' and snoozed_until <= now() returning id, inbox_id""";
  private static final String ASSIGNABLE_USER =
      "select id, name from users where id = $1 and active and role in ('admin', 'agent')";

  private final Pool pool;
  private final OutboundStore outbound;

  public ConversationStore(Pool pool) {
    this(pool, new OutboundStore());
  }

  public ConversationStore(Pool pool, OutboundStore outbound) {
    this.pool = pool;
    this.outbound = outbound;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Page<JsonObject>> list(ConversationFilter f) {
    OffsetDateTime cursorTime = f.cursor() == null ? null : fromMicros(f.cursor().sortKey());
    Tuple args = Tuple.tuple()
        .addValue(f.visibleInboxes()).addString(f.status()).addLong(f.assigneeId()).addBoolean(f.unassignedOnly())
        .addLong(f.inboxId()).addLong(f.teamId()).addString(f.label()).addString(f.text())
        .addOffsetDateTime(cursorTime).addLong(f.cursor() == null ? null : f.cursor().id())
        .addInteger(f.limit());
    return pool.preparedQuery(LIST).execute(args).map(rows -> {
      List<JsonObject> items = new ArrayList<>();
      Row last = null;
      for (Row r : rows) {
        items.add(Rows.conversation(r));
        last = r;
      }
      String next = items.size() == f.limit() && last != null
          ? new Cursor(Rows.micros(last.getOffsetDateTime("last_activity_at")), last.getLong("id")).encode() : null;
      return new Page<>(items, next);
    });
  }

  private static OffsetDateTime fromMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .atOffset(ZoneOffset.UTC);
  }

  public Future<JsonObject> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(ConversationStore::firstConversation);
  }

  public Future<JsonObject> byId(SqlConnection conn, long id) {
    return conn.preparedQuery(BY_ID).execute(Tuple.of(id)).map(ConversationStore::firstConversation);
  }

  private static JsonObject firstConversation(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Rows.conversation(rows.iterator().next());
  }

  public Future<Page<JsonObject>> messages(long conversationId, Long beforeId, int limit) {
    return pool.preparedQuery(MESSAGES).execute(Tuple.of(conversationId, beforeId, limit)).map(rows -> {
      List<JsonObject> items = new ArrayList<>();
      rows.forEach(r -> items.add(Rows.message(r)));
      Collections.reverse(items);
      String next = items.size() == limit ? new Cursor(0, items.get(0).getLong("id")).encode() : null;
      return new Page<>(items, next);
    });
  }

  public Future<JsonObject> message(long id) {
    return pool.preparedQuery(MESSAGE_BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : Rows.message(rows.iterator().next()));
  }

  /**
   * A new message written by us that is not sent (a private note, a system line), inside the caller's transaction;
   * a message that goes to the customer is a {@link Reply} for {@link #send}.
   */
  public record NewMessage(long conversationId, long inboxId, String direction, String senderKind, Long senderUserId,
      String contentType, String text, JsonArray attachments, JsonObject content, boolean isPrivate) {}

  public Future<JsonObject> insertMessage(SqlConnection conn, NewMessage m) {
    Tuple args = Tuple.tuple().addLong(m.conversationId()).addLong(m.inboxId()).addString(m.direction())
        .addString(m.senderKind()).addLong(m.senderUserId()).addString(m.contentType()).addString(m.text())
        .addValue(m.attachments() == null ? new JsonArray() : m.attachments())
        .addValue(m.content() == null ? new JsonObject() : m.content())
        .addBoolean(m.isPrivate());
    return conn.preparedQuery(INSERT_MESSAGE).execute(args).map(rows -> Rows.message(rows.iterator().next()));
  }

  /** Sends a message in the conversation (the message and its outbox row, by the outbound path) in {@code conn}. */
  public Future<JsonObject> send(SqlConnection conn, Reply r) {
    return outbound.queueReply(conn, r).map(Rows::message);
  }

  public Future<Void> touchAfterReply(SqlConnection conn, long conversationId, String preview) {
    return conn.preparedQuery(TOUCH_AFTER_REPLY).execute(Tuple.of(conversationId, preview)).mapEmpty();
  }

  public Future<Void> touch(SqlConnection conn, long conversationId) {
    return conn.preparedQuery(TOUCH).execute(Tuple.of(conversationId)).mapEmpty();
  }

  public Future<Void> setAssignee(SqlConnection conn, long conversationId, Long userId) {
    return conn.preparedQuery(SET_ASSIGNEE).execute(Tuple.of(conversationId, userId)).mapEmpty();
  }

  public Future<Void> setStatus(SqlConnection conn, long conversationId, String status, OffsetDateTime snoozedUntil) {
    return conn.preparedQuery(SET_STATUS).execute(Tuple.of(conversationId, status, snoozedUntil)).mapEmpty();
  }

  public Future<Void> addLabels(long conversationId, List<String> labels) {
    return pool.preparedQuery(ADD_LABELS)
        .execute(Tuple.tuple().addLong(conversationId).addArrayOfString(labels.toArray(String[]::new))).mapEmpty();
  }

  public Future<Void> removeLabel(long conversationId, String label) {
    return pool.preparedQuery(REMOVE_LABEL).execute(Tuple.of(conversationId, label)).mapEmpty();
  }

  public Future<Void> markRead(long conversationId) {
    return pool.preparedQuery(MARK_READ).execute(Tuple.of(conversationId)).mapEmpty();
  }

  /** Snoozed conversations whose time has come, reopened; answers (id, inboxId) pairs. */
  public Future<List<long[]>> wakeSnoozed() {
    return pool.query(WAKE_SNOOZED).execute().map(rows -> {
      List<long[]> out = new ArrayList<>();
      rows.forEach(r -> out.add(new long[] {r.getLong("id"), r.getLong("inbox_id")}));
      return out;
    });
  }

  private static final String LAST_INBOUND_PROVIDER_ID = """
      select provider_message_id from messages where conversation_id = $1 and direction = 'in'
        and provider_message_id is not null order by id desc limit 1""";

  public Future<String> lastInboundProviderId(long conversationId) {
    return pool.preparedQuery(LAST_INBOUND_PROVIDER_ID).execute(Tuple.of(conversationId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** The user's name when they may be assigned conversations; null otherwise. */
  public Future<String> assignableUserName(long userId) {
    return pool.preparedQuery(ASSIGNABLE_USER).execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("name"));
  }
}
