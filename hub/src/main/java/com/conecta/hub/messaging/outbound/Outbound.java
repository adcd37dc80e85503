package com.conecta.hub.messaging.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One message the hub sends on its own initiative (a reminder, a quote, a survey question): to whom, from which inbox,
 * what, and the idempotency key that makes its outbox row unique.
 *
 * @param preview the conversation list's preview line (features choose how much of the text it shows)
 * @param repeatIgnored true when a second row with the same key is expected and harmless (answered with no new row)
 */
public record Outbound(long inboxId, long contactId, Long teamId, String channel, String senderKind, Long senderUserId,
    String contentType, String text, String preview, JsonArray attachments, JsonObject content, String idempotencyKey,
    boolean repeatIgnored) {

  public Outbound {
    attachments = attachments == null ? new JsonArray() : attachments;
    content = content == null ? new JsonObject() : content;
  }

  /** A message the bot sends (no person behind it), its preview being its text. */
  public static Outbound fromBot(long inboxId, long contactId, Long teamId, String channel, String contentType, String text,
      JsonObject content, String idempotencyKey) {
    return new Outbound(inboxId, contactId, teamId, channel, "bot", null, contentType, text, text, null, content,
        idempotencyKey, false);
  }

  /** The same message, whose outbox row is skipped (not an error) when one with its key exists. */
  public Outbound ignoringRepeats() {
    return new Outbound(inboxId, contactId, teamId, channel, senderKind, senderUserId, contentType, text, preview,
        attachments, content, idempotencyKey, true);
  }

  /** The same message in the conversation {@code conversationId} (opened or joined for it). */
  public Reply in(long conversationId) {
    return new Reply(conversationId, inboxId, channel, senderKind, senderUserId, contentType, text, attachments, content,
        null, idempotencyKey);
  }

  /** The message as a named person sends it, with the preview cut to {@code maxPreview} characters. */
  public static Outbound fromPerson(long inboxId, long contactId, Long teamId, String channel, String senderKind,
      Long senderUserId, String contentType, String text, JsonArray attachments, JsonObject content,
      String idempotencyKey, int maxPreview) {
    String preview = text.length() > maxPreview ? text.substring(0, maxPreview) : text;
    return new Outbound(inboxId, contactId, teamId, channel, senderKind, senderUserId, contentType, text, preview,
        attachments, content, idempotencyKey, false);
  }
}
