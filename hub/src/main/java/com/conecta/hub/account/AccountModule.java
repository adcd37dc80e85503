package com.conecta.hub.account;

import com.conecta.hub.audit.AuditLog;
import com.conecta.hub.auth.AuthService;
import com.conecta.hub.auth.PasswordHasher;
import com.conecta.hub.web.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** Builds the account feature (own password, sign-out everywhere) and registers its routes. */
public final class AccountModule {
  private final AccountRoutes routes;

  private AccountModule(AccountRoutes routes) {
    this.routes = routes;
  }

  public static AccountModule create(Vertx vertx, Pool pool, AuthService auth) {
    AccountService accounts = new AccountService(vertx, new AccountStore(pool), new PasswordHasher(), auth, new AuditLog());
    return new AccountModule(new AccountRoutes(accounts));
  }

  public void register(RouteTable table) {
    routes.register(table);
  }
}
