package com.conecta.hub.customers.contact;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;

/** HTTP for what contacts have beyond plain CRUD: merging two of them. */
public record ContactRoutes(ContactMergeService merges) {
  public void register(RouteTable routes) {
    routes.post("/api/v1/contacts/:id/merge", Access.CRM, (ctx, p) -> merges
        .merge(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).requiredLong("mergeContactId"))
        .onSuccess(c -> Responses.ok(ctx, c)));
  }
}
