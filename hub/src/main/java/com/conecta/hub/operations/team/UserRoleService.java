package com.conecta.hub.operations.team;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Changing what a user may do; every change is audited, and the hub always keeps one admin. {@code auth} makes a change
 * apply on every hub node at once (null: within the principal cache's lifetime).
 */
public record UserRoleService(UserRoleStore store, AuditLog audit, AuthService auth) {

  public Future<JsonObject> change(Principal admin, long userId, String role) {
    return store.pool().withTransaction(conn -> store.lockRole(conn, userId).compose(old -> {
      if (old == null) {
        return Future.failedFuture(ApiError.notFound("user " + userId));
      }
      if (old.equals(role)) {
        return Future.succeededFuture(new JsonObject().put("id", userId).put("role", role));
      }
      Future<Void> keepsAnAdmin = !"admin".equals(old) ? Future.succeededFuture()
          : store.otherAdmins(conn, userId).compose(n -> n > 0 ? Future.<Void>succeededFuture()
              : Future.failedFuture(ApiError.conflict("last_admin", "the hub needs at least one admin")));
      return keepsAnAdmin.compose(v -> store.setRole(conn, userId, role))
          .compose(v -> audit.record(conn, admin.userId(), "user.role_change", "user", String.valueOf(userId),
              new JsonObject().put("from", old).put("to", role)))
          .map(v -> new JsonObject().put("id", userId).put("role", role).put("previousRole", old));
    })).compose(j -> auth == null ? Future.succeededFuture(j) : auth.forgetUser(userId).map(j));
  }
}
