package com.conecta.hub.fieldservice.service;

import static com.conecta.hub.fieldservice.service.ServiceInput.at;
import static com.conecta.hub.fieldservice.service.ServiceInput.text;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * The life of a request: scheduled → in_progress → done | not_done → invoiced (not_done goes back to the coordinator
 * to reschedule). Only coordinators schedule, invoice and cancel; an at-risk order only once the seller's time is over.
 */
public record ServiceStatusMachine(ServiceAccess access, CoordinatorNotices coordinators, LongConsumer changed) {
  /** Allowed moves; cancelled is handled apart (coordinators, at-risk deadline). */
  private static final Map<String, Set<String>> MOVES = Map.of(
      "scheduled", Set.of("in_progress", "cancelled"),
      "in_progress", Set.of("done", "not_done"),
      "not_done", Set.of("scheduled", "cancelled"),
      "done", Set.of("invoiced"),
      "invoiced", Set.of(),
      "cancelled", Set.of());
  public static final Set<String> STATUSES = MOVES.keySet();

  public Future<JsonObject> changeStatus(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String to = b.oneOf("status", null, MOVES.keySet());
    if (to == null) {
      throw ApiError.missing("status");
    }
    String reason = text(b, "reason", 1000);
    Instant when = b.optionalInstant("scheduledFor");
    Long technicianId = b.optionalLong("technicianId");
    ServiceStore store = access.store();
    return access.visible(p, id).compose(r -> access.coordinator(p)).compose(isCoordinator -> {
      if (Set.of("scheduled", "invoiced", "cancelled").contains(to) && !isCoordinator) {
        return Future.failedFuture(ApiError.forbidden("only a coordinator (an admin or a team supervisor) may move a "
            + "request to " + to));
      }
      Future<Void> tech = technicianId == null ? Future.succeededFuture() : access.requireTechnician(technicianId);
      return tech.compose(v -> store.pool().withTransaction(tx -> store.byId(tx, id, true)
          .compose(r -> apply(tx, p, r, to, reason, when, technicianId, isCoordinator))));
    }).onSuccess(v -> changed.accept(id)).compose(v -> access.full(p, id));
  }

  private Future<Long> apply(SqlClient tx, Principal p, JsonObject r, String to, String reason, Instant when,
      Long technicianId, boolean isCoordinator) {
    long id = r.getLong("id");
    String from = r.getString("status");
    if (!MOVES.get(from).contains(to)) {
      return Future.failedFuture(new ApiError(422, "invalid_transition", "a " + from + " request cannot move to " + to
          + (MOVES.get(from).isEmpty() ? "" : "; it can move to " + String.join(", ", new TreeSet<>(MOVES.get(from)))),
          "status"));
    }
    boolean own = r.getLong("technicianId") != null && r.getLong("technicianId") == p.userId();
    if (Set.of("in_progress", "done", "not_done").contains(to) && !own && !isCoordinator) {
      return Future.failedFuture(ApiError.forbidden("only the request's technician or a coordinator may do this"));
    }
    return switch (to) {
      case "in_progress" -> r.getString("scheduledFor") == null || r.getLong("technicianId") == null
          ? Future.failedFuture(new ApiError(422, "not_scheduled", "give the request a date and a technician first",
              r.getString("scheduledFor") == null ? "scheduledFor" : "technicianId"))
          : move(tx, p, r, to, null, false, null, null);
      case "not_done" -> reason == null ? Future.failedFuture(ApiError.missing("reason"))
          : move(tx, p, r, to, reason, true, null, null).compose(h -> coordinators.tell(tx, r, "service_not_done",
              "service-not-done:" + id + ":" + h,
              "Visita #" + id + " no realizada: reprogramar", "La solicitud #" + id + " (" + r.getString("kind")
                  + ") no se pudo realizar: " + reason + ". Hay que reprogramarla.",
              "Visit #" + id + " not done: reschedule", "Request #" + id + " (" + r.getString("kind")
                  + ") could not be done: " + reason + ". It needs a new date.").map(h));
      case "scheduled" -> when == null ? Future.failedFuture(ApiError.missing("scheduledFor"))
          : move(tx, p, r, to, reason, false, at(when), technicianId);
      case "cancelled" -> cancel(tx, p, r, reason);
      default -> move(tx, p, r, to, reason, false, null, null);
    };
  }

  /** Writes the new status and its history row; answers the history row's id. */
  private Future<Long> move(SqlClient tx, Principal p, JsonObject r, String to, String reason, boolean needsScheduling,
      OffsetDateTime when, Long technicianId) {
    long id = r.getLong("id");
    return access.store().setStatus(tx, id, to, "not_done".equals(to) ? reason : null, needsScheduling, when, technicianId)
        .compose(v -> access.store().history(tx, id, r.getString("status"), to, reason, p.userId()));
  }

  /** Only coordinators cancel; an order at risk only once the seller's time to correct it is over. */
  private Future<Long> cancel(SqlClient tx, Principal p, JsonObject r, String reason) {
    long id = r.getLong("id");
    return access.store().openObservation(tx, id).compose(open -> {
      if (open == null) {
        return move(tx, p, r, "cancelled", reason, false, null, null);
      }
      Instant deadline = Instant.parse(open.getString("deadlineAt"));
      if (Instant.now().isBefore(deadline)) {
        long left = Duration.between(Instant.now(), deadline).getSeconds();
        return Future.failedFuture(ApiError.conflict("deadline_not_reached", "the seller has until " + deadline
            + " (" + Math.max(1, (left + 59) / 60) + " min) to correct the order; it cannot be cancelled before"));
      }
      return access.store().closeObservation(tx, open.getLong("id"), "cancelled", reason, p.userId())
          .compose(o -> move(tx, p, r, "cancelled", reason == null ? "observación no corregida a tiempo" : reason, false,
              null, null));
    });
  }
}
