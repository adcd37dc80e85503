package com.conecta.hub.foundation.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The language of the person reading an error: what the web inbox asks for (it sends its own language in
 * Accept-Language), else the signed-in user's setting, else Spanish — the product's default.
 */
public final class ErrorLanguage {
  private ErrorLanguage() {}

  public static String of(RoutingContext ctx) {
    String header = ctx.request().getHeader("Accept-Language");
    if (header != null && !header.isBlank()) {
      String first = header.split(",")[0].trim().toLowerCase();
      if (first.startsWith("en")) {
        return "en";
      }
      if (first.startsWith("es")) {
        return "es";
      }
    }
    // The signed-in user, put there by authentication; read through an interface so web does not depend on auth.
    Object p = ctx.get("principal");
    return p instanceof HasLanguage user && "en".equals(user.locale()) ? "en" : "es";
  }
}
