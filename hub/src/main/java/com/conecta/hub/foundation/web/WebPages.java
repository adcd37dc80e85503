package com.conecta.hub.foundation.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** The web inbox's static files and the headers every page carries. */
public final class WebPages {
  private WebPages() {}

  public static void securityHeaders(Router router) {
    router.route().handler(ctx -> {
      ctx.response()
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "same-origin")
          .putHeader("X-Frame-Options", "DENY")
          .putHeader("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; "
                  + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      ctx.next();
    });
  }

  public static void register(Router router) {
    // Browser libraries come from Maven Central as webjars and are served by the hub itself (no CDN).
    router.route("/vendor/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
  }
}
