package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.ClientAddress;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** HTTP for sign-in, sign-out, the current user and API tokens. */
public record AuthRoutes(AuthService auth, boolean secureCookies) {
  public void register(RouteTable routes) {
    routes.post("/api/v1/auth/login", Access.PUBLIC, this::login)
        .post("/api/v1/auth/logout", Access.SIGNED_IN, this::logout)
        .get("/api/v1/auth/me", Access.SIGNED_IN, (ctx, p) -> {
          Responses.ok(ctx, p.toJson().put("csrfToken", p.csrfToken()));
          return Future.succeededFuture();
        })
        .get("/api/v1/tokens", Access.ADMIN, (ctx, p) -> auth.listTokens()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .post("/api/v1/tokens", Access.ADMIN, this::createToken)
        .delete("/api/v1/tokens/:tokenId", Access.ADMIN, (ctx, p) -> auth.revokeToken(p, Query.pathId(ctx, "tokenId"))
            .onSuccess(v -> Responses.noContent(ctx)));
  }

  private Future<?> login(RoutingContext ctx, Principal ignored) {
    JsonBody body = JsonBody.of(ctx);
    String email = body.requiredString("email");
    String password = body.requiredString("password");
    if (email.length() > 254 || password.length() > 1024) {
      throw new ApiError(401, "invalid_credentials", "wrong email or password", null);
    }
    return auth.login(email.trim(), password, ClientAddress.of(ctx))
        .onSuccess(signedIn -> answer(ctx, signedIn, secureCookies, new JsonObject()));
  }

  /**
   * Answers a sign-in: the session cookie and the user, or, when the password led to a second step, that step
   * (no cookie yet). {@code extra} adds fields to the answer (backup codes made at enrolment).
   */
  public static void answer(RoutingContext ctx, AuthService.SignedIn signedIn, boolean secureCookies, JsonObject extra) {
    if (signedIn.secondStep() != null) {
      Responses.ok(ctx, extra.put("secondStep", new JsonObject().put("kind", signedIn.secondStep().kind())
          .put("challenge", signedIn.secondStep().challenge())));
      return;
    }
    Cookie cookie = Cookie.cookie(AuthHandler.SESSION_COOKIE, signedIn.sessionToken()).setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setPath("/").setMaxAge(signedIn.maxAgeSeconds()).setSecure(secureCookies);
    ctx.response().addCookie(cookie);
    JsonObject user = signedIn.principal().toJson().put("csrfToken", signedIn.principal().csrfToken());
    Responses.ok(ctx, extra.put("user", user));
  }

  private Future<?> logout(RoutingContext ctx, Principal p) {
    Cookie cookie = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    Future<Void> done = cookie == null ? Future.succeededFuture() : auth.logout(cookie.getValue(), p.userId());
    return done.onSuccess(v -> {
      ctx.response().addCookie(Cookie.cookie(AuthHandler.SESSION_COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
      Responses.noContent(ctx);
    });
  }

  private Future<?> createToken(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    String name = body.optionalString("name", 100);
    if (name == null || name.isBlank()) {
      throw ApiError.missing("name");
    }
    Long userId = body.optionalLong("userId");
    String scope = body.oneOf("scope", "full", java.util.Set.of("full", "read"));
    return auth.createToken(p, userId == null ? p.userId() : userId, name.trim(), scope)
        .onSuccess(j -> Responses.created(ctx, j));
  }
}
