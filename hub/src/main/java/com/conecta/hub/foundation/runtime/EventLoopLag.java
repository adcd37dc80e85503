package com.conecta.hub.foundation.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * How late a timer fires on this event loop ({@code conecta_event_loop_lag_seconds}, tagged with the thread): a loop
 * held by other work (a long handler, a burst of callbacks) shows here before it shows in request times.
 */
final class EventLoopLag {
  private static final long PERIOD_MS = 100;

  private final Vertx vertx;
  private final long timer;

  private EventLoopLag(Vertx vertx, long timer) {
    this.vertx = vertx;
    this.timer = timer;
  }

  /** Starts measuring the calling event loop; called from a verticle's start. */
  static EventLoopLag start(Vertx vertx, MeterRegistry metrics) {
    Timer lag = Timer.builder("conecta_event_loop_lag").description("how late a 100 ms timer fired on this loop")
        .tag("thread", Thread.currentThread().getName()).publishPercentiles(0.5, 0.99).register(metrics);
    long[] due = {System.nanoTime() + PERIOD_MS * 1_000_000};
    long timer = vertx.setPeriodic(PERIOD_MS, PERIOD_MS, t -> {
      // Vert.x schedules periodic timers at a fixed rate, so each run is due one period after the previous due time.
      lag.record(Math.max(0, System.nanoTime() - due[0]), TimeUnit.NANOSECONDS);
      due[0] += PERIOD_MS * 1_000_000;
    });
    return new EventLoopLag(vertx, timer);
  }

  void stop() {
    vertx.cancelTimer(timer);
  }
}
