package com.conecta.hub.foundation.account;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.AuthHandler;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.RouteTable;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.ClientAddress;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/auth/password} (change one's own password) and {@code POST /api/v1/auth/logout-everywhere}
 * need a signed-in session: an integration's API token cannot change a person's password. The forgotten-password
 * pair, {@code POST /api/v1/auth/password-reset} and {@code .../password-reset/confirm}, is public.
 */
public record AccountRoutes(AccountService accounts, PasswordResetService resets) {
  public void register(RouteTable routes) {
    routes.post("/api/v1/auth/password", Access.SIGNED_IN, this::changePassword)
        .post("/api/v1/auth/logout-everywhere", Access.SIGNED_IN, this::signOutEverywhere)
        .post("/api/v1/auth/password-reset", Access.PUBLIC, this::requestReset)
        .post("/api/v1/auth/password-reset/confirm", Access.PUBLIC, this::confirmReset);
  }

  private Future<?> requestReset(RoutingContext ctx, Principal ignored) {
    String email = JsonBody.of(ctx).requiredString("email").trim();
    if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw ApiError.invalid("email", "'email' is not an email address");
    }
    return resets.request(email, ClientAddress.of(ctx))
        .onSuccess(v -> Responses.json(ctx, 202, new JsonObject().put("status", "requested")
        .put("message", "if the address has an account, a link valid for 30 minutes is on its way")));
  }

  private Future<?> confirmReset(RoutingContext ctx, Principal ignored) {
    JsonBody body = JsonBody.of(ctx);
    String token = body.requiredString("token");
    String next = body.requiredString("newPassword");
    if (token.length() > 200) {
      throw PasswordResetService.invalidLink();
    }
    AccountService.checkNewPassword("newPassword", next);
    return resets.reset(token.trim(), next).onSuccess(v -> Responses.noContent(ctx));
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
