package com.conecta.hub.fieldservice.service;

import static com.conecta.hub.fieldservice.service.ServiceInput.text;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Work orders at risk of cancellation: an observation the responsible seller must resolve before a deadline. */
public record AtRiskOrders(ServiceAccess access, CoordinatorNotices coordinators, int hoursToCorrect) {
  /** An open observation shows as {@code atRisk} with the time left before a coordinator may cancel. */
  static JsonObject withRisk(JsonObject r, JsonObject open) {
    if (open == null) {
      return r.put("atRisk", null);
    }
    long left = Math.max(0, Duration.between(Instant.now(), Instant.parse(open.getString("deadlineAt"))).getSeconds());
    return r.put("atRisk", new JsonObject().put("observationId", open.getLong("id")).put("kind", open.getString("kind"))
        .put("description", open.getString("description")).put("sellerId", open.getLong("sellerId"))
        .put("deadlineAt", open.getString("deadlineAt")).put("secondsLeft", left).put("expired", left == 0));
  }

  public Future<JsonObject> raise(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String kind = b.oneOf("kind", null, Set.of("address", "technical"));
    if (kind == null) {
      throw ApiError.missing("kind");
    }
    String description = text(b, "description", 2000);
    if (description == null) {
      throw ApiError.missing("description");
    }
    ServiceStore store = access.store();
    return access.visible(p, id).compose(x -> store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
      if (!Set.of("scheduled", "in_progress", "not_done").contains(r.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
            + " request cannot be put at risk"));
      }
      Long seller = r.getLong("sellerId");
      return store.insertObservation(tx, id, kind, description, p.userId(), seller, hoursToCorrect).compose(o -> {
        if (o == null) {
          return Future.failedFuture(ApiError.conflict("observation_open", "the request already has an open observation"));
        }
        String key = "service-observation:" + o.getLong("id");
        String es = "La orden #" + id + " está en riesgo de cancelación (" + ("address".equals(kind) ? "dirección"
            : "datos técnicos") + "): " + description + ". Corrígela antes de " + o.getString("deadlineAt") + ".";
        String en = "Work order #" + id + " is at risk of cancellation (" + kind + "): " + description
            + ". Correct it before " + o.getString("deadlineAt") + ".";
        return seller == null
            ? coordinators.tell(tx, r, "service_observation", key, "Orden #" + id + " en riesgo", es,
                "Work order #" + id + " at risk", en)
            : store.person(tx, seller).compose(s -> coordinators.notifications().enqueue(tx, Notification.inApp(seller,
                "service_observation", "en".equals(s.locale()) ? "Work order #" + id + " at risk" : "Orden #" + id
                    + " en riesgo", "en".equals(s.locale()) ? en : es,
                new JsonObject().put("serviceRequestId", id).put("observationId", o.getLong("id")), key))).mapEmpty();
      });
    }))).compose(v -> access.full(p, id));
  }

  /** The seller (or a coordinator) corrects the order; a corrected address may come with it. */
  public Future<JsonObject> resolve(Principal p, long id, long observationId, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String resolution = text(b, "resolution", 2000);
    if (resolution == null) {
      throw ApiError.missing("resolution");
    }
    String address = text(b, "address", 500);
    String notes = text(b, "notes", 5000);
    ServiceStore store = access.store();
    return access.visible(p, id).compose(x -> access.coordinator(p)).compose(isCoordinator ->
        store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> store.openObservation(tx, id))
            .compose(open -> {
              if (open == null || open.getLong("id") != observationId) {
                return Future.failedFuture(ApiError.conflict("observation_closed", "observation " + observationId
                    + " is not open on this request"));
              }
              Long seller = open.getLong("sellerId");
              if (!isCoordinator && (seller == null || seller != p.userId())) {
                return Future.failedFuture(ApiError.forbidden("only the responsible seller or a coordinator resolves it"));
              }
              return store.closeObservation(tx, observationId, "resolved", resolution, p.userId())
                  .compose(o -> store.updateDetails(tx, id, address, notes, null, null, null, null));
            })))
        .compose(v -> access.full(p, id));
  }

  public Future<JsonObject> summary() {
    return access.store().atRiskSummary().map(s -> {
      long raised = s.getLong("raised");
      double share = raised == 0 ? 0 : Math.round(10_000.0 * s.getLong("saved") / raised) / 10_000.0;
      return s.put("savedShare", share);
    });
  }
}
