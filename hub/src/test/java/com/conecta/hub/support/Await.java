package com.conecta.hub.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * The one way tests wait: for a condition, polled every few milliseconds, up to a timeout, failing with a message
 * that says what never happened. Never a fixed sleep: a test waits exactly as long as the hub takes.
 */
public final class Await {
  /**
   * Long enough for a 2-core machine shared by several builds (load average 30 seen): a passing test never waits
   * this long, so patience costs nothing. The loops this replaced counted 150 polls of 100 ms plus each probe's time.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MS = 20;

  private Await() {}

  /** Waits until {@code condition} holds; fails saying {@code what} after {@link #DEFAULT_TIMEOUT}. */
  public static void until(BooleanSupplier condition, String what) {
    until(condition, what, DEFAULT_TIMEOUT);
  }

  public static void until(BooleanSupplier condition, String what, Duration timeout) {
    value(condition::getAsBoolean, ok -> ok, what, timeout);
  }

  /** Waits until {@code probe} gives a value {@code accepted} takes, and answers that value. */
  public static <T> T value(Supplier<T> probe, Predicate<? super T> accepted, String what) {
    return value(probe, accepted, what, DEFAULT_TIMEOUT);
  }

  public static <T> T value(Supplier<T> probe, Predicate<? super T> accepted, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!accepted.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionFailedError("waited " + timeout.toMillis() + " ms for: " + what + " (last seen: " + last + ")");
      }
      pause();
      last = probe.get();
    }
    return last;
  }

  /** True once {@code condition} holds, false after the timeout: for tests that assert their own message. */
  public static boolean holds(BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause();
    }
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting");
    }
  }
}
