package com.conecta.hub.foundation.runtime;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node's Redis subscriptions (real-time events, sign-in invalidations) on a verticle of their own: their
 * connections, reconnect timers and message handling live on its event loop, not on an HTTP instance's or on the
 * loop that happened to start the node. Messages then hop to the loops that listen (see RealtimeBroker).
 */
public final class SubscriberVerticle extends VerticleBase {
  /** A subscription's start (never fails: a Redis that does not answer is retried in the background) and stop. */
  public record Subscription(Supplier<Future<Void>> start, Supplier<Future<Void>> stop) {}

  private final List<Subscription> subscriptions;

  public SubscriberVerticle(List<Subscription> subscriptions) {
    this.subscriptions = List.copyOf(subscriptions);
  }

  @Override
  public Future<?> start() {
    return Future.all(subscriptions.stream().map(s -> s.start().get()).toList());
  }

  @Override
  public Future<?> stop() {
    return Future.join(subscriptions.stream().map(s -> s.stop().get()).toList());
  }
}
