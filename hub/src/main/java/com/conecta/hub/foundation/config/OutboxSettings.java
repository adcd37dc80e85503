package com.conecta.hub.foundation.config;

import java.time.Duration;

/**
 * The outbox's exactly-once timing (section {@code outbox}): the claim lease, how long a send with no answer waits
 * for the provider's receipt before it is sent again, and the WhatsApp send time-out.
 */
public record OutboxSettings(Duration lease, Duration inDoubt, long whatsappTimeoutMs) {

  public static OutboxSettings from(HubConfig config) {
    ConfigReader r = new ConfigReader(config.raw());
    return new OutboxSettings(Duration.ofSeconds(r.intInRange("outbox.lease-seconds", 30, 1, 3600)),
        Duration.ofSeconds(r.intInRange("outbox.in-doubt-seconds", 30, 1, 86_400)),
        r.longInRange("outbox.whatsapp-timeout-ms", 15_000, 100, 300_000));
  }
}
