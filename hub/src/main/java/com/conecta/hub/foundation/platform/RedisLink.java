package com.conecta.hub.foundation.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;

/**
 * The shared, losable coordination store. Null-safe by design: with no Redis (single-node sandbox) every call
 * fails fast and callers fall back to what PostgreSQL or this node can do alone.
 */
public final class RedisLink {
  private final Vertx vertx;
  private final String url;
  private final String prefix;
  private final Redis client;
  private final RedisAPI api;

  public RedisLink(Vertx vertx, String url, String prefix) {
    this.vertx = vertx;
    this.url = url;
    this.prefix = prefix;
    if (url == null) {
      client = null;
      api = null;
    } else {
      client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
          .setMaxPoolWaiting(10_000).setMaxWaitingHandlers(10_000));
      api = RedisAPI.api(client);
    }
  }

  public boolean configured() {
    return client != null;
  }

  public String url() {
    return url;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Prefixes a key or channel name so that installations sharing one Redis stay apart. */
  public String key(String name) {
    return prefix + name;
  }

  public Redis client() {
    return client;
  }

  public Future<RedisAPI> api() {
    return api == null ? Future.failedFuture("redis is not configured") : Future.succeededFuture(api);
  }

  public Future<Void> ping() {
    return api().compose(a -> a.ping(List.of())).mapEmpty();
  }

  public Future<Void> close() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }
}
