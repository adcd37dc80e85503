package com.conecta.hub.commerce.sales;

import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** SQL for opportunities, their salespeople and divisions, the competing-claim check and the forecast. */
public record OpportunityStore(Pool pool) {
  /**
   * Serialises every opening or re-claiming on one account: the competing check and the insert then run one at a time
   * per account, on every node. NO KEY UPDATE does not block the foreign-key checks of unrelated inserts.
   */
  private static final String LOCK_ACCOUNT = "select id from accounts where id = $1 for no key update";
  /** Who acts, for the stage history's trigger (V150); transaction-local. */
  private static final String ACTOR = "select set_config('conecta.actor', $1, true)";
  private static final String STAGE = """
      select key, name_es, name_en, position, probability, outcome from lead_stages
      where active and key = coalesce($1, (select key from lead_stages where active and outcome = 'open'
                                            order by position limit 1))""";
  private static final String ACTIVE_DIVISIONS = "select count(*) from business_divisions where active and key = any($1)";
  private static final String ACTIVE_USERS = "select count(*) from users where active and id = any($1)";
  private static final String SUPERVISOR = "select exists (select 1 from team_members where user_id = $1 and supervisor)";
  /** An open opportunity of the account on one of the divisions, none of whose salespeople is among ours. */
  private static final String COMPETING = """
      select o.id, (select string_agg(u.name, ', ' order by u.name) from opportunity_salespeople s join users u on u.id = s.user_id
                    where s.opportunity_id = o.id) as owners,
             (select string_agg(d.division, ', ' order by d.division) from opportunity_divisions d
              where d.opportunity_id = o.id and d.division = any($2)) as divisions
      from opportunities o
      where o.account_id = $1 and o.status = 'open' and o.id <> coalesce($4::bigint, 0)
        and exists (select 1 from opportunity_divisions d where d.opportunity_id = o.id and d.division = any($2))
        and not exists (select 1 from opportunity_salespeople s where s.opportunity_id = o.id and s.user_id = any($3))
      order by o.id limit 1""";
  private static final String INSERT = """
      insert into opportunities (account_id, contact_id, lead_id, name, amount, currency, expected_close, stage, probability,
                                 probability_overridden, status, created_by, overridden_by, closed_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, case when $11 = 'open' then null else now() end)
      returning id""";
  private static final String UPDATE = """
      update opportunities set name = $2, amount = $3, currency = $4, expected_close = $5, stage = $6, probability = $7,
        probability_overridden = $8, status = $9, overridden_by = coalesce($10, overridden_by), updated_at = now(),
        lost_reason = case when $9 = 'lost' then coalesce($11, lost_reason) end,
        closed_at = case when $9 = 'open' then null when status = 'open' then now() else closed_at end
      where id = $1""";
  private static final String SET_SALESPEOPLE = """
      with gone as (delete from opportunity_salespeople where opportunity_id = $1::bigint and user_id <> all($2::bigint[]))
      insert into opportunity_salespeople (opportunity_id, user_id) select $1::bigint, unnest($2::bigint[])
      on conflict do nothing""";
  private static final String SET_DIVISIONS = """
      with gone as (delete from opportunity_divisions where opportunity_id = $1::bigint and division <> all($2::text[]))
      insert into opportunity_divisions (opportunity_id, division) select $1::bigint, unnest($2::text[])
      on conflict do nothing""";
  private static final String SELECT = """
      select o.*, array(select s.user_id from opportunity_salespeople s where s.opportunity_id = o.id order by s.user_id)
               as salespeople,
             array(select d.division from opportunity_divisions d where d.opportunity_id = o.id order by d.division)
               as divisions
      from opportunities o""";
  private static final String BY_ID = SELECT + " where o.id = $1";
  private static final String LIST = SELECT + """
       where ($1::bigint is null or o.account_id = $1) and ($2::text is null or o.status = $2)
        and ($3::text is null or o.stage = $3)
        and ($4::bigint is null or exists (select 1 from opportunity_salespeople s where s.opportunity_id = o.id and s.user_id = $4))
        and ($5::text is null or exists (select 1 from opportunity_divisions d where d.opportunity_id = o.id and d.division = $5))
        and ($6::bigint is null or exists (select 1 from opportunity_salespeople s where s.opportunity_id = o.id and s.user_id = $6))
        and ($7::bigint is null or o.id < $7)
      order by o.id desc limit $8""";
  private static final String DIVISIONS = "select key, name_es, name_en from business_divisions where active order by key";
  private static final String AUDIT = """
      insert into audit_log (actor_user_id, action, target_type, target_id, details) values ($1, $2, 'opportunity', $3, $4)""";

