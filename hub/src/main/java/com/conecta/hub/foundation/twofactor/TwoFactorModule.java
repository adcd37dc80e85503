package com.conecta.hub.foundation.twofactor;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.SecondFactorGate;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.secrets.SecretBox;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * Two-factor sign-in, built in two steps because sign-in and this feature need each other: the gate goes into the
 * {@link AuthService}, and the routes, which open sessions through that service, are registered after it.
 */
public final class TwoFactorModule {
  private final TwoFactorStore store;
  private final Clock clock;

  private TwoFactorModule(TwoFactorStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public static TwoFactorModule create(Pool pool, SecretBox secrets) {
    return new TwoFactorModule(new TwoFactorStore(pool, secrets), Clock.systemUTC());
  }

  public SecondFactorGate gate() {
    return new TwoFactorGate(store, new Tokens(), clock);
  }

  public void register(RouteTable routes, AuthService auth, boolean secureCookies) {
    new TwoFactorRoutes(new TwoFactorService(store, auth, new AuditLog(), clock), secureCookies).register(routes);
  }
}
