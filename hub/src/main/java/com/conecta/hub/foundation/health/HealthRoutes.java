package com.conecta.hub.foundation.health;

import com.conecta.hub.foundation.platform.RedisLink;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/**
 * {@code /health} (the process answers), {@code /ready} (PostgreSQL answers, Redis answers or is degraded, and start-up
 * work named with {@link #requires} is done), {@code /metrics}.
 */
public final class HealthRoutes {
  private final Pool pool;
  private final RedisLink redis;
  private final PrometheusMeterRegistry registry;
  private final java.util.Map<String, Future<?>> startUp = new java.util.concurrent.ConcurrentHashMap<>();

  public HealthRoutes(Pool pool, RedisLink redis, PrometheusMeterRegistry registry) {
    this.pool = pool;
    this.redis = redis;
    this.registry = registry;
  }

  /** Start-up work {@code /ready} waits for (e.g. the bot's model); shown under {@code name}: starting, ready, failed. */
  public HealthRoutes requires(String name, Future<?> work) {
    startUp.put(name, work);
    return this;
  }

  public void register(Router router) {
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/ready").handler(ctx -> {
      Future<String> db = pool.query("select 1").execute().map("up").otherwise("down");
      Future<String> cache = redis.configured() ? redis.ping().map("up").otherwise("down")
          : Future.succeededFuture("single-node");
      Future.join(db, cache).onComplete(ar -> {
        // Redis is losable coordination: without it the node still takes and sends messages (real-time events and
        // round-robin degrade), so it stays in the load balancer; without PostgreSQL it cannot.
        JsonObject body = new JsonObject().put("database", db.result()).put("redis", cache.result());
        boolean started = true;
        for (var w : startUp.entrySet()) {
          Future<?> f = w.getValue();
          started &= f.succeeded();
          body.put(w.getKey(), f.succeeded() ? "ready" : f.failed() ? "failed" : "starting");
        }
        boolean ready = "up".equals(db.result()) && started;
        boolean degraded = "down".equals(cache.result());
        ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
            .end(body.put("status", !ready ? "not_ready" : degraded ? "degraded" : "ready").encode());
      });
    });
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
  }
}
