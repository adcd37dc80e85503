package com.conecta.hub;

import com.conecta.hub.config.ConfigLoader;
import com.conecta.hub.config.HubConfig;
import com.conecta.hub.platform.EmbeddedServers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one hub node: configuration, then the embedded PostgreSQL and Redis when none is configured, then the hub. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    EmbeddedServers embedded = new EmbeddedServers();
    HubConfig config;
    try {
      config = new ConfigLoader(vertx, System.getenv()).load(new JsonObject()).await();
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage());
      vertx.close();
      System.exit(2);
      return;
    }
    HubConfig cfg = config;
    Hub hub;
    try {
      hub = vertx.executeBlocking(() -> {
            Files.createDirectories(cfg.dataDir());
            String db = cfg.db().embedded() ? embedded.startPostgres(cfg.dataDir()) : cfg.db().url();
            String redis = cfg.redis().embedded() ? embedded.startRedis() : cfg.redis().url();
            return new String[] {db, redis};
          })
          .compose(urls -> Hub.start(vertx, cfg, metrics, urls[0], urls[1]))
          .await();
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage(), e);
      embedded.close();
      vertx.close();
      System.exit(1);
      return;
    }
    log.info("Conecta is ready at http://localhost:{}/ (started in {} ms)", hub.port(),
        (System.nanoTime() - started) / 1_000_000);
    if (cfg.sandbox().enabled()) {
      log.info("sandbox mode: sign in as {} with password '{}'", cfg.sandbox().adminEmail(), cfg.sandbox().adminPassword());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping: finishing in-flight requests and handing back claimed work");
      // Each step is awaited from this thread on its own: chaining vertx.close() onto a future bound to an event
      // loop left its completion nowhere to run (the loop was gone) and the process never exited.
      try {
        hub.stop().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("stop was not clean: {}", e.toString());
      }
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Vert.x did not close cleanly: {}", e.toString());
      }
      embedded.close();
      stopped.countDown();
    }, "conecta-shutdown"));
  }
}
