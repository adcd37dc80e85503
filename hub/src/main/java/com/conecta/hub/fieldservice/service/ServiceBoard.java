package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The coordinator's week: a column per technician, a row per day (in the company's time zone), the visits nobody is
 * assigned to beside it, and each visit's overlaps with another visit of the same technician.
 */
public record ServiceBoard(ServiceAccess access, ServiceBoardStore store, Technicians technicians, ZoneId zone) {
  public Future<JsonObject> week(Principal p, LocalDate from, int days) {
    if (days < 1 || days > 14) {
      throw ApiError.badRequest("invalid_parameter", "'days' must be from 1 to 14", "days");
    }
    LocalDate first = from == null ? LocalDate.now(zone) : from;
    var start = first.atStartOfDay(zone).toOffsetDateTime();
    var end = first.plusDays(days).atStartOfDay(zone).toOffsetDateTime();
    return access.requireCoordinator(p, "see the coordinator's board")
        .compose(v -> Future.all(technicians.list(), store.window(start, end)))
        .map(all -> {
          JsonArray dates = new JsonArray();
          for (int i = 0; i < days; i++) {
            dates.add(first.plusDays(i).toString());
          }
          JsonArray assigned = new JsonArray();
          JsonArray unassigned = new JsonArray();
          for (JsonObject v : all.<java.util.List<JsonObject>>resultAt(1)) {
            boolean open = v.getLong("technicianId") == null || "not_done".equals(v.getString("status"))
                || v.getString("scheduledFor") == null;
            (open ? unassigned : assigned).add(v);
          }
          return new JsonObject().put("from", start.toInstant().toString()).put("to", end.toInstant().toString())
              .put("timeZone", zone.getId()).put("days", dates)
              .put("technicians", new JsonArray(all.<java.util.List<JsonObject>>resultAt(0)))
              .put("visits", assigned).put("unassigned", unassigned);
        });
  }
}
