package com.conecta.hub.commerce.pipeline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * SQL of the opportunity board: per stage and currency the count and amount, each stage's newest cards, the weighted
 * forecast of the same opportunities by month, salesperson and division, an opportunity's stage history and a
 * contact's opportunities.
 */
public record OpportunityBoardStore(Pool pool) {
  /** Which opportunities the board shows: closed ones only for 30 days, then the filters and the agent's scope. */
  private static final String WHERE = """
      (o.status = 'open' or o.stage_changed_at > now() - interval '30 days')
        and ($1::bigint is null or exists (select 1 from opportunity_salespeople s where s.opportunity_id = o.id and s.user_id = $1))
        and ($2::bigint is null or exists (select 1 from opportunity_salespeople s join team_members tm on tm.user_id = s.user_id
                                          where s.opportunity_id = o.id and tm.team_id = $2))
        and ($3::text[] is null or exists (select 1 from opportunity_divisions d where d.opportunity_id = o.id and d.division = any($3)))
        and ($4::text[] is null or case when o.lead_id is null
              then exists (select 1 from opportunity_divisions d where d.opportunity_id = o.id and d.division = $5)
              else coalesce((select l.interest_area = any($4) from leads l where l.id = o.lead_id and l.interest_area is not null),
                            exists (select 1 from opportunity_divisions d where d.opportunity_id = o.id and d.division = $5)) end)
        and ($6::bigint is null or exists (select 1 from opportunity_salespeople s where s.opportunity_id = o.id and s.user_id = $6))""";
  private static final String TOTALS = """
      select o.stage, o.currency, count(*) as n, sum(o.amount) as total
      from opportunities o join lead_stages st on st.key = o.stage and st.active
      where %s group by o.stage, o.currency""".formatted(WHERE);
  private static final String CARDS = """
      select o.id, o.stage, o.stage_changed_at, o.name, o.amount, o.currency, o.probability, o.expected_close, o.status,
             o.lead_id, o.contact_id, o.account_id, a.name as account_name, c.name as contact_name,
             l.conversation_id, l.interest_area,
             array(select s.user_id from opportunity_salespeople s where s.opportunity_id = o.id order by s.user_id) as owner_ids,
             (select string_agg(u.name, ', ' order by u.name) from opportunity_salespeople s join users u on u.id = s.user_id
              where s.opportunity_id = o.id) as owners,
             array(select d.division from opportunity_divisions d where d.opportunity_id = o.id order by d.division) as divisions
      from lead_stages st
      cross join lateral (select o.* from opportunities o where o.stage = st.key and %s
                          order by o.stage_changed_at desc, o.id desc limit $7) o
      left join accounts a on a.id = o.account_id
      left join contacts c on c.id = o.contact_id
      left join leads l on l.id = o.lead_id
      where st.active
      order by st.position, o.stage_changed_at desc, o.id desc""".formatted(WHERE);
  /**
   * Open opportunities weighted by probability; several salespeople or divisions share one evenly (totals agree). The
   * filtered set is read once, and each opportunity's number of salespeople and divisions is counted in one pass (a
   * window) rather than once per row.
   */
  private static final String FORECAST = """
      with f as materialized (select o.id, o.amount, o.currency, o.probability, o.expected_close from opportunities o
                              where o.status = 'open' and %s),
      sp as (select s.opportunity_id, s.user_id, count(*) over (partition by s.opportunity_id) as n
             from opportunity_salespeople s where s.opportunity_id in (select id from f)),
      dv as (select d.opportunity_id, d.division, count(*) over (partition by d.opportunity_id) as n
             from opportunity_divisions d where d.opportunity_id in (select id from f))
      select 'month' as grouping, coalesce(to_char(f.expected_close, 'YYYY-MM'), 'none') as key, null::text as label,
             f.currency, count(*) as n, sum(f.amount) as amount, sum(f.amount * f.probability / 100.0) as weighted
      from f group by 2, 3, 4
      union all
      select 'salesperson', sp.user_id::text, u.name, f.currency, count(*),
             sum(f.amount / sp.n), sum(f.amount * f.probability / 100.0 / sp.n)
      from f join sp on sp.opportunity_id = f.id join users u on u.id = sp.user_id
      group by 2, 3, 4
      union all
      select 'division', dv.division, null, f.currency, count(*),
             sum(f.amount / dv.n), sum(f.amount * f.probability / 100.0 / dv.n)
      from f join dv on dv.opportunity_id = f.id
      group by 2, 3, 4
      order by 1, 2, 4""".formatted(WHERE);
  private static final String HISTORY = """
      select h.from_stage, h.to_stage, h.changed_at, h.changed_by, u.name as by_name, h.seconds_in_previous,
             h.lost_reason, h.cause
      from opportunity_stage_history h left join users u on u.id = h.changed_by
      where h.opportunity_id = $1 order by h.id""";
  /** A contact's opportunities: those made for them and those converted from their leads. */
  private static final String OF_CONTACT = """
      select o.id, o.name, o.amount, o.currency, o.stage, o.status, o.probability, o.expected_close
      from opportunities o
      where (o.contact_id = $1 or o.lead_id in (select l.id from leads l where l.contact_id = $1))
        and ($2::bigint is null or exists (select 1 from opportunity_salespeople s where s.opportunity_id = o.id and s.user_id = $2))
      order by o.id desc limit 20""";

