package com.conecta.hub.foundation.account;

import com.conecta.hub.foundation.platform.FirstRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/** SQL for password reset links. Times come from the service's clock, so that tests can move it. */
public record PasswordResetStore(Pool pool) {
  private static final String USER_BY_EMAIL =
      "select id, email, name, locale from users where lower(email) = lower($1) and active";
  private static final String INSERT =
      "insert into password_resets (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)";
  private static final String VALID =
      "select 1 from password_resets where token_hash = $1 and used_at is null and expires_at > $2";
  /** Used up in the same statement that checks it, so two requests with one link cannot both pass. */
  private static final String CONSUME = """
      update password_resets set used_at = $2
       where token_hash = $1 and used_at is null and expires_at > $2
      returning user_id""";
  /** A new password makes every other link of the user useless. */
  private static final String CLOSE_OTHERS =
      "update password_resets set used_at = $2 where user_id = $1 and used_at is null";

  public record Recipient(long userId, String email, String name, String locale) {}

  public Future<Recipient> recipient(String email) {
    return pool.preparedQuery(USER_BY_EMAIL).execute(Tuple.of(email))
        .map(rows -> FirstRow.orNull(rows, r -> new Recipient(r.getLong("id"), r.getString("email"),
            r.getString("name"), r.getString("locale"))));
  }

  public Future<Void> insert(String tokenHash, long userId, OffsetDateTime now, OffsetDateTime expires) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(tokenHash, userId, now, expires)).mapEmpty();
  }

  public Future<Boolean> valid(String tokenHash, OffsetDateTime now) {
    return pool.preparedQuery(VALID).execute(Tuple.of(tokenHash, now)).map(rows -> rows.size() > 0);
  }

  /** Marks the link used and answers its user; null when it is unknown, used or expired. */
  public Future<Long> consume(SqlClient client, String tokenHash, OffsetDateTime now) {
    return client.preparedQuery(CONSUME).execute(Tuple.of(tokenHash, now))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("user_id"));
  }

  public Future<Void> closeOthers(SqlClient client, long userId, OffsetDateTime now) {
    return client.preparedQuery(CLOSE_OTHERS).execute(Tuple.of(userId, now)).mapEmpty();
  }
}
