package com.conecta.hub.operations.team;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import java.util.Set;

/** {@code PUT /api/v1/users/{id}/role}: admins change a user's role (audited). */
public record UserRoleRoutes(UserRoleService roles) {
  public void register(RouteTable routes) {
    routes.put("/api/v1/users/:userId/role", Access.ADMIN, (ctx, p) -> {
      JsonBody body = JsonBody.of(ctx);
      if (!body.has("role")) {
        throw com.conecta.hub.foundation.web.ApiError.missing("role");
      }
      String role = body.oneOf("role", "agent", Set.of("admin", "agent", "marketing"));
      return roles.change(p, Query.pathId(ctx, "userId"), role).onSuccess(j -> Responses.ok(ctx, j));
    });
  }
}
