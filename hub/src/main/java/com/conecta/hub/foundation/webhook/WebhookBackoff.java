package com.conecta.hub.foundation.webhook;

/**
 * The wait before the next attempt: the base doubled for each failed attempt, capped, and spread by jitter (between
 * half and all of it) so that many deliveries failing together do not all come back at the same instant.
 */
final class WebhookBackoff {
  private WebhookBackoff() {}

  /** @param attempts failed attempts so far (1 after the first); @param random a number in [0, 1) */
  static long delayMs(int attempts, long baseMs, long maxMs, double random) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 40);
    long full = Math.min(maxMs, baseMs * (1L << Math.min(doublings, 30)));
    return Math.max(1, Math.round(full * (0.5 + random / 2)));
  }
}
