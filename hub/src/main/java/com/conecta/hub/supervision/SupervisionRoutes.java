package com.conecta.hub.supervision;

import com.conecta.hub.auth.Access;
import com.conecta.hub.web.JsonBody;
import com.conecta.hub.web.Page;
import com.conecta.hub.web.Query;
import com.conecta.hub.web.Responses;
import com.conecta.hub.web.RouteTable;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /api/v1/teams/{id}/load} (admins, the team's supervisors), {@code GET|PATCH /api/v1/inboxes/{id}/settings}
 * and {@code GET /api/v1/bot-flows} (admins).
 */
public final class SupervisionRoutes {
  private final SupervisionService service;

  public SupervisionRoutes(SupervisionService service) {
    this.service = service;
  }

  public void register(RouteTable routes) {
    routes.get("/api/v1/teams/:id/load", Access.INBOX, (ctx, p) -> service.teamLoad(p, Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .get("/api/v1/inboxes/:id/settings", Access.ADMIN, (ctx, p) -> service.inboxSettings(Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .patch("/api/v1/inboxes/:id/settings", Access.ADMIN, (ctx, p) -> {
          JsonBody body = JsonBody.of(ctx);
          String name = body.optionalString("name", 100);
          if (name != null && name.isBlank()) {
            throw com.conecta.hub.web.ApiError.invalid("name", "an inbox has a name");
          }
          JsonObject settings = body.optionalObject("settings");
          return service.updateInbox(Query.pathId(ctx, "id"), name == null ? null : name.trim(),
                  body.optionalLong("teamId"), body.has("teamId"), settings == null ? new JsonObject() : settings)
              .onSuccess(j -> Responses.ok(ctx, j));
        })
        .get("/api/v1/bot-flows", Access.ADMIN, (ctx, p) -> service.botFlows()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))));
  }
}
