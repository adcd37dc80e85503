package com.conecta.hub.team;

import com.conecta.hub.auth.Access;
import com.conecta.hub.auth.AuthService;
import com.conecta.hub.auth.Principal;
import com.conecta.hub.web.ApiError;
import com.conecta.hub.web.JsonBody;
import com.conecta.hub.web.Page;
import com.conecta.hub.web.Responses;
import com.conecta.hub.web.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** HTTP for users and teams: listing them for pickers, and admins adding people. */
public final class TeamRoutes {
  private final TeamStore store;
  private final AuthService auth;

  public TeamRoutes(TeamStore store, AuthService auth) {
    this.store = store;
    this.auth = auth;
  }

  public void register(RouteTable routes) {
    routes.get("/api/v1/users", Access.SIGNED_IN, (ctx, p) -> store.users()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .get("/api/v1/teams", Access.SIGNED_IN, (ctx, p) -> store.teams()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .post("/api/v1/users", Access.ADMIN, this::createUser);
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
    return store.teamsExist(teams.toArray(Long[]::new))
        .compose(ok -> ok ? auth.hashPassword(password)
            : Future.failedFuture(ApiError.invalid("teamIds", "one of the teams does not exist")))
        .compose(hash -> store.pool().withTransaction(conn -> store.insertUser(conn, email, name.trim(), role, hash, locale, phone)
            .compose(id -> {
              Future<Void> chain = Future.succeededFuture();
              for (long team : teams) {
                chain = chain.compose(v -> store.addMember(conn, team, id, false));
              }
              return chain.map(id);
            })))
        .recover(e -> e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(ApiError.conflict("email_taken", "a user with this email exists"))
            : Future.failedFuture(e))
        .onSuccess(id -> Responses.created(ctx, new JsonObject().put("id", id).put("email", email).put("name", name.trim())
            .put("role", role).put("teamIds", new JsonArray(teams))));
  }
}
