package com.conecta.hub.support;

import com.conecta.hub.Hub;
import com.conecta.hub.foundation.config.ConfigLoader;
import com.conecta.hub.foundation.config.HubConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Starts real hub nodes for tests: sandbox data seeded, a random port, the test database and Redis. */
public final class TestHub {
  /** Base64 of 32 fixed bytes: every test hub seals with it unless its class sets {@code secrets.key} itself. */
  static final String TEST_SECRETS_KEY = "Y29uZWN0YS10ZXN0LWh1YnMtc2VjcmV0cy1rZXktMzI=";
  private TestHub() {}

  public static Hub start(Vertx vertx, String dbUrl, String redisUrl, String redisPrefix) {
    return start(vertx, dbUrl, redisUrl, redisPrefix, new JsonObject());
  }

  public static Hub start(Vertx vertx, String dbUrl, String redisUrl, String redisPrefix, JsonObject extra) {
    JsonObject overrides = new JsonObject().put("http.port", 0).put("http.host", "127.0.0.1")
        .put("db.url", dbUrl).put("db.pool-size", 6).put("redis.url", redisUrl == null ? "" : redisUrl)
        .put("redis.prefix", redisPrefix).put("sandbox.enabled", "true")
        // The demo WhatsApp inboxes have a bot; tests of other features talk to agents directly.
        .put("bot.enabled", "false")
        // Nor do they expect after-sale surveys after their orders and tickets.
        .put("satisfaction.enabled", "false")
        // Nor a sandbox mail server on the default ports (the tests that want one ask for it on free ports).
        .put("email.sandbox-server", "false")
        // Test hubs seed and sign in users in every class: a cheap Argon2 cost (sandbox mode only) keeps that quick.
        .put("auth.password-hash.memory-kib", 64).put("auth.password-hash.iterations", 1)
        // A key of their own rather than one generated into the shared data folder: test JVMs that start their first
        // hub at the same moment on a fresh checkout would both write that file, and one could read it half written.
        .put("secrets.key", TEST_SECRETS_KEY);
    extra.forEach(e -> overrides.put(e.getKey(), e.getValue()));
    HubConfig config = new ConfigLoader(vertx, Map.of()).load(overrides).await();
    // Tests start working where a user would: once /ready would answer, the bot's model trained.
    Hub hub = Hub.start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), dbUrl, redisUrl).await();
    hub.warmedUp().await();
    return hub;
  }
}
