package com.conecta.hub.foundation.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * One instance of the hub's HTTP server: its own router, built from the shared route steps before it listens, on the
 * event loop Vert.x gave this instance. The hub deploys as many instances as {@code http.instances}; they share the
 * port and Vert.x spreads connections across them. Each instance also measures its loop's lag.
 */
public final class HttpVerticle extends VerticleBase {
  private final RouteSteps routes;
  private final HttpServerOptions options;
  private final int port;
  private final String host;
  private final IntConsumer listening;
  private final MeterRegistry metrics;
  private HttpServer server;
  private EventLoopLag lag;

  public HttpVerticle(RouteSteps routes, HttpServerOptions options, int port, String host, IntConsumer listening,
      MeterRegistry metrics) {
    this.routes = routes;
    this.options = options;
    this.port = port;
    this.host = host;
    this.listening = listening;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    lag = EventLoopLag.start(vertx, metrics);
    return vertx.createHttpServer(options).requestHandler(routes.build(vertx).router()).listen(port, host)
        .onSuccess(s -> {
          server = s;
          listening.accept(s.actualPort());
        });
  }

  /** In-flight requests finish (up to ten seconds); new connections are refused. */
  @Override
  public Future<?> stop() {
    if (lag != null) {
      lag.stop();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }
}
