package com.conecta.hub.bench;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/** The load generator's clock and sums: open-model pacing, and latency percentiles in milliseconds. */
final class Latencies {
  private Latencies() {}

  /**
   * Parks until {@code nanoTime}: the open model's pacing (request i is due at start + i / rate), not a wait for a
   * condition.
   */
  static void waitUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  static JsonObject summary(long[] nanos, int count) {
    long[] sorted = Arrays.copyOf(nanos, nanos.length);
    Arrays.sort(sorted);
    return new JsonObject().put("count", count).put("p50", pct(sorted, .50)).put("p90", pct(sorted, .90))
        .put("p99", pct(sorted, .99)).put("p999", pct(sorted, .999))
        .put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  /** The {@code p} percentile of sorted nanoseconds, in milliseconds. */
  static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
