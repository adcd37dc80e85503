package com.conecta.hub.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Event-loop contexts for tests of what runs on which loop. */
public final class EventLoops {
  private EventLoops() {}

  /** {@code n} event-loop contexts on distinct threads: verticles get the loops in turn, a loop seen twice is skipped. */
  public static List<Context> distinct(Vertx vertx, int n) throws InterruptedException {
    List<Context> created = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        created.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(8)).await();
    Map<String, Context> byThread = new ConcurrentHashMap<>();
    for (Context c : created) {
      CountDownLatch seen = new CountDownLatch(1);
      c.runOnContext(v -> {
        byThread.putIfAbsent(Thread.currentThread().getName(), c);
        seen.countDown();
      });
      assertTrue(seen.await(5, TimeUnit.SECONDS));
    }
    assertTrue(byThread.size() >= n, "Vert.x should have " + n + " event loops at least");
    return new ArrayList<>(byThread.values()).subList(0, n);
  }
}
