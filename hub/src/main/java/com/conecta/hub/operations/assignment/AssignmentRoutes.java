package com.conecta.hub.operations.assignment;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;

/** HTTP for presence (the browser's heartbeat, the team view), manual assignment and the assignment history. */
public final class AssignmentRoutes {
  private final AssignmentService service;

  public AssignmentRoutes(AssignmentService service) {
    this.service = service;
  }

  public void register(RouteTable routes) {
    routes.post("/api/v1/presence", Access.INBOX, (ctx, p) -> {
          String availability = JsonBody.of(ctx).oneOf("availability", "online", AssignmentService.AVAILABILITY);
          return service.heartbeat(p, availability).onSuccess(j -> Responses.ok(ctx, j));
        })
        .get("/api/v1/presence", Access.INBOX, (ctx, p) -> service.presence()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .post("/api/v1/conversations/:conversationId/assignment", Access.INBOX, (ctx, p) -> {
          JsonBody body = JsonBody.of(ctx);
          if (!body.has("assigneeId")) {
            throw ApiError.missing("assigneeId");
          }
          return service.manual(p, Query.pathId(ctx, "conversationId"), body.optionalLong("assigneeId"))
              .onSuccess(c -> Responses.ok(ctx, c));
        })
        .get("/api/v1/conversations/:conversationId/assignments", Access.INBOX, (ctx, p) ->
            service.history(p, Query.pathId(ctx, "conversationId"))
                .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))));
  }
}
