package com.conecta.hub.fieldservice.calendar;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** SQL of the calendar feeds: one per person, found by the SHA-256 of its secret token. */
public record CalendarFeedStore(Pool pool) {
  private static final String UPSERT = """
      insert into calendar_feeds (user_id, token_hash) values ($1, $2)
      on conflict (user_id) do update set token_hash = $2, created_at = now(), last_read_at = null
      returning created_at""";
  private static final String OWNER = """
      update calendar_feeds f set last_read_at = now() from users u
      where f.token_hash = $1 and u.id = f.user_id and u.active
      returning u.id, u.name, u.locale""";

  /** Whose feed a token opens. */
  public record Owner(long userId, String name, String locale) {}

  /** Makes or replaces the person's feed (the old token stops working at once); answers when it was made. */
  public Future<String> replace(long userId, String tokenHash) {
    return pool.preparedQuery(UPSERT).execute(Tuple.of(userId, tokenHash))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant().toString());
  }

  public Future<Boolean> revoke(long userId) {
    return pool.preparedQuery("delete from calendar_feeds where user_id = $1").execute(Tuple.of(userId))
        .map(rows -> rows.rowCount() > 0);
  }

  /** {@code active} and, when active, when it was made and last read by a calendar app. */
  public Future<JsonObject> status(long userId) {
    return pool.preparedQuery("select created_at, last_read_at from calendar_feeds where user_id = $1")
        .execute(Tuple.of(userId)).map(rows -> {
          if (rows.size() == 0) {
            return new JsonObject().put("active", false);
          }
          Row r = rows.iterator().next();
          var read = r.getOffsetDateTime("last_read_at");
          return new JsonObject().put("active", true)
              .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
              .put("lastReadAt", read == null ? null : read.toInstant().toString());
        });
  }

  /** The feed's owner, or null when no active user has a feed with this token hash. */
  public Future<Owner> owner(String tokenHash) {
    return pool.preparedQuery(OWNER).execute(Tuple.of(tokenHash)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Owner(r.getLong("id"), r.getString("name"), r.getString("locale"));
    });
  }
}
