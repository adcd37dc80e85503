package com.conecta.hub.foundation.privacy;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;

/**
 * A data subject's requests, handled by admins: {@code GET /api/v1/contacts/{id}/export} and
 * {@code POST /api/v1/contacts/{id}/erase}.
 */
public record PrivacyRoutes(PrivacyService privacy) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/contacts/:id/export", Access.ADMIN, (ctx, p) -> privacy.export(p, Query.pathId(ctx, "id"))
            .onSuccess(j -> {
              ctx.response().putHeader("content-disposition", "attachment; filename=\"contact-" + j.getLong("contactId")
                  + ".json\"").putHeader("cache-control", "no-store");
              Responses.ok(ctx, j);
            }))
        .post("/api/v1/contacts/:id/erase", Access.ADMIN, (ctx, p) -> {
          long id = Query.pathId(ctx, "id");
          boolean hasBody = ctx.body() != null && ctx.body().length() > 0;
          String reason = hasBody ? JsonBody.of(ctx).optionalString("reason", 500) : null;
          if (hasBody && !JsonBody.of(ctx).raw().fieldNames().stream().allMatch("reason"::equals)) {
            throw ApiError.badRequest("unknown_field", "only 'reason' may be sent", null);
          }
          return privacy.erase(p, id, reason).onSuccess(j -> Responses.ok(ctx, j));
        });
  }
}
