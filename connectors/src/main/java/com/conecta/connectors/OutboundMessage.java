package com.conecta.connectors;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A message the hub wants a connector to send, in the channel-neutral shape.
 *
 * @param channelAccountId the sending account (WhatsApp phone_number_id, Twilio "From", mailbox address)
 * @param to the recipient's identity on the channel
 * @param content type-specific structure: template {name, language, components}, interactive {buttons|list},
 *     location {latitude, longitude, name, address}, email {subject, html, fromName}
 * @param replyToProviderMessageId the provider id of the message this one quotes or answers
 * @param thread email threading keys to write (Message-ID, In-Reply-To, References)
 * @param idempotencyKey unique per intended send; a retried send keeps it
 */
public record OutboundMessage(
    String channel,
    String channelAccountId,
    ChannelIdentity to,
    ContentType contentType,
    String text,
    List<Attachment> attachments,
    JsonObject content,
    String replyToProviderMessageId,
    ThreadRef thread,
    String idempotencyKey) {

  public OutboundMessage {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    content = content == null ? new JsonObject() : content.copy();
  }
}
