package com.conecta.hub.reliability;

import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Waiting for the system to settle, counting in the database, and printing what a fault test did. */
final class Tally {
  private final String test;
  private final Map<String, Object> counts = new LinkedHashMap<>();

  Tally(String test) {
    this.test = test;
  }

  Tally put(String what, Object n) {
    counts.put(what, n);
    return this;
  }

  void print() {
    StringBuilder s = new StringBuilder("RELIABILITY [").append(test).append("]");
    counts.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
    System.out.println(s);
  }

  static long count(Pool sql, String q) {
    try {
      return sql.query(q).execute().await().iterator().next().getLong(0);
    } catch (RuntimeException e) {
      throw new IllegalStateException("query failed: " + q, e);
    }
  }

  /** Polls until the condition holds (a probe that throws means "still recovering"); fails with {@code what}. */
  static void waitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    com.conecta.hub.support.Await.until(() -> {
      try {
        return condition.getAsBoolean();
      } catch (RuntimeException e) {
        return false;
      }
    }, what, timeout);
  }
}
