package com.conecta.hub.commerce.catalogue;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** HTTP of the catalogue: {@code GET /api/v1/business-lines}, for the screens' choices and labels. */
public record CatalogueRoutes(BusinessCatalogue catalogue) {
  public void register(RouteTable routes) {
    JsonObject answer = new JsonObject().put("items",
        new JsonArray(catalogue.lines().stream().map(BusinessLine::toJson).toList())).putNull("nextCursor");
    routes.get("/api/v1/business-lines", Access.CRM, (ctx, p) -> {
      Responses.ok(ctx, answer);
      return Future.succeededFuture();
    });
  }
}
