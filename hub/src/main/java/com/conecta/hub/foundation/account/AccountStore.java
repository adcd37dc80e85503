package com.conecta.hub.foundation.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** SQL for a user's own password and sessions. */
public record AccountStore(Pool pool) {
  private static final String PASSWORD_HASH = "select password_hash from users where id = $1 and active";
  private static final String SET_PASSWORD = "update users set password_hash = $2 where id = $1";
  /** {@code $2} is the session to keep (the caller's own), or null to end them all. */
  private static final String END_SESSIONS =
      "delete from sessions where user_id = $1 and ($2::text is null or token_hash <> $2)";

  /** The user's password hash; null when there is no such active user or they have no password. */
  public Future<String> passwordHash(long userId) {
    return pool.preparedQuery(PASSWORD_HASH).execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("password_hash"));
  }

  public Future<Void> setPassword(SqlClient client, long userId, String hash) {
    return client.preparedQuery(SET_PASSWORD).execute(Tuple.of(userId, hash)).mapEmpty();
  }

  /** Ends the user's sessions except {@code keepTokenHash} (null ends every one); answers how many ended. */
  public Future<Integer> endSessions(SqlClient client, long userId, String keepTokenHash) {
    return client.preparedQuery(END_SESSIONS).execute(Tuple.of(userId, keepTokenHash)).map(rows -> rows.rowCount());
  }
}
