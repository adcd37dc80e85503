package com.conecta.hub.operations.assignment;

import com.conecta.hub.foundation.platform.RedisLink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The round-robin cursor of each team (the last agent assigned) in Redis, shared by every node. Redis may be lost:
 * reads that fail or take longer than a moment answer null and the caller falls back to the durable copy.
 */
public final class RoundRobinCursor {
  private static final long TIMEOUT_MS = 250;
  private final Vertx vertx;
  private final RedisLink redis;

  public RoundRobinCursor(Vertx vertx, RedisLink redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  public Future<Long> last(long teamId) {
    if (!redis.configured()) {
      return Future.succeededFuture(null);
    }
    Future<Long> read = redis.api().compose(api -> api.get(key(teamId)))
        .map(r -> r == null ? null : Long.valueOf(r.toString()));
    return withTimeout(read).otherwise((Long) null);
  }

  public Future<Void> remember(long teamId, long userId) {
    if (!redis.configured()) {
      return Future.succeededFuture();
    }
    return withTimeout(redis.api().compose(api -> api.set(List.of(key(teamId), String.valueOf(userId))))
        .<Void>mapEmpty()).otherwiseEmpty();
  }

  private String key(long teamId) {
    return redis.key("rr:" + teamId);
  }

  private <T> Future<T> withTimeout(Future<T> f) {
    Promise<T> p = Promise.promise();
    long timer = vertx.setTimer(TIMEOUT_MS, t -> p.tryFail("redis did not answer in time"));
    f.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        p.tryComplete(ar.result());
      } else {
        p.tryFail(ar.cause());
      }
    });
    return p.future();
  }
}
