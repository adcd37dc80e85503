package com.conecta.hub.foundation.webhook;

import com.conecta.hub.foundation.config.ConfigException;
import com.conecta.hub.foundation.config.ConfigReader;
import io.vertx.core.json.JsonObject;

/**
 * Settings of outgoing webhooks (block {@code webhooks} of conecta.yaml), read once at start; a bad value stops the
 * start naming the key.
 *
 * @param pollMs how often a node looks for due deliveries
 * @param timeoutMs one attempt's limit: a slow subscriber holds one worker slot this long at most
 * @param concurrency attempts in flight per node at most
 * @param backoffBaseMs the wait after the first failed attempt; it doubles with each further one (with jitter)
 * @param backoffMaxMs the longest wait between two attempts
 * @param giveUpHours an event not delivered this long after it happened is given up
 * @param disableAfterFailures failed attempts in a row after which the subscription is switched off
 * @param disableAfterHours hours of nothing but failures after which the subscription is switched off
 * @param plainHttpToPrivate whether http:// to localhost and private addresses is accepted (sandbox and tests)
 */
public record WebhookSettings(long pollMs, long timeoutMs, int concurrency, long backoffBaseMs, long backoffMaxMs,
    int giveUpHours, int disableAfterFailures, int disableAfterHours, boolean plainHttpToPrivate) {

  /** A claim outlives the attempt it is for, so that a live attempt is never handed to another node. */
  public long leaseMs() {
    return timeoutMs + 30_000;
  }

  public static WebhookSettings from(JsonObject raw, boolean sandbox) {
    ConfigReader r = new ConfigReader(raw);
    String http = r.string("webhooks.plain-http-to-private", "auto").trim().toLowerCase();
    boolean plainHttp = switch (http) {
      case "auto" -> sandbox;
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException("webhooks.plain-http-to-private", "must be auto, true or false, was '" + http + "'");
    };
    long base = r.longInRange("webhooks.backoff-base-ms", 10_000, 1, 3_600_000);
    long max = r.longInRange("webhooks.backoff-max-ms", 3_600_000, 1, 24L * 3_600_000);
    if (max < base) {
      throw new ConfigException("webhooks.backoff-max-ms", "must be at least webhooks.backoff-base-ms (" + base + ")");
    }
    return new WebhookSettings(r.longInRange("webhooks.poll-ms", 250, 10, 60_000),
        r.longInRange("webhooks.timeout-ms", 10_000, 100, 120_000), r.intInRange("webhooks.concurrency", 16, 1, 512),
        base, max, r.intInRange("webhooks.give-up-hours", 24, 1, 24 * 14),
        r.intInRange("webhooks.disable-after-failures", 50, 1, 100_000),
        r.intInRange("webhooks.disable-after-hours", 24, 1, 24 * 14), plainHttp);
  }
}
