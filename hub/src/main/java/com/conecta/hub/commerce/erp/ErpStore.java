package com.conecta.hub.commerce.erp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** SQL for what the ERP pushes: invoices and orders upserted by external id, and receivables by age. */
public record ErpStore(Pool pool) {
  private static final String FIND_BY_WHATSAPP =
      "select contact_id from contact_identities where kind = 'whatsapp' and value = $1";
  private static final String NEW_CONTACT = "insert into contacts (name, phone) values ($1, $2) returning id";
  private static final String NEW_IDENTITY =
      "insert into contact_identities (contact_id, kind, value) values ($1, $2, $3) on conflict do nothing";
  private static final String UPSERT_INVOICE = """
      insert into invoices (external_id, account_id, contact_id, number, amount, currency, issued_at, due_date, status,
                            paid_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $9 = 'paid' then now() end)
      on conflict (external_id) do update set account_id = excluded.account_id, contact_id = excluded.contact_id,
        number = excluded.number, amount = excluded.amount, currency = excluded.currency, issued_at = excluded.issued_at,
        due_date = excluded.due_date, status = excluded.status,
        paid_at = case when excluded.status = 'paid' then coalesce(invoices.paid_at, now()) else null end,
        updated_at = now()
      returning *, (xmax = 0) as created""";
  private static final String PAY = """
      update invoices set status = 'paid', paid_at = now(), updated_at = now() where id = $1 and status = 'open'
      returning *, false as created""";
  private static final String UPSERT_ORDER = """
      insert into orders (external_id, contact_id, account_id, number, items, total, currency, delivery_method, carrier,
                          tracking_number, status, scheduled_delivery, delivery_window)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      on conflict (external_id) do update set contact_id = excluded.contact_id, account_id = excluded.account_id,
        number = excluded.number, items = excluded.items, total = excluded.total, currency = excluded.currency,
        delivery_method = excluded.delivery_method, carrier = excluded.carrier, tracking_number = excluded.tracking_number,
        status = excluded.status, scheduled_delivery = excluded.scheduled_delivery,
        delivery_window = excluded.delivery_window, updated_at = now()
      returning *, (xmax = 0) as created""";
  /**
   * What an agent may see of the ERP's records ($5 the agent, $6 their inboxes; both null for everyone else): the
   * same as the CRM's rule, invoices of contacts they own or talked to in their inboxes, or of such accounts.
   */
  private static final String AGENT_SCOPE = """
      ($5::bigint is null
       or exists (select 1 from contacts ct where ct.id = invoices.contact_id and (ct.owner_id = $5
         or exists (select 1 from conversations cv where cv.contact_id = ct.id and cv.inbox_id = any($6))))
       or exists (select 1 from accounts a where a.id = invoices.account_id and (a.owner_id = $5
         or exists (select 1 from contacts ct join conversations cv on cv.contact_id = ct.id
                    where ct.account_id = a.id and cv.inbox_id = any($6)))))""";
  private static final String INVOICES = """
      select *, false as created from invoices where ($1::text is null or status = $1) and ($2::bigint is null or contact_id = $2)
        and ($3::bigint is null or id < $3) and """ + AGENT_SCOPE + " order by id desc limit $4";
  private static final String ACCOUNT_VISIBLE = """
      select 1 from accounts a where a.id = $1 and ($2::bigint is null or a.owner_id = $2
        or exists (select 1 from contacts ct join conversations cv on cv.contact_id = ct.id
                   where ct.account_id = a.id and cv.inbox_id = any($3)))""";
  /** Open invoices by days past due: not yet due, 0–30, 31–60, 61–90, over 90. */
  private static final String AGING = """
      select coalesce(sum(amount) filter (where due_date >= current_date), 0) as current,
             coalesce(sum(amount) filter (where current_date - due_date between 1 and 30), 0) as d0_30,
             coalesce(sum(amount) filter (where current_date - due_date between 31 and 60), 0) as d31_60,
             coalesce(sum(amount) filter (where current_date - due_date between 61 and 90), 0) as d61_90,
             coalesce(sum(amount) filter (where current_date - due_date > 90), 0) as over_90,
             count(*) as open_invoices
      from invoices where account_id = $1 and status = 'open'""";

