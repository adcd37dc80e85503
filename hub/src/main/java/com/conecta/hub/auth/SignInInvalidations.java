package com.conecta.hub.auth;

import com.conecta.hub.platform.RedisLink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
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
  private static final long RECONNECT_MS = 1_000;

  private final Vertx vertx;
  private final RedisLink redis;
  private final String channel;
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private volatile RedisConnection subscriber;
  private volatile boolean closed;

  public SignInInvalidations(Vertx vertx, RedisLink redis) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = redis.key("auth-invalidations");
  }

  /** Subscribes; a Redis that does not answer now is retried in the background, so the start never fails. */
  public Future<Void> start() {
    if (!redis.configured()) {
      return Future.succeededFuture();
    }
    return subscribe().recover(e -> {
      log.warn("sign-in invalidations: Redis subscription failed ({}); other nodes' changes apply within the cache"
          + " lifetime until it is back", e.getMessage());
      scheduleReconnect();
      return Future.succeededFuture();
    });
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

  private Future<Void> subscribe() {
    return redis.client().connect().compose(conn -> {
      conn.handler(this::onMessage);
      conn.exceptionHandler(e -> lost(conn, e.getMessage()));
      conn.endHandler(v -> lost(conn, "connection closed"));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(r -> {
        if (closed) {
          conn.close();
        } else {
          subscriber = conn;
        }
        return null;
      });
    });
  }

  private void lost(RedisConnection conn, String why) {
    if (subscriber == conn && !closed) {
      subscriber = null;
      log.warn("sign-in invalidations: subscription lost ({}); reconnecting", why);
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (!closed) {
      vertx.setTimer(RECONNECT_MS, t -> {
        if (!closed) {
          subscribe().onFailure(e -> scheduleReconnect());
        }
      });
    }
  }

  private void onMessage(Response r) {
    if (r == null || r.size() < 3 || !"message".equals(r.get(0).toString())) {
      return;
    }
    try {
      deliver(Long.parseLong(r.get(2).toString()));
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
    return subscriber != null;
  }

  public Future<Void> close() {
    closed = true;
    RedisConnection c = subscriber;
    subscriber = null;
    return c == null ? Future.succeededFuture() : c.close().recover(e -> Future.succeededFuture());
  }
}