  /**
   * Open opportunities weighted by probability. An opportunity with several salespeople or divisions is split evenly
   * among them, so every grouping adds up to the same total.
   */
  private static final String FORECAST_FILTER = """
      o.status = 'open' and ($1::date is null or o.expected_close >= $1) and ($2::date is null or o.expected_close <= $2)
        and ($3::bigint is null or exists (select 1 from opportunity_salespeople x where x.opportunity_id = o.id and x.user_id = $3))""";
  private static final String FORECAST_MONTH = """
      select coalesce(to_char(o.expected_close, 'YYYY-MM'), 'none') as key, null::text as label, o.currency,
             count(*) as n, sum(o.amount) as amount, sum(o.amount * o.probability / 100.0) as weighted
      from opportunities o where %s group by 1, 2, 3 order by 1, 3""".formatted(FORECAST_FILTER);
  private static final String FORECAST_SALESPERSON = """
      select s.user_id::text as key, u.name as label, o.currency, count(*) as n,
             sum(o.amount / p.k) as amount, sum(o.amount * o.probability / 100.0 / p.k) as weighted
      from opportunities o join opportunity_salespeople s on s.opportunity_id = o.id join users u on u.id = s.user_id
      cross join lateral (select count(*) as k from opportunity_salespeople y where y.opportunity_id = o.id) p
      where %s group by 1, 2, 3 order by 2, 3""".formatted(FORECAST_FILTER);
  private static final String FORECAST_DIVISION = """
      select d.division as key, b.name_es as label, o.currency, count(*) as n,
             sum(o.amount / p.k) as amount, sum(o.amount * o.probability / 100.0 / p.k) as weighted
      from opportunities o join opportunity_divisions d on d.opportunity_id = o.id
      join business_divisions b on b.key = d.division
      cross join lateral (select count(*) as k from opportunity_divisions y where y.opportunity_id = o.id) p
      where %s group by 1, 2, 3 order by 1, 3""".formatted(FORECAST_FILTER);

  /** A competing open opportunity: its id, its salespeople's names and the divisions it claims of ours. */
  public record Competing(long id, String owners, String divisions) {}

  public Future<Void> actor(SqlClient tx, long userId) {
    return tx.preparedQuery(ACTOR).execute(Tuple.of(String.valueOf(userId))).mapEmpty();
  }

  public Future<Boolean> lockAccount(SqlClient tx, long accountId) {
    return tx.preparedQuery(LOCK_ACCOUNT).execute(Tuple.of(accountId)).map(rows -> rows.size() > 0);
  }

