package com.conecta.hub.foundation.account;

import com.conecta.connectors.email.SmtpSender;
import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.PasswordHasher;
import com.conecta.hub.foundation.auth.SignInLimiter;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/** Builds the account feature (own password, sign-out everywhere, forgotten password) and registers its routes. */
public final class AccountModule {
  /** Reset requests per address and per client address in one window; beyond them, 429 with Retry-After. */
  static final int RESETS_PER_ADDRESS = 5;
  static final int RESETS_PER_IP = 30;
  static final int RESET_WINDOW_MINUTES = 30;

  private final AccountRoutes routes;

  private AccountModule(AccountRoutes routes) {
    this.routes = routes;
  }

  public static AccountModule create(Vertx vertx, Pool pool, RedisLink redis, HubConfig config, AuthService auth) {
    AccountStore accountStore = new AccountStore(pool);
    PasswordHasher hasher = PasswordHasher.from(config);
    AccountService accounts = new AccountService(vertx, accountStore, hasher, auth, new AuditLog());
    PasswordResetService resets = new PasswordResetService(vertx, new PasswordResetStore(pool), accountStore, hasher,
        new Tokens(), auth, new AuditLog(),
        new SignInLimiter(redis, "pwreset", RESETS_PER_ADDRESS, RESETS_PER_IP, RESET_WINDOW_MINUTES),
        SmtpResetMail.from(new SmtpSender(vertx), config), config.publicBaseUrl(), Clock.systemUTC());
    return new AccountModule(new AccountRoutes(accounts, resets));
  }

  public void register(RouteTable table) {
    routes.register(table);
  }
}
