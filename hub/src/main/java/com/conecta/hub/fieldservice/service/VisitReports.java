package com.conecta.hub.fieldservice.service;

import static com.conecta.hub.fieldservice.service.ServiceInput.at;
import static com.conecta.hub.fieldservice.service.ServiceInput.text;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.Set;

/** The technician's visit report; a maintenance that found a fault opens one service-work order to be dated. */
public record VisitReports(ServiceAccess access, CoordinatorNotices coordinators) {
  public Future<JsonObject> report(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    Instant started = b.optionalInstant("startedAt");
    Instant ended = b.optionalInstant("endedAt");
    if (started == null) {
      throw ApiError.missing("startedAt");
    }
    if (ended == null) {
      throw ApiError.missing("endedAt");
    }
    if (ended.isBefore(started)) {
      throw ApiError.invalid("endedAt", "'endedAt' is before 'startedAt'");
    }
    String findings = text(b, "findings", 10_000);
    String risks = text(b, "risks", 5_000);
    JsonArray materials = materials(b.optionalArray("materials"));
    boolean fault = Boolean.TRUE.equals(b.optionalBoolean("faultFound"));
    ServiceStore store = access.store();
    return access.visible(p, id).compose(x -> access.coordinator(p)).compose(isCoordinator ->
        store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
          boolean own = r.getLong("technicianId") != null && r.getLong("technicianId") == p.userId();
          if (!own && !isCoordinator) {
            return Future.failedFuture(ApiError.forbidden("only the request's technician or a coordinator writes its report"));
          }
          if (!Set.of("in_progress", "done", "not_done").contains(r.getString("status"))) {
            return Future.failedFuture(ApiError.conflict("not_started", "a report is written once the visit started (the "
                + "request is " + r.getString("status") + ")"));
          }
          return store.upsertReport(tx, id, at(started), at(ended), findings, materials, risks, fault, p.userId())
              .compose(rep -> fault && "maintenance".equals(r.getString("kind"))
                  ? followUp(tx, p, r, findings).map(child -> rep.put("followUpRequestId", child))
                  : Future.succeededFuture(rep));
        })));
  }

  /** A maintenance that found a fault gets one service_work request, waiting for the coordinator to date it. */
  private Future<Long> followUp(SqlClient tx, Principal p, JsonObject maintenance, String findings) {
    long id = maintenance.getLong("id");
    String notes = "Falla detectada en la mantención #" + id + (findings == null ? "" : ": " + findings);
    ServiceStore store = access.store();
    return store.insert(tx, new ServiceStore.NewRequest("service_work", maintenance.getLong("contactId"),
            maintenance.getLong("accountId"), maintenance.getString("address"), null, null, maintenance.getLong("sellerId"),
            notes.length() > 5000 ? notes.substring(0, 5000) : notes, ServiceChecklist.items(null, "service_work"), true,
            id, p.userId(), 60))
        .compose(child -> {
          if (child == null) {
            return store.followUpOf(tx, id);
          }
          return store.history(tx, child, null, "scheduled", "mantención #" + id + " con falla", p.userId())
              .compose(h -> coordinators.tell(tx, maintenance, "service_work_to_schedule", "service-followup:" + child,
                  "Trabajo #" + child + " por agendar", "La mantención #" + id + " encontró una falla; el trabajo #"
                      + child + " espera fecha y técnico.",
                  "Work #" + child + " to schedule", "Maintenance #" + id + " found a fault; work #" + child
                      + " needs a date and a technician."))
              .map(child);
        });
  }

  private static JsonArray materials(JsonArray given) {
    JsonArray out = new JsonArray();
    if (given == null) {
      return out;
    }
    if (given.size() > 100) {
      throw ApiError.invalid("materials", "at most 100 materials");
    }
    for (Object o : given) {
      if (!(o instanceof JsonObject m) || !(m.getValue("name") instanceof String name) || name.isBlank()
          || name.length() > 200) {
        throw ApiError.invalid("materials", "each material is {\"name\", \"quantity\", \"unit\"?}");
      }
      Object q = m.getValue("quantity", 1);
      if (!(q instanceof Number n) || n.doubleValue() <= 0) {
        throw ApiError.invalid("materials", "a material's quantity is a positive number");
      }
      Object unit = m.getValue("unit");
      if (unit != null && (!(unit instanceof String u) || u.length() > 20)) {
        throw ApiError.invalid("materials", "a material's unit is a short text");
      }
      out.add(new JsonObject().put("name", name.trim()).put("quantity", q).put("unit", unit));
    }
    return out;
  }
}
