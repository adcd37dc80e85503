package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.platform.FirstRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/** SQL for users, sessions and API tokens. */
public record AuthStore(Pool pool) {
  private static final String USER_BY_EMAIL =
      "select id, password_hash from users where lower(email) = lower($1) and active";
  private static final String INSERT_SESSION =
      "insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)";
  /** The user and, in the same round trip, their teams and the inboxes those teams own. */
  private static final String PRINCIPAL_COLUMNS = """
      select u.id, u.email, u.name, u.role, u.locale, %s as csrf_token, %s as read_only,
             array(select team_id from team_members where user_id = u.id) as teams,
             array(select i.id from inboxes i join team_members m on m.team_id = i.team_id where m.user_id = u.id) as inboxes
      """;
  private static final String PRINCIPAL_BY_SESSION = PRINCIPAL_COLUMNS.formatted("s.csrf_token", "false")
      + " from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > now() and u.active";
  private static final String PRINCIPAL_BY_TOKEN = PRINCIPAL_COLUMNS.formatted("null", "t.scope = 'read'")
      + " from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1 and t.revoked_at is null and u.active";
  private static final String TOUCH_TOKEN =
      "update api_tokens set last_used_at = now() where token_hash = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')";
  private static final String PRINCIPAL_BY_ID = PRINCIPAL_COLUMNS.formatted("null", "false") + " from users u where u.id = $1 and u.active";
  private static final String DELETE_SESSION = "delete from sessions where token_hash = $1";
  private static final String INSERT_TOKEN =
      "insert into api_tokens (user_id, name, token_hash, created_by, scope) values ($1, $2, $3, $4, $5) returning id, created_at";
  private static final String REVOKE_TOKEN =
      "update api_tokens set revoked_at = now() where id = $1 and revoked_at is null returning user_id";
  private static final String LIST_TOKENS =
      "select id, user_id, name, scope, created_at, last_used_at, revoked_at from api_tokens order by id";
  private static final String USER_EXISTS = "select 1 from users where id = $1 and active";

  public record Credentials(long userId, String passwordHash) {}

  public Future<Credentials> credentials(String email) {
    return pool.preparedQuery(USER_BY_EMAIL).execute(Tuple.of(email))
        .map(rows -> FirstRow.orNull(rows, r -> new Credentials(r.getLong("id"), r.getString("password_hash"))));
  }

  public Future<Void> insertSession(String tokenHash, long userId, String csrf, OffsetDateTime expires) {
    return pool.preparedQuery(INSERT_SESSION).execute(Tuple.of(tokenHash, userId, csrf, expires)).mapEmpty();
  }

  public Future<Void> deleteSession(String tokenHash) {
    return pool.preparedQuery(DELETE_SESSION).execute(Tuple.of(tokenHash)).mapEmpty();
  }

  public Future<Principal> principalBySession(String tokenHash) {
    return principal(PRINCIPAL_BY_SESSION, Tuple.of(tokenHash));
  }

  public Future<Principal> principalByToken(String tokenHash) {
    return principal(PRINCIPAL_BY_TOKEN, Tuple.of(tokenHash)).compose(p -> p == null ? Future.succeededFuture(null)
        : pool.preparedQuery(TOUCH_TOKEN).execute(Tuple.of(tokenHash)).map(p));
  }

  public Future<Principal> principalById(long userId) {
    return principal(PRINCIPAL_BY_ID, Tuple.of(userId));
  }

  private Future<Principal> principal(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      Role role = Role.fromWire(r.getString("role"));
      Set<Long> teams = toSet(r.getArrayOfLongs("teams"));
      Set<Long> inboxes = role == Role.ADMIN ? null : toSet(r.getArrayOfLongs("inboxes"));
      return new Principal(r.getLong("id"), r.getString("email"), r.getString("name"), role, r.getString("locale"), teams,
          inboxes, r.getString("csrf_token"), Boolean.TRUE.equals(r.getBoolean("read_only")));
    });
  }

  private static Set<Long> toSet(Long[] values) {
    return values == null ? Set.of() : Set.copyOf(new HashSet<>(java.util.Arrays.asList(values)));
  }

  /** For the audit log, which writes in the caller's client. */
  public Future<Boolean> userExists(long userId) {
    return pool.preparedQuery(USER_EXISTS).execute(Tuple.of(userId)).map(rows -> rows.size() > 0);
  }

  public Future<JsonObject> insertToken(long userId, String name, String tokenHash, long createdBy, String scope) {
    return pool.preparedQuery(INSERT_TOKEN).execute(Tuple.of(userId, name, tokenHash, createdBy, scope)).map(rows -> {
      Row r = rows.iterator().next();
      return new JsonObject().put("id", r.getLong("id")).put("userId", userId).put("name", name).put("scope", scope)
          .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
    });
  }

  /** The token's user, or null when there is no such unrevoked token. */
  public Future<Long> revokeToken(long id) {
    return pool.preparedQuery(REVOKE_TOKEN).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("user_id"));
  }

  public Future<java.util.List<JsonObject>> listTokens() {
    return pool.query(LIST_TOKENS).execute().map(rows -> {
      java.util.List<JsonObject> out = new java.util.ArrayList<>();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("userId", r.getLong("user_id"))
            .put("name", r.getString("name")).put("scope", r.getString("scope")).put("createdAt", iso(r.getOffsetDateTime("created_at")))
            .put("lastUsedAt", iso(r.getOffsetDateTime("last_used_at")))
            .put("revokedAt", iso(r.getOffsetDateTime("revoked_at"))));
      }
      return out;
    });
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }
}
