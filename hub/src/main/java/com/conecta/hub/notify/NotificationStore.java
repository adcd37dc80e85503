package com.conecta.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Enqueues notifications. Call it with the transaction of the business action that causes the notification, so both
 * commit or neither does; a worker sends pending rows afterwards.
 */
public final class NotificationStore {
  private static final String INSERT = """
      insert into notifications (user_id, to_address, channel, kind, subject, body, html_body, payload, dedupe_key)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      on conflict (dedupe_key) do nothing
      returning id""";

  /** The new row's id, or null when a notification with the same dedupe key already exists. */
  public Future<Long> enqueue(SqlClient client, Notification n) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {n.userId(), n.toAddress(), n.channel(), n.kind(), n.subject(), n.body(),
            n.htmlBody(), n.payload() == null ? new JsonObject() : n.payload(), n.dedupeKey()}))
        .map(NotificationStore::firstId);
  }

  private static Long firstId(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? it.next().getLong(0) : null;
  }
}
