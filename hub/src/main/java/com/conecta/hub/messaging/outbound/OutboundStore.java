package com.conecta.hub.messaging.outbound;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The one way a feature sends a message of its own to a contact: open (or join) the contact's open conversation of
 * the inbox, insert the queued message, insert its outbox row — all in the caller's transaction, so the message is
 * sent if and only if the business action that caused it commits. The outbox worker takes it from there.
 *
 * <p>Campaign fan-out does the same three steps for thousands of recipients in one set-based statement
 * ({@code CampaignStore.fanOut}); replies in an existing conversation use {@code ConversationStore}.
 */
public final class OutboundStore {
  private static final String CONVERSATION = """
      insert into conversations as c (inbox_id, contact_id, team_id, last_activity_at, last_message_preview)
      values ($1, $2, $3, now(), $4)
      on conflict (inbox_id, contact_id) where status <> 'resolved' and thread_key is null
      do update set last_activity_at = now(), last_message_preview = excluded.last_message_preview
      returning c.id, c.team_id, c.assignee_id""";
  private static final String MESSAGE = """
      insert into messages (conversation_id, inbox_id, direction, sender_kind, sender_user_id, content_type, text,
                            attachments, content, status, sent_at)
      values ($1, $2, 'out', $3, $4, $5, $6, $7, $8, 'queued', now()) returning id""";
  private static final String OUTBOX = """
      insert into outbox (message_id, inbox_id, conversation_id, channel, idempotency_key) values ($1, $2, $3, $4, $5)""";
  private static final String OUTBOX_UNLESS_THERE = OUTBOX + " on conflict do nothing";

  /** A message queued in the outbox: its conversation (with the team and assignee it has now) and its id. */
  public record Queued(long conversationId, long messageId, Long teamId, Long assigneeId) {}

  /** Queues the message in the caller's transaction {@code tx}. */
  public Future<Queued> queue(SqlClient tx, Outbound o) {
    return tx.preparedQuery(CONVERSATION).execute(Tuple.of(o.inboxId(), o.contactId(), o.teamId(), o.preview()))
        .map(rows -> rows.iterator().next())
        .compose(conversation -> insertMessage(tx, conversation.getLong("id"), o)
            .compose(messageId -> tx.preparedQuery(o.repeatIgnored() ? OUTBOX_UNLESS_THERE : OUTBOX)
                .execute(Tuple.of(messageId, o.inboxId(), conversation.getLong("id"), o.channel(), o.idempotencyKey()))
                .map(v -> queued(conversation, messageId))));
  }

  private Future<Long> insertMessage(SqlClient tx, long conversationId, Outbound o) {
    return tx.preparedQuery(MESSAGE).execute(Tuple.tuple().addLong(conversationId).addLong(o.inboxId())
            .addString(o.senderKind()).addLong(o.senderUserId()).addString(o.contentType()).addString(o.text())
            .addValue(o.attachments()).addValue(o.content()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static Queued queued(Row conversation, long messageId) {
    return new Queued(conversation.getLong("id"), messageId, conversation.getLong("team_id"),
        conversation.getLong("assignee_id"));
  }
}
