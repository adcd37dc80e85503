package com.conecta.hub.foundation.twofactor;

import com.conecta.hub.foundation.platform.FirstRow;
import com.conecta.hub.foundation.secrets.SecretBox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for TOTP secrets, backup codes, the roles that require a second factor and pending second steps. TOTP secrets
 * must be readable to check codes, so they are sealed with {@code box}, not hashed.
 */
public record TwoFactorStore(Pool pool, SecretBox box) {
  private static final String STATUS = """
      select u.email, u.role, t.confirmed_at is not null as enabled,
             exists (select 1 from two_factor_required_roles r where r.role = u.role) as required,
             (select count(*) from user_backup_codes c where c.user_id = u.id and c.used_at is null) as codes_left
        from users u left join user_totp t on t.user_id = u.id
       where u.id = $1 and u.active""";
  private static final String INSERT_CHALLENGE =
      "insert into sign_in_challenges (token_hash, user_id, kind, expires_at) values ($1, $2, $3, $4)";
  private static final String CHALLENGE =
      "select user_id, kind from sign_in_challenges where token_hash = $1 and expires_at > $2 and attempts < $3";
  private static final String FAILED_ATTEMPT =
      "update sign_in_challenges set attempts = attempts + 1 where token_hash = $1";
  private static final String CONSUME_CHALLENGE =
      "delete from sign_in_challenges where token_hash = $1 and expires_at > $2 and attempts < $3 returning user_id";
  /** A new secret replaces one not yet confirmed; a confirmed one stays (nothing is returned then). */
  private static final String PENDING_SECRET = """
      insert into user_totp (user_id, secret) values ($1, $2)
      on conflict (user_id) do update set secret = excluded.secret, last_step = 0, created_at = now()
       where user_totp.confirmed_at is null
      returning user_id""";
  private static final String SECRET = "select secret, confirmed_at is not null as confirmed from user_totp where user_id = $1";
  private static final String CONFIRM =
      "update user_totp set confirmed_at = now(), last_step = $2 where user_id = $1 and confirmed_at is null returning 1";
  /** Moves the last accepted step forward; fails (no row) for a code already used, so a code works once. */
  private static final String USE_STEP = """
      update user_totp set last_step = $2 where user_id = $1 and confirmed_at is not null and last_step < $2
      returning 1""";
  private static final String DELETE_CODES = "delete from user_backup_codes where user_id = $1";
  private static final String INSERT_CODES =
      "insert into user_backup_codes (user_id, code_hash) select $1, unnest($2::text[])";
  private static final String USE_CODE =
      "update user_backup_codes set used_at = now() where user_id = $1 and code_hash = $2 and used_at is null returning 1";
  private static final String REQUIRED_ROLES = "select role from two_factor_required_roles order by role";
  private static final String CLEAR_ROLES = "delete from two_factor_required_roles";
  private static final String INSERT_ROLES = "insert into two_factor_required_roles (role) select unnest($1::text[])";

  /** Turning it off or an admin's reset: the secret and every backup code go; pending sign-in steps too. */
  private static final String REMOVE_SECRET = "delete from user_totp where user_id = $1 returning 1";
  private static final String REMOVE_CHALLENGES = "delete from sign_in_challenges where user_id = $1";
  private static final String END_SESSIONS = "delete from sessions where user_id = $1";
  private static final String USERS = """
      select u.id, u.name, u.email, u.role, t.confirmed_at is not null as enabled,
             exists (select 1 from two_factor_required_roles r where r.role = u.role) as required
        from users u left join user_totp t on t.user_id = u.id
       where u.active order by u.name, u.id""";

  private static final String ALL_SECRETS = "select user_id, secret from user_totp";
  private static final String RESEAL = "update user_totp set secret = $3 where user_id = $1 and secret = $2";

