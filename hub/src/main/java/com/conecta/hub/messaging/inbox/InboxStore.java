package com.conecta.hub.messaging.inbox;

import com.conecta.hub.foundation.secrets.SecretSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for inboxes. */
public final class InboxStore {
  private static final String COLUMNS = "id, name, channel, channel_account_id, team_id, settings";
  private static final String BY_ID = "select " + COLUMNS + " from inboxes where id = $1";
  private static final String BY_ACCOUNT = "select " + COLUMNS + " from inboxes where channel = $1 and channel_account_id = $2";
  private static final String LIST = "select " + COLUMNS + " from inboxes where ($1::bigint[] is null or id = any($1)) order by id";
  private static final String INSERT = "insert into inboxes (name, channel, channel_account_id, team_id, settings) "
      + "values ($1, $2, $3, $4, $5) returning " + COLUMNS;

  private static final String ALL_SETTINGS = "select id, settings from inboxes";
  private static final String RESEAL = "update inboxes set settings = $3 where id = $1 and settings = $2";

  private final Pool pool;
  /** Channel secrets in settings are sealed in the table and open only here. */
  private final SecretSettings secrets;

  public InboxStore(Pool pool, SecretSettings secrets) {
    this.pool = pool;
    this.secrets = secrets;
  }

  /** Re-seals every inbox's secrets that are plain or sealed with a previous key; answers how many inboxes. */
  public Future<Integer> resealSecrets() {
    return pool.query(ALL_SETTINGS).execute().compose(rows -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Row r : rows) {
        if (r.getValue("settings") instanceof JsonObject stored && secrets.stale(stored)) {
          long id = r.getLong("id");
          chain = chain.compose(n -> pool.preparedQuery(RESEAL).execute(Tuple.of(id, stored, secrets.seal(stored)))
              .map(x -> n + x.rowCount()));
        }
      }
      return chain;
    });
  }

  public Future<Inbox> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(this::first);
  }

  public Future<Inbox> byChannelAccount(String channel, String accountId) {
    return pool.preparedQuery(BY_ACCOUNT).execute(Tuple.of(channel, accountId)).map(this::first);
  }

  public Future<List<Inbox>> list(Long[] visible) {
    return pool.preparedQuery(LIST).execute(Tuple.of(visible)).map(rows -> {
      List<Inbox> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public Future<Inbox> insert(String name, String channel, String accountId, Long teamId, JsonObject settings) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(name, channel, accountId, teamId, secrets.seal(settings))).map(this::first);
  }

  private Inbox first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : map(rows.iterator().next());
  }

  private Inbox map(Row r) {
    Object settings = r.getValue("settings");
    return new Inbox(r.getLong("id"), r.getString("name"), r.getString("channel"), r.getString("channel_account_id"),
        r.getLong("team_id"), settings instanceof JsonObject j ? secrets.open(j) : new JsonObject());
  }
}
