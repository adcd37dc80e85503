package com.conecta.hub.messaging.realtime;

import static org.junit.jupiter.api.Assertions.*;

import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.support.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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

  @Test
  @DisplayName("an event published on a third loop runs each stream's listener on that stream's own loop, once")
  void eachListenerOnItsOwnLoop() throws Exception {
    RealtimeBroker broker = new RealtimeBroker(vertx, new RedisLink(vertx, null, "t:"));
    List<Context> loops = EventLoops.distinct(vertx, 3);
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
