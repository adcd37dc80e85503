package com.conecta.hub.health;

import com.conecta.hub.platform.RedisLink;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/** {@code /health} (the process answers), {@code /ready} (PostgreSQL and Redis answer), {@code /metrics}. */
public final class HealthRoutes {
  private final Pool pool;
  private final RedisLink redis;
  private final PrometheusMeterRegistry registry;

  public HealthRoutes(Pool pool, RedisLink redis, PrometheusMeterRegistry registry) {
    this.pool = pool;
    this.redis = redis;
    this.registry = registry;
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
        boolean ready = "up".equals(db.result());
        boolean degraded = "down".equals(cache.result());
        ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
            .end(new JsonObject().put("status", !ready ? "not_ready" : degraded ? "degraded" : "ready")
                .put("database", db.result()).put("redis", cache.result()).encode());
      });
    });
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
  }
}