  /** The contact with this WhatsApp number, made when the ERP names someone who never wrote. */
  public Future<Long> contactByPhone(SqlConnection conn, String digits, String name) {
    return conn.preparedQuery(FIND_BY_WHATSAPP).execute(Tuple.of(digits)).compose(rows -> rows.size() > 0
        ? Future.succeededFuture(rows.iterator().next().getLong(0))
        : conn.preparedQuery(NEW_CONTACT).execute(Tuple.of(name, "+" + digits)).map(r -> r.iterator().next().getLong(0))
            .compose(id -> conn.preparedQuery(NEW_IDENTITY).execute(Tuple.of(id, "whatsapp", digits))
                .compose(v -> conn.preparedQuery(NEW_IDENTITY).execute(Tuple.of(id, "phone", "+" + digits))).map(id)));
  }

  public record Invoice(String externalId, Long accountId, Long contactId, String number, BigDecimal amount,
      String currency, LocalDate issuedAt, LocalDate dueDate, String status) {}

  public Future<JsonObject> upsertInvoice(SqlConnection conn, Invoice i) {
    return conn.preparedQuery(UPSERT_INVOICE).execute(Tuple.tuple().addString(i.externalId()).addLong(i.accountId())
            .addLong(i.contactId()).addString(i.number()).addBigDecimal(i.amount()).addString(i.currency())
            .addLocalDate(i.issuedAt()).addLocalDate(i.dueDate()).addString(i.status()))
        .map(rows -> invoice(rows.iterator().next()));
  }

  public Future<JsonObject> pay(long id) {
    return pool.preparedQuery(PAY).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : invoice(rows.iterator().next()));
  }

  public record Order(String externalId, Long contactId, Long accountId, String number, JsonArray items, BigDecimal total,
      String currency, String deliveryMethod, String carrier, String tracking, String status, LocalDate scheduledDelivery,
      String deliveryWindow) {}

  public Future<JsonObject> upsertOrder(SqlConnection conn, Order o) {
    return conn.preparedQuery(UPSERT_ORDER).execute(Tuple.tuple().addString(o.externalId()).addLong(o.contactId())
            .addLong(o.accountId()).addString(o.number()).addValue(o.items()).addBigDecimal(o.total()).addString(o.currency())
            .addString(o.deliveryMethod()).addString(o.carrier()).addString(o.tracking()).addString(o.status())
            .addLocalDate(o.scheduledDelivery()).addString(o.deliveryWindow()))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("externalId", r.getString("external_id"))
              .put("contactId", r.getLong("contact_id")).put("number", r.getString("number")).put("status", r.getString("status"))
              .put("deliveryMethod", r.getString("delivery_method")).put("carrier", r.getString("carrier"))
              .put("trackingNumber", r.getString("tracking_number")).put("created", r.getBoolean("created"));
        });
  }

  /** {@code agentId} and {@code inboxes} scope the list to an agent; null for admins and marketing. */
  public Future<List<JsonObject>> invoices(String status, Long contactId, Long beforeId, int limit, Long agentId,
      Long[] inboxes) {
    Tuple args = Tuple.tuple().addValue(status).addValue(contactId).addValue(beforeId).addValue(limit).addValue(agentId)
        .addValue(inboxes);
    return pool.preparedQuery(INVOICES).execute(args).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(invoice(r)));
      return out;
    });
  }

  public Future<Boolean> accountVisible(long accountId, Long agentId, Long[] inboxes) {
    return pool.preparedQuery(ACCOUNT_VISIBLE).execute(Tuple.tuple().addValue(accountId).addValue(agentId).addValue(inboxes))
        .map(rows -> rows.size() > 0);
  }

  public Future<JsonObject> aging(long accountId) {
    return pool.preparedQuery(AGING).execute(Tuple.of(accountId)).map(rows -> {
      Row r = rows.iterator().next();
      return new JsonObject().put("accountId", accountId).put("current", r.getBigDecimal("current").toPlainString())
          .put("days0To30", r.getBigDecimal("d0_30").toPlainString()).put("days31To60", r.getBigDecimal("d31_60").toPlainString())
          .put("days61To90", r.getBigDecimal("d61_90").toPlainString()).put("over90", r.getBigDecimal("over_90").toPlainString())
          .put("openInvoices", r.getLong("open_invoices"));
    });
  }

  private static JsonObject invoice(Row r) {
    var paid = r.getOffsetDateTime("paid_at");
    return new JsonObject().put("id", r.getLong("id")).put("externalId", r.getString("external_id"))
        .put("accountId", r.getLong("account_id")).put("contactId", r.getLong("contact_id")).put("number", r.getString("number"))
        .put("amount", r.getBigDecimal("amount").toPlainString()).put("currency", r.getString("currency"))
        .put("dueDate", r.getLocalDate("due_date").toString()).put("status", r.getString("status"))
        .put("paidAt", paid == null ? null : paid.toInstant().toString()).put("created", r.getBoolean("created"));
  }
}
