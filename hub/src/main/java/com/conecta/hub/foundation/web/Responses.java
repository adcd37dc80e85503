package com.conecta.hub.foundation.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** JSON answers in the API's shapes. */
public final class Responses {
  private Responses() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(body.encode());
  }

  public static void ok(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body);
  }

  public static void created(RoutingContext ctx, JsonObject body) {
    json(ctx, 201, body);
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /** A list answer: {"items": [...], "nextCursor": "..." | null}. */
  public static void page(RoutingContext ctx, Page<JsonObject> page) {
    ok(ctx, new JsonObject().put("items", new JsonArray(List.copyOf(page.items())))
        .put("nextCursor", page.nextCursor()));
  }
}
