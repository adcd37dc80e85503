package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.foundation.platform.RedisSubscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every hub node that what it remembers about a user's sign-ins is stale (a token revoked, a role or password
 * changed, sessions ended), through a Redis channel of its own. It is separate from the real-time events so that
 * nothing about credentials can reach a browser's event stream. Without Redis only this node hears it, and the
 * other nodes' short principal cache is the fallback.
 */
public final class SignInInvalidations {
  private static final Logger log = LoggerFactory.getLogger(SignInInvalidations.class);

  private final Vertx vertx;
  private final RedisLink redis;
  private final String channel;
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private final RedisSubscription subscription;

  public SignInInvalidations(Vertx vertx, RedisLink redis) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = redis.key("auth-invalidations");
    this.subscription = new RedisSubscription(vertx, redis, channel, "sign-in invalidations", this::onMessage);
  }

  /** Subscribes; a Redis that does not answer now is retried in the background, so the start never fails. */
  public Future<Void> start() {
    return subscription.start();
  }

  public void onUser(LongConsumer listener) {
    listeners.add(listener);
  }

  /**
   * Applies here at once, then tells the other nodes and waits until each node subscribed has applied it (they
   * count themselves on an acknowledgement key), at most {@link #ACK_WAIT_MS}: the answer to the change then leaves
   * only after every node refuses the old sign-in, so the user's next request is refused wherever it lands. When
   * Redis or a node is slow the change still holds in the database and other nodes see it when their cache entry
   * expires.
   */
  public Future<Void> publish(long userId) {
    deliver(userId);
    if (!redis.configured()) {
      return Future.succeededFuture();
    }
    String nonce = java.util.UUID.randomUUID().toString();
    return redis.api().compose(api -> api.publish(channel, userId + ":" + nonce)
            .compose(receivers -> acknowledged(api, ackKey(nonce), receivers == null ? 0 : receivers.toInteger(),
                System.nanoTime() + ACK_WAIT_MS * 1_000_000L)))
        .recover(e -> {
          log.warn("sign-in invalidation for user {} not shared with other nodes: {}", userId, e.getMessage());
          return Future.succeededFuture();
        });
  }

  static final long ACK_WAIT_MS = 500;

  private String ackKey(String nonce) {
    return redis.key("auth-invalidation-ack:" + nonce);
  }

  /** Polls the acknowledgement count every 2 ms until every receiver (this node included) has applied it. */
  private Future<Void> acknowledged(io.vertx.redis.client.RedisAPI api, String key, int receivers, long deadline) {
    return api.get(key).compose(r -> {
      int acks = r == null ? 0 : r.toInteger();
      if (acks >= receivers) {
        return Future.<Void>succeededFuture();
      }
      if (System.nanoTime() > deadline) {
        log.warn("sign-in invalidation: {} of {} nodes confirmed within {} ms; the others' caches expire soon",
            acks, receivers, ACK_WAIT_MS);
        return Future.<Void>succeededFuture();
      }
      return vertx.timer(2).compose(t -> acknowledged(api, key, receivers, deadline));
    });
  }

  /** "userId:nonce": forget the user here, then count this node on the sender's acknowledgement key. */
  private void onMessage(String payload) {
    int colon = payload.indexOf(':');
    try {
      deliver(Long.parseLong(colon < 0 ? payload : payload.substring(0, colon)));
    } catch (NumberFormatException e) {
      log.warn("ignored a malformed sign-in invalidation");
      return;
    }
    if (colon > 0) {
      String key = ackKey(payload.substring(colon + 1));
      redis.api().compose(api -> api.incr(key).compose(n -> api.expire(List.of(key, "30"))))
          .onFailure(e -> log.warn("sign-in invalidation not acknowledged: {}", e.getMessage()));
    }
  }

  private void deliver(long userId) {
    for (LongConsumer l : listeners) {
      l.accept(userId);
    }
  }

  public boolean subscribed() {
    return subscription.subscribed();
  }

  public Future<Void> close() {
    return subscription.close();
  }
}