  /** Re-seals every stored secret that is plain or sealed with a previous key; answers how many were. */
  public Future<Integer> resealSecrets() {
    return pool.query(ALL_SECRETS).execute().compose(rows -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Row r : rows) {
        String stored = r.getString("secret");
        if (box.stale(stored)) {
          long userId = r.getLong("user_id");
          chain = chain.compose(n -> pool.preparedQuery(RESEAL)
              .execute(Tuple.of(userId, stored, box.seal(box.open(stored)))).map(x -> n + x.rowCount()));
        }
      }
      return chain;
    });
  }

  public record Status(String email, String role, boolean enabled, boolean required, long backupCodesLeft) {}

  public record Challenge(long userId, String kind) {}

  public record Secret(String base32, boolean confirmed) {}

  public Future<Status> status(long userId) {
    return pool.preparedQuery(STATUS).execute(Tuple.of(userId))
        .map(rows -> FirstRow.orNull(rows, r -> new Status(r.getString("email"), r.getString("role"),
            r.getBoolean("enabled"), r.getBoolean("required"), r.getLong("codes_left"))));
  }

  public Future<Void> insertChallenge(String tokenHash, long userId, String kind, OffsetDateTime expires) {
    return pool.preparedQuery(INSERT_CHALLENGE).execute(Tuple.of(tokenHash, userId, kind, expires)).mapEmpty();
  }

  public Future<Challenge> challenge(String tokenHash, OffsetDateTime now, int maxAttempts) {
    return pool.preparedQuery(CHALLENGE).execute(Tuple.of(tokenHash, now, maxAttempts)).map(rows -> rows.size() == 0
        ? null : new Challenge(rows.iterator().next().getLong("user_id"), rows.iterator().next().getString("kind")));
  }

  public Future<Void> failedAttempt(String tokenHash) {
    return pool.preparedQuery(FAILED_ATTEMPT).execute(Tuple.of(tokenHash)).mapEmpty();
  }

  /** Uses the challenge up; false when another request already did, or it expired meanwhile. */
  public Future<Boolean> consumeChallenge(SqlClient client, String tokenHash, OffsetDateTime now, int maxAttempts) {
    return client.preparedQuery(CONSUME_CHALLENGE).execute(Tuple.of(tokenHash, now, maxAttempts))
        .map(rows -> rows.size() > 0);
  }

  /** False when the user already has a confirmed second factor. */
  public Future<Boolean> pendingSecret(long userId, String base32) {
    return pool.preparedQuery(PENDING_SECRET).execute(Tuple.of(userId, box.seal(base32))).map(rows -> rows.size() > 0);
  }

  public Future<Secret> secret(long userId) {
    return pool.preparedQuery(SECRET).execute(Tuple.of(userId)).map(rows -> rows.size() == 0 ? null
        : new Secret(box.open(rows.iterator().next().getString("secret")), rows.iterator().next().getBoolean("confirmed")));
  }

  public Future<Boolean> confirm(SqlClient client, long userId, long step) {
    return client.preparedQuery(CONFIRM).execute(Tuple.of(userId, step)).map(rows -> rows.size() > 0);
  }

  public Future<Boolean> useStep(SqlClient client, long userId, long step) {
    return client.preparedQuery(USE_STEP).execute(Tuple.of(userId, step)).map(rows -> rows.size() > 0);
  }

  public Future<Void> replaceBackupCodes(SqlClient client, long userId, List<String> hashes) {
    return client.preparedQuery(DELETE_CODES).execute(Tuple.of(userId))
        .compose(r -> client.preparedQuery(INSERT_CODES)
            .execute(Tuple.tuple().addLong(userId).addArrayOfString(hashes.toArray(String[]::new))))
        .mapEmpty();
  }

  public Future<Boolean> useBackupCode(SqlClient client, long userId, String codeHash) {
    return client.preparedQuery(USE_CODE).execute(Tuple.of(userId, codeHash)).map(rows -> rows.size() > 0);
  }

  /** Removes the user's second factor; false when none was set up. */
  public Future<Boolean> remove(SqlClient client, long userId) {
    return client.preparedQuery(REMOVE_SECRET).execute(Tuple.of(userId)).compose(rows -> {
      boolean had = rows.size() > 0;
      return client.preparedQuery(DELETE_CODES).execute(Tuple.of(userId))
          .compose(r -> client.preparedQuery(REMOVE_CHALLENGES).execute(Tuple.of(userId)))
          .map(had);
    });
  }

  /** An admin's reset also ends the user's sessions: whoever holds one must sign in, and set it up, again. */
  public Future<Void> endSessions(SqlClient client, long userId) {
    return client.preparedQuery(END_SESSIONS).execute(Tuple.of(userId)).mapEmpty();
  }

  public record UserStatus(long id, String name, String email, String role, boolean enabled, boolean required) {}

  public Future<List<UserStatus>> users() {
    return pool.query(USERS).execute().map(rows -> {
      List<UserStatus> out = new ArrayList<>();
      rows.forEach(r -> out.add(new UserStatus(r.getLong("id"), r.getString("name"), r.getString("email"),
          r.getString("role"), r.getBoolean("enabled"), r.getBoolean("required"))));
      return out;
    });
  }

  public Future<List<String>> requiredRoles() {
    return pool.query(REQUIRED_ROLES).execute().map(rows -> {
      List<String> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getString("role")));
      return out;
    });
  }

  public Future<Void> setRequiredRoles(SqlClient client, List<String> roles) {
    return client.query(CLEAR_ROLES).execute()
        .compose(r -> client.preparedQuery(INSERT_ROLES)
            .execute(Tuple.tuple().addArrayOfString(roles.toArray(String[]::new))))
        .mapEmpty();
  }
}
