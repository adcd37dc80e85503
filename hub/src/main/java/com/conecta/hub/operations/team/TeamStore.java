package com.conecta.hub.operations.team;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SQL for users and teams. */
public record TeamStore(Pool pool) {
  private static final String USERS = """
      select u.id, u.email, u.name, u.role, u.locale, u.availability, u.max_open_conversations, u.active,
             array(select team_id from team_members m where m.user_id = u.id order by team_id) as team_ids
      from users u order by u.id""";
  private static final String TEAMS = """
      select t.id, t.name, t.description,
             array(select user_id from team_members m where m.team_id = t.id order by user_id) as member_ids
      from teams t order by t.id""";
  private static final String INSERT_USER = """
      insert into users (email, name, role, password_hash, locale, phone, max_open_conversations)
      values ($1, $2, $3, $4, $5, $6, $7) returning id""";
  private static final String INSERT_TEAM = "insert into teams (name, description) values ($1, $2) returning id";
  private static final String ADD_MEMBER =
      "insert into team_members (team_id, user_id, supervisor) values ($1, $2, $3) on conflict do nothing";
  private static final String TEAM_EXISTS = "select count(*) from teams where id = any($1)";
  private static final String USERS_EXIST = "select count(*) from users where id = any($1) and active";
  private static final String USER_COUNT = "select count(*) from users";

  public Future<List<JsonObject>> users() {
    return pool.query(USERS).execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("email", r.getString("email"))
            .put("name", r.getString("name")).put("role", r.getString("role")).put("locale", r.getString("locale"))
            .put("availability", r.getString("availability"))
            .put("maxOpenConversations", r.getInteger("max_open_conversations")).put("active", r.getBoolean("active"))
            .put("teamIds", new JsonArray(Arrays.asList(r.getArrayOfLongs("team_ids")))));
      }
      return out;
    });
  }

  public Future<List<JsonObject>> teams() {
    return pool.query(TEAMS).execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
            .put("description", r.getString("description"))
            .put("memberIds", new JsonArray(Arrays.asList(r.getArrayOfLongs("member_ids")))));
      }
      return out;
    });
  }

  public Future<Long> insertUser(SqlConnection conn, String email, String name, String role, String passwordHash,
      String locale, String phone) {
    return insertUser(conn, email, name, role, passwordHash, locale, phone, null);
  }

  public Future<Long> insertUser(SqlConnection conn, String email, String name, String role, String passwordHash,
      String locale, String phone, Integer maxOpen) {
    return conn.preparedQuery(INSERT_USER).execute(Tuple.tuple().addString(email).addString(name).addString(role)
            .addString(passwordHash).addString(locale).addString(phone).addInteger(maxOpen))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Long> insertTeam(SqlConnection conn, String name, String description) {
    return conn.preparedQuery(INSERT_TEAM).execute(Tuple.of(name, description))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> addMember(SqlConnection conn, long teamId, long userId, boolean supervisor) {
    return conn.preparedQuery(ADD_MEMBER).execute(Tuple.of(teamId, userId, supervisor)).mapEmpty();
  }

  public Future<Boolean> teamsExist(Long[] ids) {
    return pool.preparedQuery(TEAM_EXISTS).execute(Tuple.of((Object) ids))
        .map(rows -> rows.iterator().next().getLong(0) == ids.length);
  }

  public Future<Boolean> usersExist(Long[] ids) {
    return pool.preparedQuery(USERS_EXIST).execute(Tuple.of((Object) ids))
        .map(rows -> rows.iterator().next().getLong(0) == ids.length);
  }

  public Future<Long> userCount() {
    return pool.query(USER_COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }
}