  /** Per stage key: {count, amounts: {currency: total}, cards}. Stages with no opportunity are absent. */
  public Future<JsonObject> board(OpportunityBoardFilter f, Long scopedUserId) {
    Tuple filter = filter(f, scopedUserId);
    Tuple cards = filter(f, scopedUserId).addInteger(f.perColumn());
    return Future.all(pool.preparedQuery(TOTALS).execute(filter), pool.preparedQuery(CARDS).execute(cards)).map(all -> {
      JsonObject columns = new JsonObject();
      for (Row r : all.<RowSet<Row>>resultAt(0)) {
        JsonObject col = columns.getJsonObject(r.getString("stage"));
        if (col == null) {
          col = new JsonObject().put("count", 0L).put("amounts", new JsonObject()).put("cards", new JsonArray());
          columns.put(r.getString("stage"), col);
        }
        col.put("count", col.getLong("count") + r.getLong("n"));
        col.getJsonObject("amounts").put(r.getString("currency"), plain(r.getBigDecimal("total")));
      }
      for (Row r : all.<RowSet<Row>>resultAt(1)) {
        JsonObject col = columns.getJsonObject(r.getString("stage"));
        if (col != null) {
          col.getJsonArray("cards").add(card(r));
        }
      }
      return columns;
    });
  }

  /** {month: [...], salesperson: [...], division: [...]}, each group {key, label, currency, count, amount, weighted}. */
  public Future<JsonObject> forecast(OpportunityBoardFilter f, Long scopedUserId) {
    return pool.preparedQuery(FORECAST).execute(filter(f, scopedUserId)).map(rows -> {
      JsonObject out = new JsonObject().put("month", new JsonArray()).put("salesperson", new JsonArray())
          .put("division", new JsonArray());
      for (Row r : rows) {
        out.getJsonArray(r.getString("grouping")).add(new JsonObject().put("key", r.getString("key"))
            .put("label", r.getString("label")).put("currency", r.getString("currency")).put("count", r.getLong("n"))
            .put("amount", plain(r.getBigDecimal("amount"))).put("weighted", plain(r.getBigDecimal("weighted"))));
      }
      return out;
    });
  }

  public Future<JsonArray> history(long opportunityId) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(opportunityId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("from", r.getString("from_stage")).put("to", r.getString("to_stage"))
            .put("at", r.getOffsetDateTime("changed_at").toInstant().toString()).put("by", r.getLong("changed_by"))
            .put("byName", r.getString("by_name")).put("secondsInPrevious", r.getLong("seconds_in_previous"))
            .put("lostReason", r.getString("lost_reason")).put("cause", r.getString("cause")));
      }
      return out;
    });
  }

  public Future<JsonArray> ofContact(long contactId, Long scopedUserId) {
    return pool.preparedQuery(OF_CONTACT).execute(Tuple.tuple().addLong(contactId).addLong(scopedUserId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        LocalDate close = r.getLocalDate("expected_close");
        out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
            .put("amount", plain(r.getBigDecimal("amount"))).put("currency", r.getString("currency"))
            .put("stage", r.getString("stage")).put("status", r.getString("status"))
            .put("probability", r.getInteger("probability"))
            .put("expectedClose", close == null ? null : close.toString()));
      }
      return out;
    });
  }

  private static Tuple filter(OpportunityBoardFilter f, Long scopedUserId) {
    return Tuple.tuple().addLong(f.ownerId()).addLong(f.teamId()).addArrayOfString(array(f.divisions()))
        .addArrayOfString(array(f.lineValues())).addString(f.lineDivision()).addLong(scopedUserId);
  }

  private static String[] array(List<String> values) {
    return values == null ? null : values.toArray(String[]::new);
  }

  private static String plain(BigDecimal n) {
    return n == null ? "0" : n.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static JsonObject card(Row r) {
    LocalDate close = r.getLocalDate("expected_close");
    return new JsonObject().put("id", r.getLong("id")).put("stage", r.getString("stage"))
        .put("stageChangedAt", r.getOffsetDateTime("stage_changed_at").toInstant().toString())
        .put("name", r.getString("name")).put("amount", plain(r.getBigDecimal("amount")))
        .put("currency", r.getString("currency")).put("probability", r.getInteger("probability"))
        .put("expectedClose", close == null ? null : close.toString()).put("status", r.getString("status"))
        .put("leadId", r.getLong("lead_id")).put("contactId", r.getLong("contact_id"))
        .put("accountId", r.getLong("account_id")).put("accountName", r.getString("account_name"))
        .put("contactName", r.getString("contact_name")).put("conversationId", r.getLong("conversation_id"))
        .put("interestArea", r.getString("interest_area"))
        .put("ownerIds", new JsonArray(List.of(r.getArrayOfLongs("owner_ids")))).put("ownerNames", r.getString("owners"))
        .put("divisions", new JsonArray(List.of(r.getArrayOfStrings("divisions"))));
  }
}
