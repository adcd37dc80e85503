package com.conecta.hub.foundation.twofactor;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.AuthRoutes;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.RouteTable;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.ClientAddress;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The second step of sign-in ({@code POST /api/v1/auth/second-step}), setting up an authenticator (signed in under
 * {@code /auth/two-factor}, or under {@code /auth/second-step/enrolment} with the challenge of a sign-in whose role
 * requires it), and the admin setting of which roles require it.
 */
public record TwoFactorRoutes(TwoFactorService twoFactor, boolean secureCookies) {
  private static final Set<String> ROLES = Set.of("admin", "agent", "marketing");

  public void register(RouteTable routes) {
    routes.post("/api/v1/auth/second-step", Access.PUBLIC, this::secondStep)
        .get("/api/v1/auth/two-factor", Access.SIGNED_IN, (ctx, p) -> twoFactor.status(p.userId())
            .onSuccess(j -> Responses.ok(ctx, j)))
        .post("/api/v1/auth/two-factor/enrolment", Access.SIGNED_IN, this::startEnrolment)
        .post("/api/v1/auth/two-factor/enrolment/confirm", Access.SIGNED_IN, this::confirmEnrolment)
        .post("/api/v1/auth/second-step/enrolment", Access.PUBLIC, this::startRequiredEnrolment)
        .post("/api/v1/auth/second-step/enrolment/confirm", Access.PUBLIC, this::confirmRequiredEnrolment)
        .get("/api/v1/two-factor/required-roles", Access.ADMIN, (ctx, p) -> twoFactor.requiredRoles()
            .onSuccess(roles -> Responses.ok(ctx, new JsonObject().put("roles", new JsonArray(roles)))))
        .put("/api/v1/two-factor/required-roles", Access.ADMIN, this::setRequiredRoles)
        .post("/api/v1/auth/two-factor/backup-codes", Access.SIGNED_IN, (ctx, p) -> twoFactor
            .replaceBackupCodes(signedIn(p).userId(), shortString(JsonBody.of(ctx), "code"))
            .onSuccess(codes -> Responses.ok(ctx, new JsonObject().put("backupCodes", new JsonArray(codes)))))
        .post("/api/v1/auth/two-factor/disable", Access.SIGNED_IN, (ctx, p) -> twoFactor
            .turnOff(signedIn(p).userId(), shortString(JsonBody.of(ctx), "code"))
            .onSuccess(v -> Responses.noContent(ctx)))
        .get("/api/v1/two-factor/users", Access.ADMIN, (ctx, p) -> twoFactor.users()
            .onSuccess(list -> Responses.ok(ctx, new JsonObject().putNull("nextCursor").put("items", new JsonArray(
                list.stream().map(u -> new JsonObject().put("id", u.id()).put("name", u.name()).put("email", u.email())
                    .put("role", u.role()).put("enabled", u.enabled()).put("required", u.required())).toList())))))
        .delete("/api/v1/users/:id/two-factor", Access.ADMIN, (ctx, p) -> twoFactor
            .reset(p, com.conecta.hub.foundation.web.Query.pathId(ctx, "id")).onSuccess(v -> Responses.noContent(ctx)));
  }

  private static String shortString(JsonBody body, String field) {
    String v = body.requiredString(field);
    if (v.length() > 100) {
      throw ApiError.invalid(field, "'" + field + "' is too long");
    }
    return v;
  }

  private Future<?> secondStep(RoutingContext ctx, Principal ignored) {
    JsonBody body = JsonBody.of(ctx);
    String challenge = shortString(body, "challenge");
    String code = shortString(body, "code");
    return twoFactor.secondStep(challenge, code, ClientAddress.of(ctx))
        .onSuccess(signedIn -> AuthRoutes.answer(ctx, signedIn, secureCookies, new JsonObject()));
  }

  /** The signed-in user sets up an authenticator (the body is an empty JSON object). */
  private Future<?> startEnrolment(RoutingContext ctx, Principal p) {
    JsonBody.of(ctx);
    return twoFactor.startEnrolment(signedIn(p).userId()).onSuccess(j -> Responses.ok(ctx, j));
  }

  private Future<?> confirmEnrolment(RoutingContext ctx, Principal p) {
    String code = shortString(JsonBody.of(ctx), "code");
    return twoFactor.confirmEnrolment(signedIn(p).userId(), code)
        .onSuccess(codes -> Responses.ok(ctx, new JsonObject().put("backupCodes", new JsonArray(codes))));
  }

  /** During sign-in, a user whose role requires a second factor sets it up with the sign-in's challenge. */
  private Future<?> startRequiredEnrolment(RoutingContext ctx, Principal ignored) {
    return twoFactor.startEnrolment(shortString(JsonBody.of(ctx), "challenge")).onSuccess(j -> Responses.ok(ctx, j));
  }

  private Future<?> confirmRequiredEnrolment(RoutingContext ctx, Principal ignored) {
    JsonBody body = JsonBody.of(ctx);
    String challenge = shortString(body, "challenge");
    String code = shortString(body, "code");
    return twoFactor.confirmEnrolment(challenge, code, ClientAddress.of(ctx))
        .onSuccess(f -> AuthRoutes.answer(ctx, f.signedIn(), secureCookies,
            new JsonObject().put("backupCodes", new JsonArray(f.backupCodes()))));
  }

  /** Setting up an authenticator is a person's act: an API token may not. */
  private static Principal signedIn(Principal p) {
    if (p.csrfToken() == null) {
      throw ApiError.forbidden("sign in with your password to set up two-factor sign-in");
    }
    return p;
  }

  private Future<?> setRequiredRoles(RoutingContext ctx, Principal p) {
    JsonArray raw = JsonBody.of(ctx).optionalArray("roles");
    if (raw == null) {
      throw ApiError.missing("roles");
    }
    List<String> roles = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof String s) || !ROLES.contains(s)) {
        throw ApiError.invalid("roles", "'roles' holds admin, agent or marketing");
      }
      if (!roles.contains(s)) {
        roles.add(s);
      }
    }
    return twoFactor.setRequiredRoles(p, roles)
        .onSuccess(list -> Responses.ok(ctx, new JsonObject().put("roles", new JsonArray(list))));
  }
}
