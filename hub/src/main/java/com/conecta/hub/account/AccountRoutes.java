package com.conecta.hub.account;

import com.conecta.hub.auth.Access;
import com.conecta.hub.auth.AuthHandler;
import com.conecta.hub.auth.Principal;
import com.conecta.hub.web.ApiError;
import com.conecta.hub.web.JsonBody;
import com.conecta.hub.web.Responses;
import com.conecta.hub.web.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/auth/password} (change one's own password) and {@code POST /api/v1/auth/logout-everywhere}.
 * Both need a signed-in session: an integration's API token cannot change a person's password.
 */
public final class AccountRoutes {
  private final AccountService accounts;

  public AccountRoutes(AccountService accounts) {
    this.accounts = accounts;
  }

  public void register(RouteTable routes) {
    routes.post("/api/v1/auth/password", Access.SIGNED_IN, this::changePassword)
        .post("/api/v1/auth/logout-everywhere", Access.SIGNED_IN, this::signOutEverywhere);
  }

  private static String sessionToken(RoutingContext ctx, Principal p) {
    Cookie cookie = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    // A Bearer token wins over a cookie in AuthHandler, so a principal without a CSRF token came by API token.
    if (p.csrfToken() == null || cookie == null) {
      throw ApiError.forbidden("sign in with your password to change your account");
    }
    return cookie.getValue();
  }

  private Future<?> changePassword(RoutingContext ctx, Principal p) {
    String session = sessionToken(ctx, p);
    JsonBody body = JsonBody.of(ctx);
    String current = body.requiredString("currentPassword");
    String next = body.requiredString("newPassword");
    AccountService.checkNewPassword("newPassword", next);
    if (current.length() > 1024) {
      throw new ApiError(422, "wrong_password", "the current password is not right", "currentPassword");
    }
    return accounts.changePassword(p, session, current, next).onSuccess(v -> Responses.noContent(ctx));
  }

  private Future<?> signOutEverywhere(RoutingContext ctx, Principal p) {
    sessionToken(ctx, p);
    return accounts.signOutEverywhere(p).onSuccess(v -> {
      ctx.response().addCookie(Cookie.cookie(AuthHandler.SESSION_COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
      Responses.noContent(ctx);
    });
  }
}
