package com.conecta.hub.messaging.realtime;

import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.foundation.platform.RedisSubscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to every hub node through Redis pub/sub. Events raised here reach this node's listeners at once;
 * other nodes' events arrive through the subscription. Without Redis, events stay on this node and nothing else
 * breaks; the subscription reconnects by itself.
 *
 * <p>Listeners are grouped by the event loop they registered on (an agent's stream lives on the loop that serves its
 * connection), and an event hops once to each loop, whose listeners then run there: a stream is only ever written
 * from its own loop, and one event costs one task per loop, not one per stream.
 */
public final class RealtimeBroker {
  private static final Logger log = LoggerFactory.getLogger(RealtimeBroker.class);

  private final Vertx vertx;
  private final RedisLink redis;
  private final String channel;
  private final String nodeId = UUID.randomUUID().toString();
  /** Keyed by the event loop's own context (never a request's duplicate, which would make a group per request). */
  private final Map<Context, List<Consumer<HubEvent>>> byLoop = new ConcurrentHashMap<>();
  /** Listeners registered outside any Vert.x context (tests, start-up code): called on the publishing thread. */
  private final List<Consumer<HubEvent>> unbound = new CopyOnWriteArrayList<>();
  private final RedisSubscription subscription;

  public RealtimeBroker(Vertx vertx, RedisLink redis) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = redis.key("events");
    this.subscription = new RedisSubscription(vertx, redis, channel, "real-time events", this::onRedisMessage);
  }

  public Future<Void> start() {
    return subscription.start();
  }

  private void onRedisMessage(String payload) {
    JsonObject envelope = new JsonObject(payload);
    if (nodeId.equals(envelope.getString("node"))) {
      return;
    }
    deliver(HubEvent.fromJson(envelope.getJsonObject("event")));
  }

  public void publish(HubEvent event) {
    deliver(event);
    if (!redis.configured()) {
      return;
    }
    String envelope = new JsonObject().put("node", nodeId).put("event", event.toJson()).encode();
    redis.api().compose(api -> api.publish(channel, envelope))
        .onFailure(e -> log.debug("event {} not shared with other nodes: {}", event.type(), e.getMessage()));
  }

  private void deliver(HubEvent event) {
    Context here = loopOf(Vertx.currentContext());
    byLoop.forEach((loop, group) -> {
      if (group.isEmpty()) {
        return;
      }
      if (loop == here) {
        deliverTo(group, event);
      } else {
        loop.runOnContext(v -> deliverTo(group, event));
      }
    });
    deliverTo(unbound, event);
  }

  private static void deliverTo(List<Consumer<HubEvent>> group, HubEvent event) {
    for (Consumer<HubEvent> l : group) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        log.warn("a real-time listener failed: {}", e.toString());
      }
    }
  }

  /** Registers a listener that is called on the event loop it registered from; the Runnable removes it. */
  public Runnable listen(Consumer<HubEvent> listener) {
    Context loop = loopOf(Vertx.currentContext());
    List<Consumer<HubEvent>> group = loop == null ? unbound
        : byLoop.computeIfAbsent(loop, c -> new CopyOnWriteArrayList<>());
    group.add(listener);
    return () -> group.remove(listener);
  }

  private static Context loopOf(Context context) {
    return context == null ? null : ((ContextInternal) context).unwrap();
  }

  public boolean subscribed() {
    return subscription.subscribed();
  }

  public Future<Void> close() {
    return subscription.close();
  }
}
