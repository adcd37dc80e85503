package com.conecta.hub.messaging.realtime;

import static org.junit.jupiter.api.Assertions.*;

import com.conecta.hub.foundation.platform.RedisLink;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live events reach each listener on the event loop it registered from, once")
class LiveEventsRunOnTheListenersLoopTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Event-loop contexts on distinct threads: verticles get the loops in turn, a loop seen twice is skipped. */
  private List<Context> distinctLoops(int n) throws Exception {
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

  @Test
  @DisplayName("an event published on a third loop runs each stream's listener on that stream's own loop, once")
  void eachListenerOnItsOwnLoop() throws Exception {
    RealtimeBroker broker = new RealtimeBroker(vertx, new RedisLink(vertx, null, "t:"));
    List<Context> loops = distinctLoops(3);
    int listeners = 10;
    List<String> wrongThread = new CopyOnWriteArrayList<>();
    Map<String, AtomicInteger> firstEventCalls = new ConcurrentHashMap<>();
    CountDownLatch registered = new CountDownLatch(listeners);
    CountDownLatch first = new CountDownLatch(listeners);
    CountDownLatch second = new CountDownLatch(listeners);
    for (int i = 0; i < listeners; i++) {
      String name = "stream" + i;
      firstEventCalls.put(name, new AtomicInteger());
      loops.get(i % 2).runOnContext(v -> {
        String own = Thread.currentThread().getName();
        broker.listen(event -> {
          if (!Thread.currentThread().getName().equals(own)) {
            wrongThread.add(name + " ran on " + Thread.currentThread().getName() + ", registered on " + own);
          }
          if (event.conversationId() == 7L) {
            firstEventCalls.get(name).incrementAndGet();
            first.countDown();
          } else {
            second.countDown();
          }
        });
        registered.countDown();
      });
    }
    assertTrue(registered.await(5, TimeUnit.SECONDS));
    loops.get(2).runOnContext(v -> broker.publish(new HubEvent("message.created", 1, 7L, new JsonObject())));
    assertTrue(first.await(5, TimeUnit.SECONDS), "every listener gets the event");
    // A second event after it: once every listener has it, any repeat of the first would have arrived before it.
    loops.get(2).runOnContext(v -> broker.publish(new HubEvent("message.created", 1, 8L, new JsonObject())));
    assertTrue(second.await(5, TimeUnit.SECONDS));
    assertEquals(List.of(), wrongThread);
    firstEventCalls.forEach((name, n) -> assertEquals(1, n.get(), name + " got the first event once"));
  }
}
