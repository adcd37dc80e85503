package com.conecta.connectors;

import java.time.Instant;

/** A provider's report on a message we sent (sent, delivered, read, failed with its error). */
public record StatusUpdate(
    String channel,
    String channelAccountId,
    String providerMessageId,
    DeliveryStatus status,
    Instant occurredAt,
    String recipientId,
    String errorCode,
    String errorTitle,
    String errorDetail) {}
