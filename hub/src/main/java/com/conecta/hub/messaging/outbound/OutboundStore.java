package com.conecta.hub.messaging.outbound;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The one way the hub sends a message to a contact: insert the queued message and its outbox row — after opening (or
 * joining) the contact's open conversation of the inbox when the feature does not have one — all in the caller's
 * transaction, so the message is sent if and only if the business action that caused it commits. The outbox worker
 * takes it from there.
 *
 * <p>One statement text writes both rows, whether for one message ({@link #queue}, {@link #queueReply}) or for a
 * campaign's batch of thousands ({@link #queueAll}, one statement per batch): the two forms cannot drift apart.
 */
public final class OutboundStore {
  private static final String CONVERSATION = """
      insert into conversations as c (inbox_id, contact_id, team_id, last_activity_at, last_message_preview)
      values ($1, $2, $3, now(), $4)
      on conflict (inbox_id, contact_id) where status <> 'resolved' and thread_key is null
      do update set last_activity_at = now(), last_message_preview = excluded.last_message_preview
      returning c.id, c.team_id, c.assignee_id""";
  /**
   * Inserts a message and its outbox row for every row of the CTE {@code outgoing} (see {@link #queueAll}); the
   * messages made are the CTE {@code queued_message}. The outbox row finds its message by conversation, as a message's
   * id is known only once inserted: {@code outgoing} has one row per conversation. %s is the outbox insert's conflict
   * clause.
   */
  private static final String QUEUED = """
      queued_message as (
        insert into messages (conversation_id, inbox_id, direction, sender_kind, sender_user_id, content_type, text,
                              attachments, content, status, reply_to_provider_id, sent_at)
        select o.conversation_id, o.inbox_id, 'out', o.sender_kind, o.sender_user_id, o.content_type, o.text,
               o.attachments, o.content, 'queued', o.reply_to_provider_id, now()
        from outgoing o
        returning *),
      queued_outbox as (
        insert into outbox (message_id, inbox_id, conversation_id, channel, idempotency_key, campaign_id)
        select m.id, m.inbox_id, m.conversation_id, o.channel, o.idempotency_key, o.campaign_id
        from queued_message m join outgoing o on o.conversation_id = m.conversation_id
        %s)""";
  private static final String ONE = """
      with outgoing as (
        select $1::bigint as conversation_id, $2::bigint as inbox_id, $3::text as channel, $4::text as sender_kind,
               $5::bigint as sender_user_id, $6::text as content_type, $7::text as text, $8::jsonb as attachments,
               $9::jsonb as content, $10::text as reply_to_provider_id, $11::text as idempotency_key,
               null::bigint as campaign_id),
      %s
      select * from queued_message""";
  private static final String QUEUE_ONE = ONE.formatted(QUEUED.formatted(""));
  /** For a message whose key may already be queued: the message is written, the second outbox row is not. */
  private static final String QUEUE_ONE_UNLESS_THERE = ONE.formatted(QUEUED.formatted("on conflict do nothing"));

  /** A message queued in the outbox: its conversation (with the team and assignee it has now) and its id. */
  public record Queued(long conversationId, long messageId, Long teamId, Long assigneeId) {}

  /** Queues the message in the caller's transaction {@code tx}, in the contact's open conversation of the inbox. */
  public Future<Queued> queue(SqlClient tx, Outbound o) {
    return tx.preparedQuery(CONVERSATION).execute(Tuple.of(o.inboxId(), o.contactId(), o.teamId(), o.preview()))
        .map(rows -> rows.iterator().next())
        .compose(conversation -> queueOne(tx, o.in(conversation.getLong("id")), o.repeatIgnored())
            .map(message -> queued(conversation, message.getLong("id"))));
  }

  /**
   * Queues a message in a conversation that exists, in the caller's transaction; answers the message's row. A key
   * already queued fails the statement (unique violation), as a client's retry of the same send must.
   */
  public Future<Row> queueReply(SqlClient tx, Reply r) {
    return queueOne(tx, r, false);
  }

  /**
   * The set-based form of {@link #queueReply}, for a batch in one statement: {@code ctes} are the caller's common table
   * expressions (without {@code with}), the last of them named {@code outgoing}, with one row per conversation and
   * the columns conversation_id, inbox_id, channel, sender_kind, sender_user_id, content_type, text, attachments
   * (jsonb), content (jsonb), reply_to_provider_id, idempotency_key, campaign_id; {@code then} is the statement that
   * ends it, which may read the messages made from {@code queued_message}.
   */
  public static String queueAll(String ctes, String then) {
    return "with " + ctes + ",\n" + QUEUED.formatted("") + "\n" + then;
  }

  private Future<Row> queueOne(SqlClient tx, Reply r, boolean repeatIgnored) {
    Tuple args = Tuple.tuple().addLong(r.conversationId()).addLong(r.inboxId()).addString(r.channel())
        .addString(r.senderKind()).addLong(r.senderUserId()).addString(r.contentType()).addString(r.text())
        .addValue(r.attachments()).addValue(r.content()).addString(r.replyToProviderId())
        .addString(r.idempotencyKey());
    return tx.preparedQuery(repeatIgnored ? QUEUE_ONE_UNLESS_THERE : QUEUE_ONE).execute(args)
        .map(rows -> rows.iterator().next());
  }

  private static Queued queued(Row conversation, long messageId) {
    return new Queued(conversation.getLong("id"), messageId, conversation.getLong("team_id"),
        conversation.getLong("assignee_id"));
  }
}
