package com.conecta.hub.operations.notify;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code GET /api/v1/notifications} (mine, newest first, with the unread count) and
 * {@code POST /api/v1/notifications/{id}/read}. Everyone signed in has their own; nobody sees another's.
 */
public record NotificationRoutes(NotificationService notifications) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/notifications", Access.SIGNED_IN, (ctx, p) -> notifications
        .mine(p, Query.optional(ctx, "cursor"), Query.limit(ctx, 50, 200))
        .onSuccess(m -> Responses.ok(ctx, new JsonObject().put("items", new JsonArray(List.copyOf(m.page().items())))
            .put("nextCursor", m.page().nextCursor()).put("unread", m.unread()))));
    routes.post("/api/v1/notifications/:id/read", Access.SIGNED_IN, (ctx, p) -> notifications
        .markRead(p, Query.pathId(ctx, "id"))
        .onSuccess(unread -> Responses.ok(ctx, new JsonObject().put("id", Query.pathId(ctx, "id")).put("read", true)
            .put("unread", unread))));
  }
}
