package com.conecta.hub.customers.ticket;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL of ticket due times and overdue reminders. */
public record TicketStore(Pool pool) {
  private static final String SET_DUE = """
      update tickets set due_at = created_at + make_interval(hours => $2), updated_at = now()
      where id = $1 returning due_at""";
  /** Overdue, still open, with an owner who was not reminded of this due time yet. */
  private static final String OVERDUE_UNREMINDED = """
      select t.id, t.subject, t.priority, t.due_at, t.assignee_id, u.locale
      from tickets t join users u on u.id = t.assignee_id
      where t.due_at < now() and t.status not in ('resolved', 'closed')
        and not exists (select 1 from notifications n
          where n.dedupe_key = 'ticket-overdue:' || t.id || ':' || floor(extract(epoch from t.due_at))::bigint)
      order by t.due_at limit $1""";

  public record Overdue(long id, String subject, String priority, OffsetDateTime dueAt, long ownerId, String locale) {}

  /** Sets the due time from the creation time and answers it. */
  public Future<OffsetDateTime> setDue(long ticketId, int hours) {
    return pool.preparedQuery(SET_DUE).execute(Tuple.of(ticketId, hours))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0));
  }

  public Future<List<Overdue>> overdueUnreminded(SqlClient client, int limit) {
    return client.preparedQuery(OVERDUE_UNREMINDED).execute(Tuple.of(limit)).map(rows -> {
      List<Overdue> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Overdue(r.getLong("id"), r.getString("subject"), r.getString("priority"),
            r.getOffsetDateTime("due_at"), r.getLong("assignee_id"), r.getString("locale")));
      }
      return out;
    });
  }
}
