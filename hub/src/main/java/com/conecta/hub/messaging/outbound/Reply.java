package com.conecta.hub.messaging.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A message sent in a conversation that exists — an agent's reply, the bot's answer, an opt-out confirmation, or an
 * {@link Outbound} once its conversation is known: where it goes, what it says and the idempotency key of its outbox
 * row.
 *
 * @param replyToProviderId the provider's id of the customer message it answers (a quoted reply), or null
 */
public record Reply(long conversationId, long inboxId, String channel, String senderKind, Long senderUserId,
    String contentType, String text, JsonArray attachments, JsonObject content, String replyToProviderId,
    String idempotencyKey) {

  public Reply {
    attachments = attachments == null ? new JsonArray() : attachments;
    content = content == null ? new JsonObject() : content;
  }
}
