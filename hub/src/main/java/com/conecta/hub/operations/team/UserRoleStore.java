package com.conecta.hub.operations.team;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** SQL for changing a user's role. */
public record UserRoleStore(Pool pool) {
  private static final String LOCK_ROLE = "select role from users where id = $1 and active for update";
  private static final String OTHER_ADMINS = "select count(*) from users where role = 'admin' and active and id <> $1";
  private static final String SET_ROLE = "update users set role = $2 where id = $1";

  /** The user's current role, locked for this transaction; null when there is no such active user. */
  public Future<String> lockRole(SqlConnection conn, long userId) {
    return conn.preparedQuery(LOCK_ROLE).execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("role"));
  }

  public Future<Long> otherAdmins(SqlConnection conn, long userId) {
    return conn.preparedQuery(OTHER_ADMINS).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> setRole(SqlConnection conn, long userId, String role) {
    return conn.preparedQuery(SET_ROLE).execute(Tuple.of(userId, role)).mapEmpty();
  }
}
