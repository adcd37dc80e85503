package com.conecta.hub.marketing.reminder;

import com.conecta.hub.messaging.outbound.Outbound;
import com.conecta.hub.messaging.outbound.OutboundStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SQL for reminders: what is due under each rule, and sending one exactly once. */
public record ReminderStore(Pool pool, OutboundStore outbound) {
  private static final String AMOUNT = "i.currency || ' ' || replace(to_char(i.amount, 'FM999,999,999,990'), ',', '.')";
  private static final String REACHABLE =
      "exists (select 1 from contact_identities ci where ci.contact_id = ct.id and ci.kind in ('whatsapp', 'whatsapp_bsuid'))"
          + " and not ct.do_not_contact";
  /** Due within the last three days (a node that was down catches up), each occurrence once. */
  private static final String PAYMENT = """
      select i.id, ct.id as contact_id, (i.due_date + $1::int)::text as occurrence,
             case when $1::int < 0 then array[coalesce(ct.name, 'cliente'), i.number, %1$s, to_char(i.due_date, 'DD/MM/YYYY')]
                  when $1::int = 0 then array[coalesce(ct.name, 'cliente'), i.number, %1$s]
                  else array[coalesce(ct.name, 'cliente'), i.number, %1$s, ($1::int)::text] end as params
      from invoices i join contacts ct on ct.id = i.contact_id
      where i.status = 'open' and i.due_date + $1::int <= $2::date and i.due_date + $1::int > $2::date - 3 and %2$s
        and not exists (select 1 from reminder_sends r where r.rule = $3 and r.record_type = 'invoice' and r.record_id = i.id
                        and r.occurrence = (i.due_date + $1::int)::text)
      limit 500""".formatted(AMOUNT, REACHABLE);
  private static final String ORDER_STATUS = """
      select o.id, ct.id as contact_id, o.status as occurrence,
             array[coalesce(ct.name, 'cliente'), o.number, coalesce(o.carrier, 'nuestro despacho'),
                   coalesce(o.tracking_number, o.number)] as params
      from orders o join contacts ct on ct.id = o.contact_id
      where o.status = $1 and %s
        and not exists (select 1 from reminder_sends r where r.rule = $2 and r.record_type = 'order' and r.record_id = o.id
                        and r.occurrence = o.status)
      limit 500""".formatted(REACHABLE);
  private static final String DELIVERY_TOMORROW = """
      select o.id, ct.id as contact_id, o.scheduled_delivery::text as occurrence,
             array[coalesce(ct.name, 'cliente'), o.number, coalesce(o.delivery_window, '9:00 y 18:00')] as params
      from orders o join contacts ct on ct.id = o.contact_id
      where o.scheduled_delivery = $1::date + 1 and o.status not in ('delivered', 'cancelled') and %s
        and not exists (select 1 from reminder_sends r where r.rule = $2 and r.record_type = 'order' and r.record_id = o.id
                        and r.occurrence = o.scheduled_delivery::text)
      limit 500""".formatted(REACHABLE);
  private static final String CLAIM = """
      insert into reminder_sends (rule, record_type, record_id, occurrence) values ($1, $2, $3, $4)
      on conflict do nothing returning id""";
  private static final String LINK = "update reminder_sends set message_id = $2 where id = $1";
  private static final String ACTIVITY = """
      insert into activities (kind, title, notes, done, done_at, contact_id) values ('task', $1, $2, true, now(), $3)""";

  public ReminderStore(Pool pool) {
    this(pool, new OutboundStore());
  }

  /** Something a rule says to send: the record, its contact, the occurrence key and the template's parameters. */
  public record Due(long recordId, long contactId, String occurrence, List<String> params) {}

  public Future<List<Due>> duePayments(int offsetDays, LocalDate today, String rule) {
    return due(PAYMENT, Tuple.of(offsetDays, today, rule));
  }

  public Future<List<Due>> dueOrderStatus(String status, String rule) {
    return due(ORDER_STATUS, Tuple.of(status, rule));
  }

  public Future<List<Due>> dueDeliveriesTomorrow(LocalDate today, String rule) {
    return due(DELIVERY_TOMORROW, Tuple.of(today, rule));
  }

  private Future<List<Due>> due(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<Due> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Due(r.getLong("id"), r.getLong("contact_id"), r.getString("occurrence"),
            Arrays.asList(r.getArrayOfStrings("params"))));
      }
      return out;
    });
  }

  /** Claims the idempotency key; false when this reminder was already sent (by any node). */
  public Future<Long> claim(SqlConnection conn, String rule, String type, long recordId, String occurrence) {
    return conn.preparedQuery(CLAIM).execute(Tuple.of(rule, type, recordId, occurrence))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** The reminder's message in the contact's conversation of the inbox, with its outbox row. */
  public Future<OutboundStore.Queued> send(SqlConnection conn, Outbound message) {
    return outbound.queue(conn, message);
  }

  public Future<Void> link(SqlConnection conn, long sendId, long messageId) {
    return conn.preparedQuery(LINK).execute(Tuple.of(sendId, messageId)).mapEmpty();
  }

  public Future<Void> activity(SqlConnection conn, String title, String notes, long contactId) {
    return conn.preparedQuery(ACTIVITY).execute(Tuple.of(title, notes, contactId)).mapEmpty();
  }
}
