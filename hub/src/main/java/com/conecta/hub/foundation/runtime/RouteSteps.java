package com.conecta.hub.foundation.runtime;

import com.conecta.hub.foundation.auth.AuthHandler;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hub's routes as an ordered list of registrations, written once at wiring time and replayed on a fresh Router by
 * every HTTP verticle instance (a Router belongs to one event loop's server). Order matters (body handlers before the
 * routes that read bodies, the API's 404 after every API route), so plain router steps and access-checked API steps
 * share one list.
 */
public final class RouteSteps {
  private final AuthHandler auth;
  private final List<Consumer<RouteTable>> steps = new ArrayList<>();

  public RouteSteps(AuthHandler auth) {
    this.auth = auth;
  }

  /** A registration on the bare router (webhooks, static pages, body handlers, failure handlers). */
  public RouteSteps router(Consumer<Router> step) {
    steps.add(table -> step.accept(table.router()));
    return this;
  }

  /** A registration of API routes, each with its access rule. */
  public RouteSteps api(Consumer<RouteTable> step) {
    steps.add(step);
    return this;
  }

  /** A new router with every step applied, for one HTTP verticle instance. */
  public RouteTable build(Vertx vertx) {
    RouteTable table = new RouteTable(Router.router(vertx), auth);
    steps.forEach(step -> step.accept(table));
    return table;
  }
}
