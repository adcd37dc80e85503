package com.conecta.hub;

import com.conecta.hub.foundation.config.ConfigLoader;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.platform.EmbeddedServers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
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
    // Registered before anything starts, so that a stop during the start (or a failed start's exit) still stops the
    // embedded servers; the one place where the process closes what it opened.
    java.util.concurrent.atomic.AtomicReference<Hub> running = new java.util.concurrent.atomic.AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopInOrder(running.get(), vertx, embedded),
        "conecta-shutdown"));
    HubConfig config;
    try {
      config = new ConfigLoader(vertx, System.getenv()).load(new JsonObject()).await();
    } catch (Exception e) {
      log.error("cannot start: {}", e.getMessage());
      System.exit(2);
      return;
    }
    HubConfig cfg = config;
    if (args.length == 1 && "rotate-secrets".equals(args[0])) {
      System.exit(rotateSecrets(vertx, cfg, embedded));
      return;
    }
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
    } catch (Exception e) {
      // Not only runtime exceptions: await() rethrows the failure as it is, e.g. a BindException when the port is
      // taken, and a main thread that died of it would leave the process running on Vert.x's threads.
      log.error("cannot start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    running.set(hub);
    log.info("Conecta is ready at http://localhost:{}/ (started in {} ms)", hub.port(),
        (System.nanoTime() - started) / 1_000_000);
    if (cfg.sandbox().enabled()) {
      log.info("sandbox mode: sign in as {} with password '{}'", cfg.sandbox().adminEmail(), cfg.sandbox().adminPassword());
    }
  }

  /** {@code rotate-secrets}: re-seals stored secrets with secrets.key, then exits (0 done, 1 failed). */
  private static int rotateSecrets(Vertx vertx, HubConfig cfg, EmbeddedServers embedded) {
    try {
      String db = vertx.executeBlocking(() -> cfg.db().embedded() ? embedded.startPostgres(cfg.dataDir()) : cfg.db().url())
          .await();
      com.conecta.hub.foundation.runtime.RotateSecretsCommand.run(vertx, cfg, db).await();
      return 0;
    } catch (Exception e) {
      log.error("rotate-secrets failed: {}", e.getMessage());
      return 1;
    }
  }

  /**
   * The node first (in-flight requests and sends finish, claimed work goes back), then Vert.x, then the embedded
   * database it was using (whose library registers no hook of its own, so it cannot go first). Vert.x is closed after
   * the hub's future is awaited, not chained onto it: once its threads are gone nothing could complete that future.
   * Each wait is bounded so a stuck dependency cannot keep the process alive.
   */
  private static void stopInOrder(Hub node, Vertx vertx, EmbeddedServers embedded) {
    if (node != null) {
      log.info("stopping: finishing in-flight requests and handing back claimed work");
      try {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("stop was not clean: {}", e.toString());
      }
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    embedded.close();
  }
}
