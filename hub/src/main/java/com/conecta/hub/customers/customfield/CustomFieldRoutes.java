package com.conecta.hub.customers.customfield;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;

/** {@code /api/v1/custom-fields}: everyone working the CRM reads the definitions; admins change them. */
public record CustomFieldRoutes(CustomFieldService service) {
  public void register(RouteTable routes) {
    String base = "/api/v1/custom-fields";
    routes.get(base, Access.CRM, (ctx, p) -> service.list(Query.optional(ctx, "entity"))
            .onSuccess(fields -> Responses.page(ctx, new Page<>(fields.stream().map(CustomField::toJson).toList(), null))))
        .post(base, Access.ADMIN, (ctx, p) -> service.create(JsonBody.of(ctx).raw())
            .onSuccess(f -> Responses.created(ctx, f.toJson())))
        .patch(base + "/:id", Access.ADMIN, (ctx, p) -> service.update(Query.pathId(ctx, "id"), JsonBody.of(ctx).raw())
            .onSuccess(f -> Responses.ok(ctx, f.toJson())))
        .delete(base + "/:id", Access.ADMIN, (ctx, p) -> service.delete(Query.pathId(ctx, "id"))
            .onSuccess(v -> Responses.noContent(ctx)));
  }
}
