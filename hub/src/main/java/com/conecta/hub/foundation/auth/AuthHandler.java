package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * Resolves the caller from the session cookie or an {@code Authorization: Bearer} API token, and checks the CSRF
 * header on state-changing requests made with the cookie.
 */
public record AuthHandler(AuthService auth) {
  public static final String SESSION_COOKIE = "conecta_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String PRINCIPAL_KEY = "principal";

  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL_KEY);
    if (p == null) {
      throw ApiError.unauthenticated();
    }
    return p;
  }

  /** Resolves the principal, if any, without refusing anonymous callers. */
  public Future<Principal> resolve(RoutingContext ctx) {
    Principal cached = ctx.get(PRINCIPAL_KEY);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    String header = ctx.request().getHeader("Authorization");
    Future<Principal> lookup;
    boolean byCookie = false;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      lookup = auth.byApiToken(header.substring(7).trim());
    } else {
      Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
      if (cookie == null || cookie.getValue().isBlank()) {
        return Future.succeededFuture(null);
      }
      byCookie = true;
      lookup = auth.bySession(cookie.getValue());
    }
    boolean checkCsrf = byCookie && isStateChanging(ctx.request().method());
    return lookup.map(p -> {
      if (p != null && checkCsrf && !csrfMatches(ctx.request().getHeader(CSRF_HEADER), p.csrfToken())) {
        throw new ApiError(403, "csrf_failed", "missing or wrong " + CSRF_HEADER + " header", null);
      }
      if (p != null) {
        ctx.put(PRINCIPAL_KEY, p);
      }
      return p;
    });
  }

  private static boolean isStateChanging(HttpMethod m) {
    return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
  }

  private static boolean csrfMatches(String given, String expected) {
    return given != null && expected != null
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
