package com.conecta.hub.foundation.twofactor;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two-factor sign-in with an authenticator app (TOTP): setting it up (QR code or the key typed by hand, confirmed by
 * a first code), the second step of sign-in (a code from the app or one of ten backup codes, each accepted once), and
 * the roles an admin requires it for. API tokens are not affected: they are scoped and revocable on their own.
 */
public final class TwoFactorService {
  static final String ISSUER = "Conecta";
  static final int BACKUP_CODES = 10;
  private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  private final TwoFactorStore store;
  private final AuthService auth;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public TwoFactorService(TwoFactorStore store, AuthService auth, AuditLog audit, Clock clock) {
    this.store = store;
    this.auth = auth;
    this.audit = audit;
    this.clock = clock;
  }

  /** A sign-in finished by the second step, with the backup codes when it also finished an enrolment. */
  public record Finished(AuthService.SignedIn signedIn, List<String> backupCodes) {}

  static ApiError expired() {
    return new ApiError(401, "second_step_expired", "this sign-in took too long or had too many wrong codes;"
        + " sign in again", "challenge");
  }

  static ApiError wrongCode() {
    return new ApiError(422, "invalid_code", "the code is not right (or was already used)", "code");
  }

  public Future<JsonObject> status(long userId) {
    return store.status(userId).map(s -> new JsonObject().put("enabled", s.enabled()).put("required", s.required())
        .put("backupCodesLeft", s.backupCodesLeft()));
  }

  /** A new secret to scan or type; it replaces one not yet confirmed, never a confirmed one (409). */
  public Future<JsonObject> startEnrolment(long userId) {
    String secret = Totp.newSecret();
    return store.status(userId).compose(s -> store.pendingSecret(userId, secret).compose(fresh -> {
      if (!fresh) {
        return Future.failedFuture(ApiError.conflict("two_factor_enabled", "two-factor sign-in is already set up"));
      }
      String uri = Totp.otpauthUri(ISSUER, s.email(), secret);
      return Future.succeededFuture(new JsonObject().put("secret", grouped(secret)).put("otpauthUri", uri)
          .put("qrSvg", QrCodeSvg.of(uri)));
    }));
  }

  public Future<JsonObject> startEnrolment(String challenge) {
    return challengeUser(challenge, "enrol").compose(this::startEnrolment);
  }

  /** The first code from the app confirms the setup; the answer is the backup codes, shown this once. */
  public Future<List<String>> confirmEnrolment(long userId, String code) {
    return confirm(userId, code, null).map(Finished::backupCodes);
  }

  /** Confirms the setup a required role asked for during sign-in, and finishes that sign-in. */
  public Future<Finished> confirmEnrolment(String challenge, String code, String ip) {
    return challengeUser(challenge, "enrol").compose(userId -> confirm(userId, code, challenge)
        .compose(f -> store.status(userId).compose(s -> auth.openSession(userId, s.email(), ip))
            .map(signedIn -> new Finished(signedIn, f.backupCodes()))));
  }

