package com.conecta.connectors.sandbox.whatsapp;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The Graph API's error answer, as the fake's send and media endpoints give it. */
final class GraphErrors {
  private GraphErrors() {}

  static void error(RoutingContext ctx, int status, int code, String title) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(new JsonObject()
        .put("error", new JsonObject().put("message", "(#" + code + ") " + title).put("type", "OAuthException")
            .put("code", code).put("error_data", new JsonObject().put("messaging_product", "whatsapp")
                .put("details", title)).put("fbtrace_id", "Fake" + code)).encode());
  }
}
