package com.conecta.hub.foundation.account;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.PasswordHasher;
import com.conecta.hub.foundation.auth.SignInLimiter;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.TryAgainLater;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgotten passwords: a single-use link by email, valid {@link #VALID}; using it sets the new password and ends every
 * session of the user on every node. Asking answers the same whether or not the address has an account.
 */
public final class PasswordResetService {
  private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);
  public static final Duration VALID = Duration.ofMinutes(30);

  private final Vertx vertx;
  private final PasswordResetStore store;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final Tokens tokens;
  private final AuthService auth;
  private final AuditLog audit;
  private final SignInLimiter limiter;
  private final ResetMail mail;
  private final String baseUrl;
  private final Clock clock;

  public PasswordResetService(Vertx vertx, PasswordResetStore store, AccountStore accounts, PasswordHasher hasher,
      Tokens tokens, AuthService auth, AuditLog audit, SignInLimiter limiter, ResetMail mail, String baseUrl,
      Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.accounts = accounts;
    this.hasher = hasher;
    this.tokens = tokens;
    this.auth = auth;
    this.audit = audit;
    this.limiter = limiter;
    this.mail = mail;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.clock = clock;
  }

  /** Too many reset requests for this address or from this client. */
  private static TryAgainLater tooManyRequests(long retryAfterSeconds) {
    return new TryAgainLater("too_many_requests", "too many reset requests; try again in " + retryAfterSeconds + " s",
        retryAfterSeconds);
  }

  static ApiError invalidLink() {
    return new ApiError(400, "reset_link_invalid", "this reset link is not valid: it was used, it expired or it was"
        + " replaced; ask for a new one", "token");
  }

  /**
   * Sends a link when the address has an account. Every request counts against the address and the client, whether
   * or not the account exists, so that the limit reveals nothing either. The mail is sent after the answer: waiting
   * for SMTP would make known addresses answer slower.
   */
  public Future<Void> request(String email, String ip) {
    return limiter.check(email, ip)
        .compose(v -> v.allowed() ? limiter.failed(email, ip)
            : Future.<Void>failedFuture(tooManyRequests(v.retryAfterSeconds())))
        .compose(v -> store.recipient(email))
        .compose(to -> to == null ? Future.<Void>succeededFuture() : issue(to, ip));
  }

  private Future<Void> issue(PasswordResetStore.Recipient to, String ip) {
    String token = tokens.newSecret("");
    OffsetDateTime now = OffsetDateTime.now(clock);
    return store.insert(Tokens.sha256(token), to.userId(), now, now.plus(VALID))
        .compose(v -> audit.record(store.pool(), to.userId(), "auth.password_reset_requested", "user",
            String.valueOf(to.userId()), new JsonObject().put("ip", ip)))
        .onSuccess(v -> {
          if (mail == null) {
            log.warn("password reset for user {} not sent: no SMTP server (notifications.smtp.host) is set", to.userId());
            return;
          }
          // The fragment (#) keeps the token out of access logs and Referer headers.
          mail.send(to, baseUrl + "/#restablecer=" + token)
              .onSuccess(x -> log.info("password reset link sent to user {}", to.userId()))
              .onFailure(e -> log.warn("password reset link for user {} not sent: {}", to.userId(), e.getMessage()));
        });
  }

  /** Sets the new password if the link is still good, uses the link up and ends every session of the user. */
  public Future<Void> reset(String token, String newPassword) {
    String hash = Tokens.sha256(token);
    // Checked before hashing so that made-up links cost no password hashing; checked again, atomically, below.
    return store.valid(hash, OffsetDateTime.now(clock))
        .compose(ok -> ok ? vertx.executeBlocking(() -> hasher.hash(newPassword))
            : Future.<String>failedFuture(invalidLink()))
        .compose(passwordHash -> store.pool().withTransaction(conn -> {
          OffsetDateTime now = OffsetDateTime.now(clock);
          return store.consume(conn, hash, now).compose(userId -> userId == null
              ? Future.<Long>failedFuture(invalidLink())
              : accounts.setPassword(conn, userId, passwordHash)
                  .compose(v -> store.closeOthers(conn, userId, now))
                  .compose(v -> accounts.endSessions(conn, userId, null))
                  .compose(ended -> audit.record(conn, userId, "auth.password_reset", "user", String.valueOf(userId),
                      new JsonObject().put("sessionsEnded", ended)))
                  .map(userId));
        }))
        .compose(auth::forgetUser);
  }
}
