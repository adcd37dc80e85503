package com.conecta.hub.customers.contact;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** SQL that folds one contact into another: identities, conversations and CRM records move to the survivor. */
public record ContactMergeStore(Pool pool) {
  private static final String LOCK = "select id from contacts where id = any($1) order by id for update";
  private static final String RESOLVE_CLASHING = """
      update conversations set status = 'resolved', resolved_at = now()
      where contact_id = $2 and status <> 'resolved'
        and exists (select 1 from conversations s where s.contact_id = $1 and s.status <> 'resolved'
                    and s.inbox_id = conversations.inbox_id and s.thread_key is not distinct from conversations.thread_key)""";
  private static final List<String> MOVES = List.of(
      "update conversations set contact_id = $1 where contact_id = $2",
      "update contact_identities set contact_id = $1 where contact_id = $2",
      "update leads set contact_id = $1 where contact_id = $2",
      "update tickets set contact_id = $1 where contact_id = $2",
      "update activities set contact_id = $1 where contact_id = $2",
      "update contacts set merged_into_id = $1 where merged_into_id = $2");
  private static final String FILL_SURVIVOR = """
      update contacts s set name = coalesce(s.name, m.name), phone = coalesce(s.phone, m.phone),
             email = coalesce(s.email, m.email), city = coalesce(s.city, m.city),
             account_id = coalesce(s.account_id, m.account_id),
             do_not_contact = s.do_not_contact or m.do_not_contact,
             opted_out_at = coalesce(s.opted_out_at, m.opted_out_at),
             custom_attributes = m.custom_attributes || s.custom_attributes, updated_at = now()
      from contacts m where s.id = $1 and m.id = $2""";
  private static final String DELETE_MERGED = "delete from contacts where id = $1";

  /** Merges {@code mergedId} into {@code survivorId} within the caller's transaction; false if either is missing. */
  public Future<Boolean> merge(SqlConnection conn, long survivorId, long mergedId) {
    Tuple ids = Tuple.of(survivorId, mergedId);
    return conn.preparedQuery(LOCK).execute(Tuple.of(new Long[] {survivorId, mergedId})).compose(locked -> {
      if (locked.size() < 2) {
        return Future.succeededFuture(false);
      }
      Future<Void> chain = conn.preparedQuery(RESOLVE_CLASHING).execute(ids).mapEmpty();
      for (String sql : MOVES) {
        chain = chain.compose(v -> conn.preparedQuery(sql).execute(ids).mapEmpty());
      }
      return chain.compose(v -> conn.preparedQuery(FILL_SURVIVOR).execute(ids))
          .compose(v -> conn.preparedQuery(DELETE_MERGED).execute(Tuple.of(mergedId)))
          .map(true);
    });
  }

}
