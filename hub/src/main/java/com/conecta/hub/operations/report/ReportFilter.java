package com.conecta.hub.operations.report;

import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Query;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What every report filters by: a range of whole days in the company's time zone (both ends included), and
 * optionally a team, an agent, an inbox and a channel.
 */
public record ReportFilter(LocalDate from, LocalDate to, ZoneId zone, Long teamId, Long agentId, Long inboxId,
    String channel) {
  static final Set<String> CHANNELS = Set.of("whatsapp", "twilio", "email", "webform", "api");
  private static final int MAX_DAYS = 732;

  /** Reads the query string; with no dates, the last 30 days up to today. */
  public static ReportFilter parse(RoutingContext ctx, ZoneId zone, LocalDate today) {
    LocalDate to = date(ctx, "to", today);
    LocalDate from = date(ctx, "from", to.minusDays(29));
    if (from.isAfter(to)) {
      throw ApiError.invalid("from", "'from' must not be after 'to'");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw ApiError.invalid("from", "a report covers at most " + MAX_DAYS + " days");
    }
    String channel = Query.optional(ctx, "channel");
    if (channel != null && !CHANNELS.contains(channel)) {
      throw ApiError.invalid("channel", "'channel' must be one of " + String.join(", ", CHANNELS.stream().sorted().toList()));
    }
    return new ReportFilter(from, to, zone, Query.optionalId(ctx, "teamId"), Query.optionalId(ctx, "agentId"),
        Query.optionalId(ctx, "inboxId"), channel);
  }

  private static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
    String raw = Query.optional(ctx, name);
    if (raw == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(name, "'" + name + "' must be a date like 2026-11-23");
    }
  }

  /** The same filter limited to one team (a supervisor's view). */
  public ReportFilter withTeam(long team) {
    return new ReportFilter(from, to, zone, team, agentId, inboxId, channel);
  }

  /** The first instant of the range. */
  public OffsetDateTime start() {
    return from.atStartOfDay(zone).toOffsetDateTime();
  }

  /** The first instant after the range. */
  public OffsetDateTime end() {
    return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
  }

  public JsonObject toJson() {
    return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("timeZone", zone.getId())
        .put("teamId", teamId).put("agentId", agentId).put("inboxId", inboxId).put("channel", channel);
  }
}
