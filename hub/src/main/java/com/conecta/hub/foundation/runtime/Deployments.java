package com.conecta.hub.foundation.runtime;

import com.conecta.hub.foundation.config.HubConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** How the hub's verticles are deployed: the HTTP instances on the event loops, the background work beside them. */
public final class Deployments {
  private Deployments() {}

  /**
   * Deploys {@code http.instances} HTTP verticles on one port; answers the deployment id. Port 0 (tests) asks the
   * system for a port: instances that each listened on 0 would each get a port of their own, so they listen on one
   * negative number instead, which Vert.x reads as "a random port shared by the servers given this number" (drawn at
   * random, so that two nodes in one Vert.x, as some tests run them, do not share theirs).
   */
  public static Future<String> http(Vertx vertx, RouteSteps routes, HubConfig.Http http, MeterRegistry metrics,
      IntConsumer listening) {
    HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true).setMaxFormAttributeSize(64 * 1024);
    int port = http.port() != 0 ? http.port() : -1 - ThreadLocalRandom.current().nextInt(1 << 30);
    AtomicInteger actual = new AtomicInteger();
    return vertx.deployVerticle(() -> new HttpVerticle(routes, options, port, http.host(), actual::set, metrics),
            new DeploymentOptions().setInstances(Math.max(1, http.instances())))
        .onSuccess(id -> listening.accept(actual.get()));
  }

  /**
   * Background verticles are event-loop verticles of their own: their timers and callbacks run on their own context,
   * apart from the HTTP instances' (Vert.x hands the loops out in turn, so on a small machine one may share a loop with
   * an HTTP instance). Not worker verticles: the outbox's pacing waits on Redis and PostgreSQL answers a few thousand
   * times a second, and a worker context adds a hand-over to a worker thread to each of them (a 5,000-recipient
   * campaign on a loaded machine went from 42.6 to 28.9 msg/s with worker verticles). Nothing in them blocks: the
   * blocking parts (SMTP, IMAP) have worker pools of their own.
   */
  public static DeploymentOptions background() {
    return new DeploymentOptions();
  }
}
