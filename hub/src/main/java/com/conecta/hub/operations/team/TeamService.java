package com.conecta.hub.operations.team;

import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** People and teams: listing them, and adding a user with a hashed password and their teams in one step. */
public record TeamService(TeamStore store, AuthService auth) {
  public Future<List<JsonObject>> users() {
    return store.users();
  }

  public Future<List<JsonObject>> teams() {
    return store.teams();
  }

  public record NewUser(String email, String name, String role, String locale, String password, String phone,
      Integer maxOpenConversations, List<Long> teamIds) {}

  public record NewTeam(String name, String description, List<Long> memberIds, List<Long> supervisorIds) {}

  public Future<Long> createTeam(NewTeam t) {
    List<Long> everyone = new java.util.ArrayList<>(t.memberIds());
    t.supervisorIds().stream().filter(id -> !everyone.contains(id)).forEach(everyone::add);
    return store.usersExist(everyone.toArray(Long[]::new))
        .compose(ok -> ok ? Future.succeededFuture()
            : Future.failedFuture(ApiError.invalid("memberIds", "one of the users does not exist")))
        .compose(v -> store.pool().withTransaction(conn -> store.insertTeam(conn, t.name(), t.description())
            .compose(id -> {
              Future<Void> chain = Future.succeededFuture();
              for (long user : everyone) {
                chain = chain.compose(x -> store.addMember(conn, id, user, t.supervisorIds().contains(user)));
              }
              return chain.map(id);
            })))
        // The members' principals carry their teams: every node forgets them so the new team's inboxes show at once.
        .compose(id -> Future.all(everyone.stream().map(auth::forgetUser).toList()).map(id))
        .recover(e -> com.conecta.hub.foundation.platform.PgErrors.isUniqueViolation(e)
            ? Future.failedFuture(ApiError.conflict("team_exists", "a team with this name exists"))
            : Future.failedFuture(e));
  }

  public Future<Long> createUser(NewUser u) {
    return store.teamsExist(u.teamIds().toArray(Long[]::new))
        .compose(ok -> ok ? auth.hashPassword(u.password())
            : Future.failedFuture(ApiError.invalid("teamIds", "one of the teams does not exist")))
        .compose(hash -> store.pool().withTransaction(conn -> store.insertUser(conn, u.email(), u.name(), u.role(), hash,
                u.locale(), u.phone(), u.maxOpenConversations())
            .compose(id -> {
              Future<Void> chain = Future.succeededFuture();
              for (long team : u.teamIds()) {
                chain = chain.compose(v -> store.addMember(conn, team, id, false));
              }
              return chain.map(id);
            })))
        .recover(e -> com.conecta.hub.foundation.platform.PgErrors.isUniqueViolation(e)
            ? Future.failedFuture(ApiError.conflict("email_taken", "a user with this email exists"))
            : Future.failedFuture(e));
  }
}
