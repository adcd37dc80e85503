package com.conecta.hub.foundation.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis pub/sub channel held subscribed: a dedicated connection, re-made a second after it breaks, and a start
 * that never fails (a Redis that does not answer is retried in the background). Used by the real-time events and the
 * sign-in invalidations, which only differ in what a message means. Without Redis it does nothing.
 */
public final class RedisSubscription {
  private static final Logger log = LoggerFactory.getLogger(RedisSubscription.class);
  private static final long RECONNECT_MS = 1_000;

  private final Vertx vertx;
  private final RedisLink redis;
  private final String channel;
  private final String what;
  private final Consumer<String> onMessage;
  private volatile RedisConnection subscriber;
  private volatile boolean closed;

  /** {@code what} names the subscription in the log; {@code onMessage} gets each message's payload. */
  public RedisSubscription(Vertx vertx, RedisLink redis, String channel, String what, Consumer<String> onMessage) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = channel;
    this.what = what;
    this.onMessage = onMessage;
  }

  public Future<Void> start() {
    if (!redis.configured()) {
      return Future.succeededFuture();
    }
    return subscribe().recover(e -> {
      log.warn("{}: Redis subscription failed ({}); retrying in the background", what, e.getMessage());
      scheduleReconnect();
      return Future.succeededFuture();
    });
  }

  private Future<Void> subscribe() {
    return redis.client().connect().compose(conn -> {
      conn.handler(this::onRedisMessage);
      conn.exceptionHandler(e -> lost(conn, e.getMessage()));
      conn.endHandler(v -> lost(conn, "connection closed"));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(r -> {
        if (closed) {
          conn.close();
        } else {
          subscriber = conn;
          log.info("{} subscribed on Redis channel {}", what, channel);
        }
        return null;
      });
    });
  }

  private void lost(RedisConnection conn, String why) {
    if (subscriber == conn && !closed) {
      subscriber = null;
      log.warn("{}: subscription lost ({}); reconnecting", what, why);
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

  private void onRedisMessage(Response r) {
    if (r == null || r.size() < 3 || !"message".equals(r.get(0).toString())) {
      return;
    }
    try {
      onMessage.accept(r.get(2).toString());
    } catch (RuntimeException e) {
      log.warn("{}: ignored a malformed message: {}", what, e.toString());
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
