package com.conecta.hub.fieldservice.service;

import static com.conecta.hub.fieldservice.service.ServiceInput.at;
import static com.conecta.hub.fieldservice.service.ServiceInput.text;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Creating, reading, listing and editing service requests (potential-client visits, technical visits, maintenance,
 * service work). A visit has a slot: a start and a duration; the technician may be left for the coordinator.
 * {@code changed} hears the id of every request created or edited (the coordinator's board redraws).
 */
public record ServiceRequests(ServiceAccess access, LongConsumer changed) {
  public static final Set<String> KINDS = Set.of("potential_client_visit", "technical_visit", "maintenance", "service_work");
  private static final Set<String> EDITABLE = Set.of("address", "notes", "scheduledFor", "technicianId", "sellerId",
      "durationMinutes");

  public Future<JsonObject> create(Principal p, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String kind = b.oneOf("kind", null, KINDS);
    if (kind == null) {
      throw ApiError.missing("kind");
    }
    long contactId = b.requiredLong("contactId");
    Long accountId = b.optionalLong("accountId");
    Instant when = b.optionalInstant("scheduledFor");
    if (when == null) {
      throw ApiError.missing("scheduledFor");
    }
    Long technicianId = b.optionalLong("technicianId");
    Long sellerId = b.optionalLong("sellerId");
    Integer minutes = ServiceInput.duration(b);
    String address = text(b, "address", 500);
    String notes = text(b, "notes", 5000);
    JsonArray checklist = ServiceChecklist.items(b.optionalArray("checklist"), kind);
    ServiceStore store = access.store();
    return access.exists("contacts", contactId, "contactId")
        .compose(v -> accountId == null ? Future.succeededFuture() : access.exists("accounts", accountId, "accountId"))
        .compose(v -> sellerId == null ? Future.succeededFuture() : access.exists("users", sellerId, "sellerId"))
        .compose(v -> technicianId == null ? Future.succeededFuture() : access.requireTechnician(technicianId))
        .compose(v -> store.pool().withTransaction(tx -> store.insert(tx, new ServiceStore.NewRequest(kind, contactId,
                accountId, address, at(when), technicianId, sellerId, notes, checklist, false, null, p.userId(),
                minutes == null ? 60 : minutes))
            .compose(id -> store.history(tx, id, null, "scheduled", null, p.userId()).map(h -> id))))
        .onSuccess(changed::accept)
        .compose(id -> access.full(p, id));
  }

  public Future<JsonObject> get(Principal p, long id) {
    return access.full(p, id);
  }

  public Future<Page<JsonObject>> list(Principal p, String status, String kind, Long technicianId, Long contactId,
      Boolean needsScheduling, String cursor, int limit) {
    if (status != null && !ServiceStatusMachine.STATUSES.contains(status)) {
      throw ApiError.badRequest("invalid_parameter", "'status' must be one of " + String.join(", ",
          new TreeSet<>(ServiceStatusMachine.STATUSES)), "status");
    }
    if (kind != null && !KINDS.contains(kind)) {
      throw ApiError.badRequest("invalid_parameter", "'kind' must be one of " + String.join(", ", new TreeSet<>(KINDS)),
          "kind");
    }
    Cursor c = Cursor.decode(cursor);
    return access.coordinator(p).compose(all -> access.store().list(all ? null : p.inboxFilter(), all ? null : p.userId(),
            status, kind, technicianId, contactId, needsScheduling, c == null ? null : c.id(), limit))
        .map(items -> new Page<>(items, items.size() == limit
            ? new Cursor(0, items.get(items.size() - 1).getLong("id")).encode() : null));
  }

  /** Address, notes, date, length, technician or seller; a new date for a request waiting to be scheduled schedules it. */
  public Future<JsonObject> update(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    for (String k : raw.fieldNames()) {
      if (!EDITABLE.contains(k)) {
        throw new ApiError(422, "unknown_field", "'" + k + "' cannot be changed here", k);
      }
    }
    String address = text(b, "address", 500);
    String notes = text(b, "notes", 5000);
    Instant when = b.optionalInstant("scheduledFor");
    Long technicianId = b.optionalLong("technicianId");
    Long sellerId = b.optionalLong("sellerId");
    Integer minutes = ServiceInput.duration(b);
    boolean planning = when != null || technicianId != null || sellerId != null || minutes != null;
    ServiceStore store = access.store();
    return access.visible(p, id)
        .compose(r -> planning ? access.requireCoordinator(p, "change the date, technician or seller")
            : Future.succeededFuture())
        .compose(v -> technicianId == null ? Future.succeededFuture() : access.requireTechnician(technicianId))
        .compose(v -> sellerId == null ? Future.succeededFuture() : access.exists("users", sellerId, "sellerId"))
        .compose(v -> store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
          if (Set.of("done", "invoiced", "cancelled").contains(r.getString("status"))) {
            return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
                + " request cannot change"));
          }
          return store.updateDetails(tx, id, address, notes, at(when), technicianId, sellerId, minutes);
        })))
        .onSuccess(v -> changed.accept(id))
        .compose(v -> access.full(p, id));
  }
}