  /** The named active stage, or the pipeline's first open one when {@code key} is null; null when unknown. */
  public Future<LeadStage> stage(SqlClient tx, String key) {
    return tx.preparedQuery(STAGE).execute(Tuple.of(key)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new LeadStage(r.getString("key"), r.getString("name_es"), r.getString("name_en"), r.getInteger("position"),
          r.getInteger("probability"), r.getString("outcome"));
    });
  }

  public Future<Boolean> divisionsActive(SqlClient tx, List<String> keys) {
    return tx.preparedQuery(ACTIVE_DIVISIONS).execute(Tuple.of(keys.toArray(String[]::new)))
        .map(rows -> rows.iterator().next().getLong(0) == keys.size());
  }

  public Future<Boolean> usersActive(SqlClient tx, List<Long> ids) {
    return tx.preparedQuery(ACTIVE_USERS).execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(rows -> rows.iterator().next().getLong(0) == ids.size());
  }

  public Future<Boolean> isSupervisor(SqlClient tx, long userId) {
    return tx.preparedQuery(SUPERVISOR).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<Competing> competing(SqlClient tx, long accountId, List<String> divisions, List<Long> salespeople,
      Long excludeId) {
    return tx.preparedQuery(COMPETING).execute(Tuple.of(accountId, divisions.toArray(String[]::new),
        salespeople.toArray(Long[]::new), excludeId)).map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Competing(r.getLong("id"), r.getString("owners"), r.getString("divisions"));
        });
  }

  public Future<Long> insert(SqlClient tx, Opportunity o, int probability, boolean overridden, String status, long by,
      Long overriddenBy) {
    Tuple args = Tuple.tuple().addLong(o.accountId()).addLong(o.contactId()).addLong(o.leadId()).addString(o.name())
        .addBigDecimal(o.amount()).addString(o.currency()).addLocalDate(o.expectedClose()).addString(o.stage())
        .addInteger(probability).addBoolean(overridden).addString(status).addLong(by).addLong(overriddenBy);
    return tx.preparedQuery(INSERT).execute(args).map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> setSalespeople(tx, id, o.salespeople()).compose(v -> setDivisions(tx, id, o.divisions())).map(id));
  }

  public Future<Void> update(SqlClient tx, long id, Opportunity o, int probability, boolean overridden, String status,
      Long overriddenBy, String lostReason) {
    Tuple args = Tuple.tuple().addLong(id).addString(o.name()).addBigDecimal(o.amount()).addString(o.currency())
        .addLocalDate(o.expectedClose()).addString(o.stage()).addInteger(probability).addBoolean(overridden)
        .addString(status).addLong(overriddenBy).addString(lostReason);
    return tx.preparedQuery(UPDATE).execute(args)
        .compose(v -> setSalespeople(tx, id, o.salespeople())).compose(v -> setDivisions(tx, id, o.divisions()));
  }

  private Future<Void> setSalespeople(SqlClient tx, long id, List<Long> users) {
    return tx.preparedQuery(SET_SALESPEOPLE).execute(Tuple.tuple().addLong(id).addArrayOfLong(users.toArray(Long[]::new))).mapEmpty();
  }

  private Future<Void> setDivisions(SqlClient tx, long id, List<String> divisions) {
    return tx.preparedQuery(SET_DIVISIONS).execute(Tuple.tuple().addLong(id).addArrayOfString(divisions.toArray(String[]::new))).mapEmpty();
  }

  public Future<Void> audit(SqlClient tx, long actorId, String action, long opportunityId, JsonObject details) {
    return tx.preparedQuery(AUDIT).execute(Tuple.of(actorId, action, String.valueOf(opportunityId), details)).mapEmpty();
  }

  public Future<JsonObject> byId(SqlClient client, long id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : toJson(rows.iterator().next()));
  }

  public Future<JsonObject> byId(long id) {
    return byId(pool, id);
  }

  public Future<Page<JsonObject>> list(Long accountId, String status, String stage, Long salespersonId, String division,
      Long scopeUserId, Long beforeId, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.tuple().addLong(accountId).addString(status).addString(stage)
        .addLong(salespersonId).addString(division).addLong(scopeUserId).addLong(beforeId).addInteger(limit + 1))
        .map(rows -> {
          List<JsonObject> items = new ArrayList<>();
          for (Row r : rows) {
            items.add(toJson(r));
          }
          return Page.fromOneMore(items, limit, last -> 0);
        });
  }

  public Future<JsonArray> divisions() {
    return pool.query(DIVISIONS).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("key", r.getString("key"))
            .put("name", new JsonObject().put("es", r.getString("name_es")).put("en", r.getString("name_en"))));
      }
      return out;
    });
  }

  public Future<JsonArray> forecast(String groupBy, LocalDate from, LocalDate to, Long scopeUserId) {
    String sql = switch (groupBy) {
      case "salesperson" -> FORECAST_SALESPERSON;
      case "division" -> FORECAST_DIVISION;
      default -> FORECAST_MONTH;
    };
    return pool.preparedQuery(sql).execute(Tuple.tuple().addLocalDate(from).addLocalDate(to).addLong(scopeUserId))
        .map(OpportunityStore::groups);
  }

  private static JsonArray groups(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      out.add(new JsonObject().put("key", r.getString("key")).put("label", r.getString("label"))
          .put("currency", r.getString("currency")).put("count", r.getLong("n"))
          .put("amount", r.getBigDecimal("amount").setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
          .put("weighted", r.getBigDecimal("weighted").setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()));
    }
    return out;
  }

  static JsonObject toJson(Row r) {
    LocalDate close = r.getLocalDate("expected_close");
    return new JsonObject().put("id", r.getLong("id")).put("accountId", r.getLong("account_id"))
        .put("contactId", r.getLong("contact_id")).put("leadId", r.getLong("lead_id")).put("name", r.getString("name"))
        .put("amount", r.getBigDecimal("amount").setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
        .put("currency", r.getString("currency")).put("expectedClose", close == null ? null : close.toString())
        .put("stage", r.getString("stage")).put("probability", r.getInteger("probability"))
        .put("probabilityOverridden", r.getBoolean("probability_overridden")).put("status", r.getString("status"))
        .put("lostReason", r.getString("lost_reason"))
        .put("salespeopleIds", new JsonArray(List.of(r.getArrayOfLongs("salespeople"))))
        .put("divisions", new JsonArray(List.of(r.getArrayOfStrings("divisions"))))
        .put("createdBy", r.getLong("created_by")).put("overriddenBy", r.getLong("overridden_by"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
