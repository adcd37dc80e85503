package com.conecta.hub.foundation.account;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.PasswordHasher;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A signed-in user's own account: changing the password (which ends their other sessions) and signing out on every
 * device. Both take effect on every hub node at once through {@link AuthService#forgetUser}.
 */
public record AccountService(Vertx vertx, AccountStore store, PasswordHasher hasher, AuthService auth, AuditLog audit) {
  /** The rule every new password meets, the same as for users an admin adds. */
  public static void checkNewPassword(String field, String password) {
    if (password.length() < 10 || password.length() > 200) {
      throw ApiError.invalid(field, "a password has 10 to 200 characters");
    }
  }

  /** Checks the current password, stores the new one and ends every other session of the user. */
  public Future<Void> changePassword(Principal p, String sessionToken, String current, String next) {
    return store.passwordHash(p.userId())
        .compose(hash -> vertx.executeBlocking(() -> hash != null && hasher.verify(current, hash)))
        .compose(ok -> ok ? vertx.executeBlocking(() -> hasher.hash(next))
            : Future.failedFuture(new ApiError(422, "wrong_password", "the current password is not right",
                "currentPassword")))
        .compose(hash -> store.pool().withTransaction(conn -> store.setPassword(conn, p.userId(), hash)
            .compose(v -> store.endSessions(conn, p.userId(), sessionToken == null ? null : Tokens.sha256(sessionToken)))
            .compose(ended -> audit.record(conn, p.userId(), "user.password_change", "user",
                String.valueOf(p.userId()), new JsonObject().put("sessionsEnded", ended)))))
        .compose(v -> auth.forgetUser(p.userId()));
  }

  /** Ends every session of the user, this one included; API tokens stay (they are revoked one by one). */
  public Future<Void> signOutEverywhere(Principal p) {
    return store.pool().withTransaction(conn -> store.endSessions(conn, p.userId(), null)
            .compose(ended -> audit.record(conn, p.userId(), "auth.sign_out_everywhere", "user",
                String.valueOf(p.userId()), new JsonObject().put("sessionsEnded", ended))))
        .compose(v -> auth.forgetUser(p.userId()));
  }
}
