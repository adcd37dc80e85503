package com.conecta.hub.marketing.satisfaction;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code GET /api/v1/satisfaction} (admins): the answers, newest first, with their count and average. */
public record SatisfactionRoutes(SatisfactionService satisfaction) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/satisfaction", Access.ADMIN, (ctx, p) -> {
      Long agentId = Query.optionalId(ctx, "agentId");
      Long teamId = Query.optionalId(ctx, "teamId");
      return satisfaction.list(Query.optional(ctx, "cursor"), agentId, teamId, Query.limit(ctx, 50, 200))
          .compose(page -> satisfaction.summary(agentId, teamId).onSuccess(summary -> Responses.ok(ctx,
              new JsonObject().put("items", new JsonArray(List.copyOf(page.items())))
                  .put("nextCursor", page.nextCursor()).put("summary", summary))));
    });
  }
}
