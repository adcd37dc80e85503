package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.messaging.outbound.Outbound;
import com.conecta.hub.messaging.outbound.OutboundStore;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** SQL for quotes: drafting, sending through the outbox, acceptance, orders, expiry and follow-ups. */
public record QuoteStore(Pool pool, OutboundStore outbound) {
  /** Who and what a quote is for, from whichever of lead, opportunity or contact was named. */
  private static final String CONTEXT = """
      select ct.id as contact_id, coalesce(o.account_id, l.account_id, ct.account_id) as account_id,
             coalesce(o.lead_id, l.id) as lead_id, o.id as opportunity_id, ct.locale,
             ($1::bigint is null or l.id is not null) as lead_ok, ($2::bigint is null or o.id is not null) as opportunity_ok
      from (select 1) one
      left join opportunities o on o.id = $2
      left join leads l on l.id = coalesce($1, o.lead_id)
      join contacts ct on ct.id = coalesce($3, o.contact_id, l.contact_id)""";
  private static final String PRODUCTS = "select * from products where active and id = any($1)";
  private static final String INSERT = """
      insert into quotes (number, lead_id, opportunity_id, contact_id, account_id, currency, language, valid_until, net, tax,
                          total, notes, created_by)
      values ('COT-' || nextval('quote_numbers'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id""";
  private static final String INSERT_ITEM = """
      insert into quote_items (quote_id, position, product_id, code, name, quantity, unit_price, discount_pct, tax_rate, net,
                               tax, total) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";
  private static final String SELECT = """
      select q.*, ct.name as contact_name, a.name as account_name, a.tax_id as account_tax_id, l.assignee_id
      from quotes q join contacts ct on ct.id = q.contact_id left join accounts a on a.id = q.account_id
      left join leads l on l.id = q.lead_id""";
  private static final String BY_ID = SELECT + " where q.id = $1";
  private static final String ITEMS = "select * from quote_items where quote_id = $1 order by position";
  private static final String LIST = SELECT + """
       where ($1::text is null or q.status = $1) and ($2::bigint is null or q.lead_id = $2)
        and ($3::bigint is null or q.contact_id = $3) and ($4::bigint is null or q.opportunity_id = $4)
        and ($5::bigint is null or q.created_by = $5 or l.assignee_id = $5)
        and ($6::bigint is null or q.id < $6)
      order by q.id desc limit $7""";
  private static final String WHATSAPP_DESTINATION = """
      select i.id, i.team_id, i.channel,
             exists (select 1 from contact_identities ci where ci.contact_id = $1 and ci.kind in ('whatsapp', 'whatsapp_bsuid'))
               as reachable
      from inboxes i
      where i.id = coalesce((select cv.inbox_id from conversations cv join inboxes x on x.id = cv.inbox_id
                             where cv.contact_id = $1 and x.channel = 'whatsapp' order by cv.last_activity_at desc limit 1),
                            (select id from inboxes where channel = 'whatsapp' order by id limit 1))""";
  private static final String EMAIL_DESTINATION = """
      select i.id, i.team_id, i.channel,
             exists (select 1 from contacts ct where ct.id = $1 and ct.email is not null)
               or exists (select 1 from contact_identities ci where ci.contact_id = $1 and ci.kind = 'email') as reachable
      from inboxes i
      where i.id = coalesce((select cv.inbox_id from conversations cv join inboxes x on x.id = cv.inbox_id
                             where cv.contact_id = $1 and x.channel = 'email' order by cv.last_activity_at desc limit 1),
                            (select id from inboxes where channel = 'email' order by id limit 1))""";
  private static final String ACTOR = "select set_config('conecta.actor', $1, true)";
  private static final String MARK_SENT = """
      update quotes set status = 'sent', sent_at = coalesce(sent_at, now()), sent_channel = $2, pdf_storage_key = $3,
        updated_at = now() where id = $1 and status in ('draft', 'sent') returning id""";
  private static final String ACTIVITY = """
      insert into activities (kind, title, notes, done, done_at, contact_id, lead_id, owner_id)
      values ($1, $2, $3, true, now(), $4, $5, $6)""";
  private static final String ACCEPT = """
      update quotes set status = 'accepted', accepted_at = now(), updated_at = now() where id = $1 and status = 'sent'
      returning id""";
  private static final String REJECT = """
      update quotes set status = 'rejected', rejected_at = now(), updated_at = now()
      where id = $1 and status in ('draft', 'sent') returning id""";
  private static final String ADMINS = "select id, locale from users where role = 'admin' and active order by id";
  private static final String WIN_OPPORTUNITY = """
      update opportunities set stage = $2, status = 'won', probability = (select probability from lead_stages where key = $2),
        probability_overridden = false, closed_at = now(), updated_at = now() where id = $1 and status = 'open'""";
  private static final String LOCK = "select status, order_id from quotes where id = $1 for update";
  private static final String ORDER = """
      insert into orders (external_id, contact_id, account_id, number, items, total, currency)
      select 'quote:' || q.id, q.contact_id, q.account_id, q.number, $2, q.total, q.currency from quotes q where q.id = $1
      on conflict (external_id) do nothing returning id""";
  private static final String LINK_ORDER = "update quotes set order_id = $2, updated_at = now() where id = $1";
  private static final String EXPIRE = """
      update quotes set status = 'expired', expired_at = now(), updated_at = now()
      where status = 'sent' and valid_until < $1::date returning id""";
  /** Sent, still valid quotes whose latest follow-up occurrence (every N days since sending) was not yet claimed. */
  private static final String FOLLOW_UPS_DUE = """
      select q.id, q.number, q.contact_id, q.lead_id, q.language, q.valid_until, q.created_by,
             coalesce(nullif(ct.name, ''), case when q.language = 'en' then 'customer' else 'cliente' end) as contact_name,
             floor(extract(epoch from (now() - q.sent_at)) / ($1::int * 86400))::int as occurrence
      from quotes q join contacts ct on ct.id = q.contact_id
      where q.status = 'sent' and q.sent_at <= now() - make_interval(days => $1::int) and q.valid_until >= $2::date
        and not ct.do_not_contact
        and exists (select 1 from contact_identities ci where ci.contact_id = ct.id and ci.kind in ('whatsapp', 'whatsapp_bsuid'))
        and not exists (select 1 from reminder_sends r where r.rule = 'quote-followup' and r.record_type = 'quote'
                        and r.record_id = q.id
                        and r.occurrence = floor(extract(epoch from (now() - q.sent_at)) / ($1::int * 86400))::int::text)
      order by q.id limit 200""";
  private static final String CLAIM = """
      insert into reminder_sends (rule, record_type, record_id, occurrence) values ('quote-followup', 'quote', $1, $2)
      on conflict do nothing returning id""";
  private static final String STILL_SENT = "select 1 from quotes where id = $1 and status = 'sent' for update";
  private static final String LINK_SEND = "update reminder_sends set message_id = $2 where id = $1";

  public QuoteStore(Pool pool) {
    this(pool, new OutboundStore());
  }

  public record Context(long contactId, Long accountId, Long leadId, Long opportunityId, String locale, boolean leadOk,
      boolean opportunityOk) {}

  public record Destination(long inboxId, Long teamId, String channel, boolean reachable) {}

  public record FollowUp(long quoteId, String number, long contactId, Long leadId, String language, LocalDate validUntil,
      Long createdBy, String contactName, int occurrence) {}

  public Future<Context> context(Long leadId, Long opportunityId, Long contactId) {
    return pool.preparedQuery(CONTEXT).execute(Tuple.of(leadId, opportunityId, contactId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Context(r.getLong("contact_id"), r.getLong("account_id"), r.getLong("lead_id"),
          r.getLong("opportunity_id"), r.getString("locale"), r.getBoolean("lead_ok"), r.getBoolean("opportunity_ok"));
    });
  }

  public Future<List<JsonObject>> products(List<Long> ids) {
    return pool.preparedQuery(PRODUCTS).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code")).put("name", r.getString("name"))
            .put("unitPrice", r.getBigDecimal("unit_price").toPlainString())
            .put("taxRate", r.getBigDecimal("tax_rate").toPlainString()).put("currency", r.getString("currency")));
      }
      return out;
    });
  }

  public Future<Long> insert(Context c, String currency, String language, LocalDate validUntil, List<QuoteLine> lines,
      String notes, long createdBy) {
    BigDecimal net = lines.stream().map(QuoteLine::net).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal tax = lines.stream().map(QuoteLine::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(Tuple.tuple().addLong(c.leadId())
            .addLong(c.opportunityId()).addLong(c.contactId()).addLong(c.accountId()).addString(currency)
            .addString(language).addLocalDate(validUntil).addBigDecimal(net).addBigDecimal(tax)
            .addBigDecimal(net.add(tax)).addString(notes).addLong(createdBy))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> {
          List<Tuple> batch = new ArrayList<>();
          for (int i = 0; i < lines.size(); i++) {
            QuoteLine l = lines.get(i);
            batch.add(Tuple.tuple().addLong(id).addInteger(i + 1).addLong(l.productId()).addString(l.code())
                .addString(l.name()).addBigDecimal(l.quantity()).addBigDecimal(l.unitPrice())
                .addBigDecimal(l.discountPct()).addBigDecimal(l.taxRate()).addBigDecimal(l.net()).addBigDecimal(l.tax())
                .addBigDecimal(l.total()));
          }
          return tx.preparedQuery(INSERT_ITEM).executeBatch(batch).map(id);
        }));
  }

  public Future<JsonObject> byId(long id) {
    return byId(pool, id);
  }

  public Future<JsonObject> byId(SqlClient client, long id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      JsonObject q = toJson(rows.iterator().next());
      return client.preparedQuery(ITEMS).execute(Tuple.of(id)).map(items -> {
        JsonArray list = new JsonArray();
        for (Row r : items) {
          list.add(new JsonObject().put("position", r.getInteger("position")).put("productId", r.getLong("product_id"))
              .put("code", r.getString("code")).put("name", r.getString("name"))
              .put("quantity", r.getBigDecimal("quantity").stripTrailingZeros().toPlainString())
              .put("unitPrice", money(r.getBigDecimal("unit_price")))
              .put("discountPct", r.getBigDecimal("discount_pct").stripTrailingZeros().toPlainString())
              .put("taxRate", r.getBigDecimal("tax_rate").stripTrailingZeros().toPlainString())
              .put("net", money(r.getBigDecimal("net"))).put("tax", money(r.getBigDecimal("tax")))
              .put("total", money(r.getBigDecimal("total"))));
        }
        return q.put("items", list);
      });
    });
  }

  public Future<Page<JsonObject>> list(String status, Long leadId, Long contactId, Long opportunityId, Long scopeUserId,
      Long beforeId, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.tuple().addString(status).addLong(leadId).addLong(contactId)
        .addLong(opportunityId).addLong(scopeUserId).addLong(beforeId).addInteger(limit + 1)).map(rows -> {
          List<JsonObject> items = new ArrayList<>();
          for (Row r : rows) {
            items.add(toJson(r));
          }
          return Page.fromOneMore(items, limit, last -> 0);
        });
  }

  public Future<Destination> destination(String channel, long contactId) {
    return pool.preparedQuery("email".equals(channel) ? EMAIL_DESTINATION : WHATSAPP_DESTINATION)
        .execute(Tuple.of(contactId)).map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Destination(r.getLong("id"), r.getLong("team_id"), r.getString("channel"), r.getBoolean("reachable"));
        });
  }

  /** The message (document or template) in the contact's conversation of the inbox, with its outbox row. */
  public Future<OutboundStore.Queued> outboundMessage(SqlClient tx, Destination d, long contactId, String senderKind,
      Long senderUserId, String contentType, String text, JsonArray attachments, JsonObject content,
      String idempotencyKey) {
    return outbound.queue(tx, Outbound.fromPerson(d.inboxId(), contactId, d.teamId(), d.channel(), senderKind,
        senderUserId, contentType, text, attachments, content, idempotencyKey, 140));
  }

  /** Names the person acting in this transaction, so the lead moves the quote causes are recorded as theirs. */
  public Future<Void> actingAs(SqlClient tx, long userId) {
    return tx.preparedQuery(ACTOR).execute(Tuple.of(String.valueOf(userId))).mapEmpty();
  }

  public Future<Boolean> markSent(SqlClient tx, long id, String channel, String storageKey) {
    return tx.preparedQuery(MARK_SENT).execute(Tuple.of(id, channel, storageKey)).map(rows -> rows.size() > 0);
  }

  public Future<Void> activity(SqlClient tx, String kind, String title, String notes, long contactId, Long leadId,
      Long ownerId) {
    return tx.preparedQuery(ACTIVITY).execute(Tuple.tuple().addString(kind).addString(title).addString(notes)
        .addLong(contactId).addLong(leadId).addLong(ownerId)).mapEmpty();
  }

  public Future<Boolean> accept(SqlClient tx, long id) {
    return tx.preparedQuery(ACCEPT).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  public Future<Boolean> reject(SqlClient tx, long id) {
    return tx.preparedQuery(REJECT).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /** The active admins (administration) with their language. */
  public Future<List<JsonObject>> admins(SqlClient tx) {
    return tx.query(ADMINS).execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("locale", r.getString("locale"))));
      return out;
    });
  }

  public Future<Void> winOpportunity(SqlClient tx, long opportunityId, String wonStage) {
    return tx.preparedQuery(WIN_OPPORTUNITY).execute(Tuple.of(opportunityId, wonStage)).mapEmpty();
  }

  /** The quote's status and order id, locked for the rest of the transaction; null when there is no such quote. */
  public Future<JsonObject> lock(SqlClient tx, long id) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null
        : new JsonObject().put("status", rows.iterator().next().getString("status"))
            .put("orderId", rows.iterator().next().getLong("order_id")));
  }

  public Future<Long> order(SqlClient tx, long quoteId, JsonArray items) {
    return tx.preparedQuery(ORDER).execute(Tuple.of(quoteId, items))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture((Long) null);
          }
          long orderId = rows.iterator().next().getLong(0);
          return tx.preparedQuery(LINK_ORDER).execute(Tuple.of(quoteId, orderId)).map(orderId);
        });
  }

  public Future<Integer> expire(LocalDate today) {
    return pool.preparedQuery(EXPIRE).execute(Tuple.of(today)).map(rows -> rows.rowCount());
  }

  public Future<List<FollowUp>> followUpsDue(int everyDays, LocalDate today) {
    return pool.preparedQuery(FOLLOW_UPS_DUE).execute(Tuple.of(everyDays, today)).map(rows -> {
      List<FollowUp> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new FollowUp(r.getLong("id"), r.getString("number"), r.getLong("contact_id"), r.getLong("lead_id"),
            r.getString("language"), r.getLocalDate("valid_until"), r.getLong("created_by"), r.getString("contact_name"),
            r.getInteger("occurrence")));
      }
      return out;
    });
  }

  /** Claims one follow-up occurrence (the idempotency key shared with reminders); null when already claimed. */
  public Future<Long> claimFollowUp(SqlClient tx, long quoteId, int occurrence) {
    return tx.preparedQuery(STILL_SENT).execute(Tuple.of(quoteId)).compose(still -> still.size() == 0
        ? Future.succeededFuture((Long) null)
        : tx.preparedQuery(CLAIM).execute(Tuple.of(quoteId, String.valueOf(occurrence)))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0)));
  }

  public Future<Void> linkFollowUp(SqlClient tx, long sendId, long messageId) {
    return tx.preparedQuery(LINK_SEND).execute(Tuple.of(sendId, messageId)).mapEmpty();
  }

  private static String money(BigDecimal d) {
    return d == null ? null : d.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static JsonObject toJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("number", r.getString("number"))
        .put("leadId", r.getLong("lead_id")).put("opportunityId", r.getLong("opportunity_id"))
        .put("contactId", r.getLong("contact_id")).put("contactName", r.getString("contact_name"))
        .put("accountId", r.getLong("account_id")).put("accountName", r.getString("account_name"))
        .put("accountTaxId", r.getString("account_tax_id")).put("status", r.getString("status"))
        .put("currency", r.getString("currency")).put("language", r.getString("language"))
        .put("validUntil", r.getLocalDate("valid_until").toString()).put("net", money(r.getBigDecimal("net")))
        .put("tax", money(r.getBigDecimal("tax"))).put("total", money(r.getBigDecimal("total")))
        .put("notes", r.getString("notes")).put("createdBy", r.getLong("created_by"))
        .put("sentAt", r.getOffsetDateTime("sent_at") == null ? null : r.getOffsetDateTime("sent_at").toInstant().toString())
        .put("sentChannel", r.getString("sent_channel")).put("orderId", r.getLong("order_id"))
        .put("leadAssigneeId", r.getLong("assignee_id"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }
}
