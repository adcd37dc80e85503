package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.TryAgainLater;
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
  private final PrincipalCache recent;

  private final SignInLimiter limiter;
  private final AuditLog audit;
  private final SecondFactorGate gate;

  public AuthService(Vertx vertx, AuthStore store, PasswordHasher hasher, Tokens tokens, int sessionHours) {
    this(vertx, store, hasher, tokens, sessionHours, null, null);
  }

  public AuthService(Vertx vertx, AuthStore store, PasswordHasher hasher, Tokens tokens, int sessionHours,
      SignInLimiter limiter, AuditLog audit) {
    this(vertx, store, hasher, tokens, sessionHours, limiter, audit, null);
  }

  /** With a limiter, failed sign-ins are counted and bursts refused; with an audit log, sign-ins are recorded. */
  /** With invalidations, revocations and other changes to a user's sign-ins apply on every node at once. */
  public AuthService(Vertx vertx, AuthStore store, PasswordHasher hasher, Tokens tokens, int sessionHours,
      SignInLimiter limiter, AuditLog audit, SignInInvalidations invalidations) {
    this(vertx, store, hasher, tokens, sessionHours, limiter, audit, invalidations, null);
  }

  /** With a gate, a right password may lead to a second step (two-factor sign-in) instead of a session. */
  public AuthService(Vertx vertx, AuthStore store, PasswordHasher hasher, Tokens tokens, int sessionHours,
      SignInLimiter limiter, AuditLog audit, SignInInvalidations invalidations, SecondFactorGate gate) {
    this.gate = gate;
    this.vertx = vertx;
    this.recent = new PrincipalCache(invalidations);
    this.store = store;
    this.hasher = hasher;
    this.tokens = tokens;
    this.sessionHours = sessionHours;
    this.limiter = limiter;
    this.audit = audit;
  }

  /** A session opened, or (session, principal null) the second step the password led to. */
  public record SignedIn(String sessionToken, Principal principal, int maxAgeSeconds, SecondFactorGate.Step secondStep) {
    SignedIn(String sessionToken, Principal principal, int maxAgeSeconds) {
      this(sessionToken, principal, maxAgeSeconds, null);
    }
  }

  public Future<SignedIn> login(String email, String password) {
    return login(email, password, "unknown");
  }

  /** Too many failed sign-ins for this account or address. */
  private static TryAgainLater tooManyAttempts(long retryAfterSeconds) {
    return new TryAgainLater("too_many_attempts", "too many failed sign-ins; try again in " + retryAfterSeconds + " s",
        retryAfterSeconds);
  }

  /** Checks the password (the limiter first, so that a locked account costs no hashing) and opens a session. */
  public Future<SignedIn> login(String email, String password, String ip) {
    Future<SignInLimiter.Verdict> verdict = limiter == null ? Future.succeededFuture(new SignInLimiter.Verdict(true, 0))
        : limiter.check(email, ip);
    // A refused attempt is not audited: under attack that would let anyone fill the audit log.
    return verdict.compose(v -> v.allowed() ? store.credentials(email)
            : Future.<AuthStore.Credentials>failedFuture(tooManyAttempts(v.retryAfterSeconds())))
        .compose(c -> vertx.executeBlocking(() -> c != null && c.passwordHash() != null
                ? hasher.verify(password, c.passwordHash()) : hasher.verify(password, DUMMY_HASH) && false)
            .compose(ok -> {
              if (ok) {
                return Future.succeededFuture(c.userId());
              }
              Future<Void> counted = limiter == null ? Future.succeededFuture() : limiter.failed(email, ip);
              return counted.compose(x -> record(c == null ? null : c.userId(), "auth.sign_in_failed", email, ip))
                  .compose(x -> Future.<Long>failedFuture(
                      new ApiError(401, "invalid_credentials", "wrong email or password", null)));
            }))
        .compose(userId -> (gate == null ? Future.<SecondFactorGate.Step>succeededFuture(null) : gate.afterPassword(userId))
            .compose(step -> step != null ? Future.succeededFuture(new SignedIn(null, null, 0, step))
                : openSession(userId, email, ip)));
  }

  /** Opens a session for a user whose sign-in is complete (password, and the second step when there is one). */
  public Future<SignedIn> openSession(long userId, String email, String ip) {
    String session = tokens.newSecret("s_");
    String csrf = tokens.newSecret("");
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusHours(sessionHours);
    return store.insertSession(Tokens.sha256(session), userId, csrf, expires)
        .compose(v -> record(userId, "auth.sign_in", email, ip))
        .compose(v -> store.principalBySession(Tokens.sha256(session)))
        .map(p -> new SignedIn(session, p, sessionHours * 3600));
  }

  /** The email tried is kept (it may name no account); the password never is. */
  private Future<Void> record(Long userId, String action, String email, String ip) {
    if (audit == null) {
      return Future.succeededFuture();
    }
    String tried = email.length() > 254 ? email.substring(0, 254) : email;
    return audit.record(store.pool(), userId, action, "user", userId == null ? null : String.valueOf(userId),
        new JsonObject().put("email", tried).put("ip", ip));
  }

  /** Ends this session; every node forgets the user's cached sign-ins, so it is refused everywhere at once. */
  public Future<Void> logout(String sessionToken, long userId) {
    String hash = Tokens.sha256(sessionToken);
    recent.forgetKey("s:" + hash);
    return store.deleteSession(hash).compose(v -> recent.forgetUser(userId));
  }

  /** Every node forgets what it cached about the user: after a role, password, token or session change. */
  public Future<Void> forgetUser(long userId) {
    return recent.forgetUser(userId);
  }

  /** Principals looked up in the last few seconds are reused (see {@link PrincipalCache}). */
  public Future<Principal> bySession(String sessionToken) {
    String key = "s:" + Tokens.sha256(sessionToken);
    return cached(key, () -> store.principalBySession(key.substring(2)));
  }

  public Future<Principal> byApiToken(String token) {
    String key = "t:" + Tokens.sha256(token);
    return cached(key, () -> store.principalByToken(key.substring(2)));
  }

  private Future<Principal> cached(String key, java.util.function.Supplier<Future<Principal>> load) {
    return recent.get(key, load);
  }

  public Future<Principal> byUserId(long userId) {
    return store.principalById(userId);
  }

  /** Creates an API token for a user; the secret is answered once and never stored. */
  public Future<JsonObject> createToken(Principal admin, long userId, String name) {
    return createToken(admin, userId, name, "full");
  }

  /** {@code scope} is {@code full} (whatever the user may do) or {@code read} (GET requests only). */
  public Future<JsonObject> createToken(Principal admin, long userId, String name, String scope) {
    String secret = tokens.newSecret("cnt_");
    return store.userExists(userId).compose(exists -> {
      if (!exists) {
        return Future.failedFuture(ApiError.invalid("userId", "no active user with id " + userId));
      }
      return store.insertToken(userId, name, Tokens.sha256(secret), admin.userId(), scope)
          .compose(j -> audit == null ? Future.succeededFuture(j)
              : audit.record(store.pool(), admin.userId(), "api_token.create", "api_token", String.valueOf(j.getLong("id")),
                  new JsonObject().put("userId", userId).put("scope", scope).put("name", name)).map(j))
          .map(j -> j.put("token", secret));
    });
  }

  public Future<Void> revokeToken(long id) {
    return revokeToken(null, id);
  }

  /** Revoked on every node at once: the token's user is forgotten by every node's principal cache. */
  public Future<Void> revokeToken(Principal admin, long id) {
    return store.revokeToken(id).compose(owner -> {
      if (owner == null) {
        return Future.failedFuture(ApiError.notFound("token " + id));
      }
      return recent.forgetUser(owner).compose(v -> audit == null ? Future.<Void>succeededFuture() : audit.record(store.pool(),
          admin == null ? null : admin.userId(), "api_token.revoke", "api_token", String.valueOf(id), null));
    });
  }

  public Future<java.util.List<JsonObject>> listTokens() {
    return store.listTokens();
  }

  public Future<String> hashPassword(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password));
  }
}
