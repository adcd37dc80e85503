package com.conecta.hub.operations.supervision;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /api/v1/teams/{id}/load} (admins, the team's supervisors), {@code GET|PATCH /api/v1/inboxes/{id}/settings}
 * {@code GET /api/v1/bot-flows} (admins) and {@code GET /api/v1/contacts/{id}/conversations} (the customer's history),
 * {@code GET /api/v1/sending-inboxes} (the WhatsApp inboxes campaigns send from).
 */
public record SupervisionRoutes(SupervisionService service) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/teams/:id/load", Access.INBOX, (ctx, p) -> service.teamLoad(p, Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .get("/api/v1/inboxes/:id/settings", Access.ADMIN, (ctx, p) -> service.inboxSettings(Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .patch("/api/v1/inboxes/:id/settings", Access.ADMIN, (ctx, p) -> {
          JsonBody body = JsonBody.of(ctx);
          String name = body.optionalString("name", 100);
          if (name != null && name.isBlank()) {
            throw com.conecta.hub.foundation.web.ApiError.invalid("name", "an inbox has a name");
          }
          JsonObject settings = body.optionalObject("settings");
          return service.updateInbox(Query.pathId(ctx, "id"), name == null ? null : name.trim(),
                  body.optionalLong("teamId"), body.has("teamId"), settings == null ? new JsonObject() : settings)
              .onSuccess(j -> Responses.ok(ctx, j));
        })
        .get("/api/v1/contacts/:id/conversations", Access.INBOX, (ctx, p) -> service.history(p, Query.pathId(ctx, "id"))
            .onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", items).putNull("nextCursor"))))
        .patch("/api/v1/users/:id", Access.ADMIN, (ctx, p) -> {
          JsonBody body = JsonBody.of(ctx);
          Long capacity = body.optionalLong("maxOpenConversations");
          if (capacity != null && (capacity < 1 || capacity > 10_000)) {
            throw com.conecta.hub.foundation.web.ApiError.invalid("maxOpenConversations", "'maxOpenConversations' is between 1 and 10000");
          }
          java.util.List<Long> teams = null;
          if (body.optionalArray("teamIds") != null) {
            teams = new java.util.ArrayList<>();
            for (Object o : body.optionalArray("teamIds")) {
              if (!(o instanceof Number n)) {
                throw com.conecta.hub.foundation.web.ApiError.invalid("teamIds", "team ids are numbers");
              }
              teams.add(n.longValue());
            }
          }
          long id = Query.pathId(ctx, "id");
          return service.updateUser(id, body.has("maxOpenConversations"), capacity == null ? null : capacity.intValue(), teams)
              .onSuccess(v -> Responses.ok(ctx, new JsonObject().put("id", id)));
        })
        .get("/api/v1/sending-inboxes", Access.CAMPAIGNS, (ctx, p) -> service.sendingInboxes()
            .onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", items).putNull("nextCursor"))))
        .get("/api/v1/bot-flows", Access.ADMIN, (ctx, p) -> service.botFlows()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))));
  }
}
