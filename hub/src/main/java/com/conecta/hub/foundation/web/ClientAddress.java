package com.conecta.hub.foundation.web;

import io.vertx.ext.web.RoutingContext;

/** The address a request came from, as the sign-in and form limits count it. */
public final class ClientAddress {
  private ClientAddress() {}

  /** "unknown" when the connection has none (a test's local transport). */
  public static String of(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
