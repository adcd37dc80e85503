package com.conecta.hub.customers.activity;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code GET /api/v1/calendar} and {@code GET /api/v1/contacts/{id}/timeline}. */
public record ActivityRoutes(ActivityService service) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/calendar", Access.INBOX, (ctx, p) -> {
      // Without dates the calendar is the coming week, as a calendar app opens on today.
      OffsetDateTime from = time(ctx, "from", LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC));
      return service.calendar(p, from, time(ctx, "to", from.plusDays(7)),
            Query.optionalId(ctx, "userId"), Query.optionalId(ctx, "teamId"))
        .onSuccess(items -> Responses.page(ctx, new Page<>(items, null)));
    });
    routes.get("/api/v1/contacts/:id/timeline", Access.CRM, (ctx, p) -> service.timeline(p, Query.pathId(ctx, "id"),
            Query.limit(ctx, 100, 500))
        .onSuccess(items -> Responses.page(ctx, new Page<>(items, null))));
  }

  /** An ISO instant, or a date (its start, UTC); the fallback when absent. */
  private static OffsetDateTime time(RoutingContext ctx, String name, OffsetDateTime fallback) {
    String raw = Query.optional(ctx, name);
    if (raw == null) {
      return fallback;
    }
    try {
      return raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay().atOffset(ZoneOffset.UTC)
          : Instant.parse(raw).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' must be a date or an ISO-8601 time", name);
    }
  }
}
