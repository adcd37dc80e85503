package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Who may do what with service requests, and the checks every concern shares: coordinators (admins and team
 * supervisors) see and plan every request; an agent sees the requests they work on or whose customer they serve.
 */
public record ServiceAccess(ServiceStore store) {
  public Future<Boolean> coordinator(Principal p) {
    return p.role() == Role.ADMIN ? Future.succeededFuture(true) : store.isSupervisor(p.userId());
  }

  public Future<Void> requireCoordinator(Principal p, String what) {
    return coordinator(p).compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(ApiError.forbidden("only a coordinator (an admin or a team supervisor) may " + what)));
  }

  /** The request if the user may see it; 404 otherwise. Coordinators see every request. */
  public Future<JsonObject> visible(Principal p, long id) {
    return coordinator(p).compose(c -> c ? Future.succeededFuture(true)
            : store.visibleToAgent(id, p.userId(), p.inboxFilter()))
        .compose(ok -> ok ? store.byId(store.pool(), id, false) : Future.succeededFuture(null))
        .compose(r -> r == null ? Future.failedFuture(ApiError.notFound("service request " + id))
            : Future.succeededFuture(r));
  }

  public Future<Void> requireTechnician(long userId) {
    return store.technicianLevel(userId).compose(level -> level != null ? Future.succeededFuture()
        : Future.failedFuture(ApiError.invalid("technicianId", "user " + userId + " is not a technician")));
  }

  public Future<Void> exists(String table, long id, String field) {
    return store.exists(table, id).compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(ApiError.invalid(field, "'" + field + "' points to no existing record")));
  }

  /** The request with its history, report, photos, observations and at-risk state, as the API answers it. */
  public Future<JsonObject> full(Principal p, long id) {
    return visible(p, id).compose(r -> Future.all(store.historyOf(id), store.reportOf(id), store.photosOf(id),
            store.observationsOf(id))
        .map(all -> {
          r.put("history", new io.vertx.core.json.JsonArray(all.<java.util.List<JsonObject>>resultAt(0)));
          r.put("report", all.<JsonObject>resultAt(1));
          r.put("photos", new io.vertx.core.json.JsonArray(all.<java.util.List<JsonObject>>resultAt(2)));
          java.util.List<JsonObject> obs = all.resultAt(3);
          r.put("observations", new io.vertx.core.json.JsonArray(obs));
          return AtRiskOrders.withRisk(r, obs.stream().filter(o -> "open".equals(o.getString("status"))).findFirst()
              .orElse(null));
        }));
  }
}
