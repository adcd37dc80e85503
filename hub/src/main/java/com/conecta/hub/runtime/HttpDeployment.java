package com.conecta.hub.runtime;

import com.conecta.hub.config.HubConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** How the hub's verticles are deployed: the HTTP instances on the event loops, the background work beside them. */
public final class HttpDeployment {
  private static final String BACKGROUND_POOL = "conecta-background";
  private static final int BACKGROUND_THREADS = 8;

  private HttpDeployment() {}

  /**
   * Deploys {@code http.instances} HTTP verticles on one port; answers the deployment id. Port 0 (tests) asks the
   * system for a port: instances that each listened on 0 would each get a port of their own, so they listen on one
   * negative number instead, which Vert.x reads as "a random port shared by the servers given this number" (drawn at
   * random, so that two nodes in one Vert.x, as some tests run them, do not share theirs).
   */
  public static Future<String> deploy(Vertx vertx, RouteSteps routes, HubConfig.Http http, MeterRegistry metrics,
      IntConsumer listening) {
    HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true).setMaxFormAttributeSize(64 * 1024);
    int port = http.port() != 0 ? http.port() : -1 - ThreadLocalRandom.current().nextInt(1 << 30);
    AtomicInteger actual = new AtomicInteger();
    return vertx.deployVerticle(() -> new HttpVerticle(routes, options, port, http.host(), actual::set, metrics),
            new DeploymentOptions().setInstances(Math.max(1, http.instances())))
        .onSuccess(id -> listening.accept(actual.get()));
  }

  /**
   * Background verticles run on worker threads of a pool of their own: they never take an HTTP event loop's turn, and
   * blocking work of requests (password hashing, PDFs) cannot starve them.
   */
  public static DeploymentOptions backgroundOptions() {
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName(BACKGROUND_POOL)
        .setWorkerPoolSize(BACKGROUND_THREADS);
  }
}
