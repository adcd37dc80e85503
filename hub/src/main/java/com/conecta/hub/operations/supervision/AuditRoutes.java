package com.conecta.hub.operations.supervision;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/audit}: the audit log for admins, newest first, filterable and paged. */
public record AuditRoutes(AuditService audit) {
  private static final Set<String> PARAMS = Set.of("action", "actorId", "targetType", "targetId", "from", "to", "cursor",
      "limit");

  public void register(RouteTable routes) {
    routes.get("/api/v1/audit", Access.ADMIN, this::list);
  }

  private Future<?> list(RoutingContext ctx, Principal p) {
    for (String name : ctx.queryParams().names()) {
      if (!PARAMS.contains(name)) {
        throw ApiError.badRequest("unknown_filter", "'" + name + "' is not a filter of the audit log", name);
      }
    }
    AuditStore.Filter filter = new AuditStore.Filter(text(ctx, "action"), Query.optionalId(ctx, "actorId"),
        text(ctx, "targetType"), text(ctx, "targetId"), time(ctx, "from"), time(ctx, "to"));
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    int limit = Query.limit(ctx, 50, 200);
    return audit.list(filter, cursor == null ? null : cursor.id(), limit).onSuccess(items -> {
      String next = items.size() < limit ? null : new Cursor(0, items.get(items.size() - 1).getLong("id")).encode();
      Responses.page(ctx, new Page<>(List.copyOf(items), next));
    });
  }

  private static String text(RoutingContext ctx, String name) {
    String v = Query.optional(ctx, name);
    if (v != null && v.length() > 100) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' is longer than 100 characters", name);
    }
    return v;
  }

  private static OffsetDateTime time(RoutingContext ctx, String name) {
    return Query.optionalTime(ctx, name, OffsetDateTime::parse, "an ISO-8601 time with offset");
  }
}
