package com.conecta.hub.auth;

import com.conecta.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Sign-in, sessions and API tokens. */
public final class AuthService {
  /** Verified even for unknown emails so that timing does not reveal which accounts exist. */
  private static final String DUMMY_HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1G0Ntq1lX0Yl7gWm0mO7TqvJ0M0pB3j0nq2YJrY0r2c";

  private final Vertx vertx;
  private final AuthStore store;
  private final PasswordHasher hasher;
  private final Tokens tokens;
  private final int sessionHours;

  public AuthService(Vertx vertx, AuthStore store, PasswordHasher hasher, Tokens tokens, int sessionHours) {
    this.vertx = vertx;
    this.store = store;
    this.hasher = hasher;
    this.tokens = tokens;
    this.sessionHours = sessionHours;
  }

  public record SignedIn(String sessionToken, Principal principal, int maxAgeSeconds) {}

  public Future<SignedIn> login(String email, String password) {
    return store.credentials(email)
        .compose(c -> vertx.executeBlocking(() -> c != null && c.passwordHash() != null
                ? hasher.verify(password, c.passwordHash()) : hasher.verify(password, DUMMY_HASH) && false)
            .map(ok -> ok ? c.userId() : null))
        .compose(userId -> {
          if (userId == null) {
            return Future.failedFuture(new ApiError(401, "invalid_credentials", "wrong email or password", null));
          }
          String session = tokens.newSecret("s_");
          String csrf = tokens.newSecret("");
          OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusHours(sessionHours);
          return store.insertSession(Tokens.sha256(session), userId, csrf, expires)
              .compose(v -> store.principalBySession(Tokens.sha256(session)))
              .map(p -> new SignedIn(session, p, sessionHours * 3600));
        });
  }

  public Future<Void> logout(String sessionToken) {
    return store.deleteSession(Tokens.sha256(sessionToken));
  }

  public Future<Principal> bySession(String sessionToken) {
    return store.principalBySession(Tokens.sha256(sessionToken));
  }

  public Future<Principal> byApiToken(String token) {
    return store.principalByToken(Tokens.sha256(token));
  }

  public Future<Principal> byUserId(long userId) {
    return store.principalById(userId);
  }

  /** Creates an API token for a user; the secret is answered once and never stored. */
  public Future<JsonObject> createToken(Principal admin, long userId, String name) {
    String secret = tokens.newSecret("cnt_");
    return store.userExists(userId).compose(exists -> {
      if (!exists) {
        return Future.failedFuture(ApiError.invalid("userId", "no active user with id " + userId));
      }
      return store.insertToken(userId, name, Tokens.sha256(secret), admin.userId()).map(j -> j.put("token", secret));
    });
  }

  public Future<Void> revokeToken(long id) {
    return store.revokeToken(id).compose(found -> found ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound("token " + id)));
  }

  public Future<java.util.List<JsonObject>> listTokens() {
    return store.listTokens();
  }

  public Future<String> hashPassword(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password));
  }
}
