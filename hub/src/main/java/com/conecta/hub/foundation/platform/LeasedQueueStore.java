package com.conecta.hub.foundation.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * The hand-back SQL of a queue table whose rows nodes claim with a lease (notifications, webhook deliveries): a row
 * whose lease ran out goes back to pending, and a node that stops gracefully hands back its own without counting the
 * attempt it did not make. The table has {@code status}, {@code claimed_by}, {@code claimed_until} and
 * {@code attempts}; {@code table} is one of our own names, never input.
 */
public record LeasedQueueStore(Pool pool, String table) {
  public Future<Integer> releaseStale() {
    return pool.query("""
        update %s set status = 'pending', claimed_by = null, claimed_until = null
         where status = 'sending' and claimed_until < now()""".formatted(table))
        .execute().map(RowSet::rowCount);
  }

  public Future<Integer> releaseMine(String nodeId) {
    return pool.preparedQuery("""
        update %s set status = 'pending', claimed_by = null, claimed_until = null,
               attempts = greatest(attempts - 1, 0)
         where status = 'sending' and claimed_by = $1""".formatted(table))
        .execute(Tuple.of(nodeId)).map(RowSet::rowCount);
  }
}
