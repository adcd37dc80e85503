package com.conecta.connectors;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A message from a customer, in the hub's channel-neutral shape. The only inbound type that crosses from
 * connectors into the hub.
 *
 * @param channel the inbox channel type: api, whatsapp, twilio, email, webform
 * @param channelAccountId what routes it to an inbox: the WhatsApp phone_number_id, the Twilio "To" address, the
 *     mailbox address, the form key; null for the API channel (the inbox is in the URL)
 * @param providerMessageId the provider's id of this message, unique per inbox (dedupe key)
 * @param content type-specific structure (location, contacts, reaction, interactive reply, referral, errors...)
 * @param replyToProviderMessageId the provider id of the message this one answers (WhatsApp context), if any
 * @param thread email threading keys, if any
 */
public record InboundMessage(
    String channel,
    String channelAccountId,
    String providerMessageId,
    SenderProfile sender,
    ContentType contentType,
    String text,
    List<Attachment> attachments,
    JsonObject content,
    Instant sentAt,
    String replyToProviderMessageId,
    ThreadRef thread) {

  public InboundMessage {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    content = content == null ? new JsonObject() : content.copy();
  }
}
