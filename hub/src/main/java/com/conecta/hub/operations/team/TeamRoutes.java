package com.conecta.hub.operations.team;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** HTTP for users and teams: listing them for pickers, and admins adding people. */
public record TeamRoutes(TeamService service) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/users", Access.SIGNED_IN, (ctx, p) -> service.users()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .get("/api/v1/teams", Access.SIGNED_IN, (ctx, p) -> service.teams()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .post("/api/v1/users", Access.ADMIN, this::createUser)
        .post("/api/v1/teams", Access.ADMIN, this::createTeam);
  }

  private Future<?> createTeam(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    String name = body.optionalString("name", 100);
    if (name == null || name.isBlank()) {
      throw ApiError.missing("name");
    }
    List<Long> members = ids(body, "memberIds");
    List<Long> supervisors = ids(body, "supervisorIds");
    return service.createTeam(new TeamService.NewTeam(name.trim(), body.optionalString("description", 500), members,
            supervisors))
        .onSuccess(id -> Responses.created(ctx, new JsonObject().put("id", id).put("name", name.trim())
            .put("memberIds", new JsonArray(members)).put("supervisorIds", new JsonArray(supervisors))));
  }

  private static List<Long> ids(JsonBody body, String field) {
    JsonArray raw = body.optionalArray(field);
    List<Long> out = new ArrayList<>();
    if (raw != null) {
      for (Object o : raw) {
        if (!(o instanceof Number n)) {
          throw ApiError.invalid(field, "'" + field + "' holds user ids");
        }
        out.add(n.longValue());
      }
    }
    return out;
  }

  private Future<?> createUser(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    String email = body.requiredString("email").trim().toLowerCase();
    if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw ApiError.invalid("email", "'email' is not an email address");
    }
    String name = body.optionalString("name", 200);
    if (name == null || name.isBlank()) {
      throw ApiError.missing("name");
    }
    String role = body.oneOf("role", "agent", Set.of("admin", "agent", "marketing"));
    String locale = body.oneOf("locale", "es", Set.of("es", "en"));
    String password = body.requiredString("password");
    if (password.length() < 10 || password.length() > 200) {
      throw ApiError.invalid("password", "a password has 10 to 200 characters");
    }
    JsonArray teamIds = body.optionalArray("teamIds");
    List<Long> teams = new ArrayList<>();
    if (teamIds != null) {
      for (Object o : teamIds) {
        if (!(o instanceof Number n)) {
          throw ApiError.invalid("teamIds", "team ids are numbers");
        }
        teams.add(n.longValue());
      }
    }
    String phone = body.optionalString("phone", 40);
    Long maxOpen = body.optionalLong("maxOpenConversations");
    if (maxOpen != null && (maxOpen < 1 || maxOpen > 10_000)) {
      throw ApiError.invalid("maxOpenConversations", "'maxOpenConversations' is between 1 and 10000");
    }
    return service.createUser(new TeamService.NewUser(email, name.trim(), role, locale, password, phone,
        maxOpen == null ? null : maxOpen.intValue(), teams))
        .onSuccess(id -> Responses.created(ctx, new JsonObject().put("id", id).put("email", email).put("name", name.trim())
            .put("role", role).put("teamIds", new JsonArray(teams))));
  }
}
