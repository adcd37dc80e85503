package com.conecta.connectors;

import java.time.Instant;

/**
 * A provider's report on a message we sent (sent, delivered, read, failed with its error). {@code callbackData} is
 * what the hub attached to the send and the provider echoes back (WhatsApp's {@code biz_opaque_callback_data}: the
 * outbox idempotency key), so that a send whose answer was lost can be recognised from its receipts.
 */
public record StatusUpdate(
    String channel,
    String channelAccountId,
    String providerMessageId,
    DeliveryStatus status,
    Instant occurredAt,
    String recipientId,
    String errorCode,
    String errorTitle,
    String errorDetail,
    String callbackData) {

  public StatusUpdate(String channel, String channelAccountId, String providerMessageId, DeliveryStatus status,
      Instant occurredAt, String recipientId, String errorCode, String errorTitle, String errorDetail) {
    this(channel, channelAccountId, providerMessageId, status, occurredAt, recipientId, errorCode, errorTitle, errorDetail,
        null);
  }
}
