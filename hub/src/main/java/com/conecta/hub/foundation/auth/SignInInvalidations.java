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
   * Applies here at once, then tells the other nodes. Completes when Redis has taken the message (or could not: the
   * change still holds in the database, and other nodes see it when their cache entry expires).
   */
  public Future<Void> publish(long userId) {
    deliver(userId);
    if (!redis.configured()) {
      return Future.succeededFuture();
    }
    return redis.api().compose(api -> api.publish(channel, Long.toString(userId))).<Void>mapEmpty()
        .recover(e -> {
          log.warn("sign-in invalidation for user {} not shared with other nodes: {}", userId, e.getMessage());
          return Future.succeededFuture();
        });
  }

  private void onMessage(String payload) {
    try {
      deliver(Long.parseLong(payload));
    } catch (NumberFormatException e) {
      log.warn("ignored a malformed sign-in invalidation");
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