  private Future<Finished> confirm(long userId, String code, String challenge) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return store.secret(userId).compose(secret -> {
      if (secret == null || secret.confirmed()) {
        return Future.failedFuture(ApiError.conflict("no_pending_enrolment",
            "start the setup first (or it is already done)"));
      }
      long step = Totp.matchingStep(secret.base32(), normalize(code), clock.instant());
      if (step < 0) {
        return challenge == null ? Future.failedFuture(wrongCode())
            : store.failedAttempt(Tokens.sha256(challenge)).compose(v -> Future.failedFuture(wrongCode()));
      }
      List<String> codes = newBackupCodes();
      return store.pool().withTransaction(conn -> store.confirm(conn, userId, step)
          .compose(ok -> ok ? store.replaceBackupCodes(conn, userId, codes.stream().map(c -> hash(userId, c)).toList())
              : Future.failedFuture(wrongCode()))
          .compose(v -> challenge == null ? Future.succeededFuture(true)
              : store.consumeChallenge(conn, Tokens.sha256(challenge), now, TwoFactorGate.MAX_ATTEMPTS))
          .compose(ok -> ok ? audit.record(conn, userId, "auth.two_factor_enabled", "user", String.valueOf(userId), null)
              : Future.failedFuture(expired())))
          .map(v -> new Finished(null, codes));
    });
  }

  /** The second step of sign-in: a code from the app or an unused backup code. */
  public Future<AuthService.SignedIn> secondStep(String challenge, String code, String ip) {
    String challengeHash = Tokens.sha256(challenge);
    OffsetDateTime now = OffsetDateTime.now(clock);
    return challengeUser(challenge, "totp").compose(userId -> store.pool().withTransaction(conn ->
            accept(conn, userId, code).compose(ok -> !ok ? Future.succeededFuture(false)
                : store.consumeChallenge(conn, challengeHash, now, TwoFactorGate.MAX_ATTEMPTS)
                    .compose(consumed -> consumed ? Future.succeededFuture(true) : Future.failedFuture(expired()))))
        .compose(ok -> ok ? store.status(userId).compose(s -> auth.openSession(userId, s.email(), ip))
            : store.failedAttempt(challengeHash).compose(v -> Future.failedFuture(wrongCode()))));
  }

  /** Uses up the code if it is good: a TOTP code moves the last accepted step, a backup code is marked used. */
  private Future<Boolean> accept(SqlClient conn, long userId, String code) {
    String c = normalize(code);
    if (c.matches("\\d{" + Totp.DIGITS + "}")) {
      return store.secret(userId).compose(secret -> {
        long step = secret == null ? -1 : Totp.matchingStep(secret.base32(), c, clock.instant());
        return step < 0 ? Future.succeededFuture(false) : store.useStep(conn, userId, step);
      });
    }
    return store.useBackupCode(conn, userId, hash(userId, c)).compose(used -> !used ? Future.succeededFuture(false)
        : audit.record(conn, userId, "auth.backup_code_used", "user", String.valueOf(userId), null).map(true));
  }

  private Future<Long> challengeUser(String challenge, String kind) {
    return store.challenge(Tokens.sha256(challenge), OffsetDateTime.now(clock), TwoFactorGate.MAX_ATTEMPTS)
        .compose(c -> c == null || !c.kind().equals(kind) ? Future.failedFuture(expired())
            : Future.succeededFuture(c.userId()));
  }

  /**
   * Ten new backup codes in place of the old ones, shown this once; asks for a code from the app (or a backup code)
   * so that a session left open on a shared computer cannot take them.
   */
  public Future<List<String>> replaceBackupCodes(long userId, String code) {
    List<String> codes = newBackupCodes();
    return store.pool().withTransaction(conn -> enabled(userId)
            .compose(v -> accept(conn, userId, code))
            .compose(ok -> ok ? store.replaceBackupCodes(conn, userId, codes.stream().map(c -> hash(userId, c)).toList())
                : Future.failedFuture(wrongCode()))
            .compose(v -> audit.record(conn, userId, "auth.backup_codes_replaced", "user", String.valueOf(userId), null)))
        .map(codes);
  }

  /** The user turns it off with a code; refused while their role requires it (an admin can reset it instead). */
  public Future<Void> turnOff(long userId, String code) {
    return store.status(userId).compose(s -> s != null && s.required()
            ? Future.failedFuture(ApiError.conflict("two_factor_required",
                "your role requires two-factor sign-in; an admin can reset it if you lost your phone"))
            : Future.succeededFuture())
        .compose(v -> store.pool().withTransaction(conn -> enabled(userId)
            .compose(x -> accept(conn, userId, code))
            .compose(ok -> ok ? store.remove(conn, userId) : Future.failedFuture(wrongCode()))
            .compose(x -> audit.record(conn, userId, "auth.two_factor_disabled", "user", String.valueOf(userId), null))));
  }

  /**
   * An admin's reset for someone who lost their phone and their codes: the second factor goes and so do the user's
   * sessions, on every node; their next sign-in sets it up again when their role requires it.
   */
  public Future<Void> reset(Principal admin, long userId) {
    return store.status(userId).compose(s -> s == null ? Future.failedFuture(ApiError.notFound("user"))
            : store.pool().withTransaction(conn -> store.remove(conn, userId)
                .compose(had -> had ? store.endSessions(conn, userId)
                    : Future.failedFuture(ApiError.conflict("two_factor_not_enabled",
                        "this user has not set up two-factor sign-in")))
                .compose(v -> audit.record(conn, admin.userId(), "auth.two_factor_reset", "user",
                    String.valueOf(userId), null))))
        .compose(v -> auth.forgetUser(userId));
  }

  public Future<List<TwoFactorStore.UserStatus>> users() {
    return store.users();
  }

  private Future<Void> enabled(long userId) {
    return store.secret(userId).compose(secret -> secret != null && secret.confirmed() ? Future.succeededFuture()
        : Future.failedFuture(ApiError.conflict("two_factor_not_enabled", "two-factor sign-in is not set up")));
  }

  public Future<List<String>> requiredRoles() {
    return store.requiredRoles();
  }

  public Future<List<String>> setRequiredRoles(Principal admin, List<String> roles) {
    return store.pool().withTransaction(conn -> store.setRequiredRoles(conn, roles)
            .compose(v -> audit.record(conn, admin.userId(), "settings.two_factor_roles", "settings", "two_factor",
                new JsonObject().put("requiredRoles", new JsonArray(roles)))))
        .compose(v -> store.requiredRoles());
  }

  private List<String> newBackupCodes() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < BACKUP_CODES; i++) {
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < 10; j++) {
        b.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
      }
      codes.add(b.substring(0, 5) + "-" + b.substring(5));
    }
    return codes;
  }

  /** Spaces and dashes people type in codes do not count, nor does case. */
  static String normalize(String code) {
    return code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
  }

  /** Salted with the user so that one list of hashes says nothing about another user's codes. */
  private static String hash(long userId, String code) {
    return Tokens.sha256(userId + ":" + normalize(code));
  }

  private static String grouped(String secret) {
    return secret.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
