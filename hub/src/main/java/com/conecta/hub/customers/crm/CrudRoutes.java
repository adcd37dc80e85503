package com.conecta.hub.customers.crm;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** HTTP for one CRM resource: create, read, update, list with filters and cursor pagination. */
public record CrudRoutes(CrudService service) {
  private static final Set<String> LIST_PARAMS = Set.of("q", "cursor", "limit");

  public void register(RouteTable routes) {
    String base = "/api/v1/" + service.spec().path();
    routes.get(base, Access.CRM, this::list)
        .post(base, Access.CRM, (ctx, p) -> service.create(p, JsonBody.of(ctx).raw()).onSuccess(j -> Responses.created(ctx, j)))
        .get(base + "/:id", Access.CRM, (ctx, p) -> service.get(p, Query.pathId(ctx, "id")).onSuccess(j -> Responses.ok(ctx, j)))
        .patch(base + "/:id", Access.CRM, (ctx, p) ->
            service.update(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw()).onSuccess(j -> Responses.ok(ctx, j)));
  }

  private Future<?> list(RoutingContext ctx, Principal p) {
    Map<FieldSpec, Object> filters = new LinkedHashMap<>();
    java.util.List<Future<CrudExtension.Condition>> extra = new java.util.ArrayList<>();
    for (String name : ctx.queryParams().names()) {
      if (LIST_PARAMS.contains(name)) {
        continue;
      }
      Future<CrudExtension.Condition> added = service.extraFilter(name, ctx.queryParams().get(name));
      if (added != null) {
        extra.add(added);
        continue;
      }
      FieldSpec f = service.spec().field(name);
      if (f == null || !f.filterable()) {
        throw ApiError.badRequest("unknown_filter", "'" + name + "' is not a filter of " + service.spec().path(), name);
      }
      filters.put(f, FieldValues.fromQuery(f, ctx.queryParams().get(name)));
    }
    String q = Query.optional(ctx, "q");
    if (q != null && q.length() > 200) {
      throw ApiError.badRequest("invalid_parameter", "'q' is longer than 200 characters", "q");
    }
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    return Future.all(extra).compose(all -> service.list(p, filters, all.<CrudExtension.Condition>list(),
            q == null || service.spec().searchColumns().isEmpty() ? null
                : "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
            cursor == null ? null : cursor.id(), Query.limit(ctx, 25, 100)))
        .onSuccess(page -> Responses.page(ctx, page));
  }
}
