package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** SQL for the product list quotes are priced from. */
public record ProductStore(Pool pool) {
  private static final String INSERT = """
      insert into products (code, name, unit_price, tax_rate, currency) values ($1, $2, $3, $4, $5) returning *""";
  /** One file's rows in one statement: new codes are added, known ones take the file's name, price, tax and currency. */
  private static final String UPSERT = """
      insert into products (code, name, unit_price, tax_rate, currency)
      select * from unnest($1::text[], $2::text[], $3::numeric[], $4::numeric[], $5::text[])
      on conflict (code) do update set name = excluded.name, unit_price = excluded.unit_price,
        tax_rate = excluded.tax_rate, currency = excluded.currency, active = true, updated_at = now()
      returning (xmax = 0) as created""";
  private static final String UPDATE = """
      update products set name = coalesce($2, name), unit_price = coalesce($3, unit_price), tax_rate = coalesce($4, tax_rate),
        currency = coalesce($5, currency), active = coalesce($6, active), updated_at = now() where id = $1 returning *""";
  private static final String BY_ID = "select * from products where id = $1";
  private static final String LIST = """
      select * from products where ($1::text is null or code ilike $1 or name ilike $1) and ($2::bigint is null or id > $2)
        and (active or $3) order by id limit $4""";

  public Future<JsonObject> insert(String code, String name, BigDecimal price, BigDecimal taxRate, String currency) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(code, name, price, taxRate, currency))
        .map(rows -> toJson(rows.iterator().next()));
  }

  public Future<JsonObject> update(long id, String name, BigDecimal price, BigDecimal taxRate, String currency,
      Boolean active) {
    return pool.preparedQuery(UPDATE).execute(Tuple.tuple().addLong(id).addString(name).addBigDecimal(price)
        .addBigDecimal(taxRate).addString(currency).addBoolean(active))
        .map(rows -> rows.size() == 0 ? null : toJson(rows.iterator().next()));
  }

  /** Adds or updates every row at once; answers {created, updated}. */
  public Future<JsonObject> upsert(java.util.List<ProductCsv.Row> rows) {
    Tuple args = Tuple.tuple().addArrayOfString(rows.stream().map(ProductCsv.Row::code).toArray(String[]::new))
        .addArrayOfString(rows.stream().map(ProductCsv.Row::name).toArray(String[]::new))
        .addArrayOfBigDecimal(rows.stream().map(ProductCsv.Row::unitPrice).toArray(BigDecimal[]::new))
        .addArrayOfBigDecimal(rows.stream().map(ProductCsv.Row::taxRate).toArray(BigDecimal[]::new))
        .addArrayOfString(rows.stream().map(ProductCsv.Row::currency).toArray(String[]::new));
    return pool.preparedQuery(UPSERT).execute(args).map(result -> {
      int created = 0;
      for (Row r : result) {
        created += r.getBoolean("created") ? 1 : 0;
      }
      return new JsonObject().put("created", created).put("updated", result.size() - created);
    });
  }

  public Future<JsonObject> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : toJson(rows.iterator().next()));
  }

  public Future<Page<JsonObject>> list(String pattern, Long afterId, boolean withInactive, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(pattern, afterId, withInactive, limit + 1)).map(rows -> {
      List<JsonObject> items = new ArrayList<>();
      for (Row r : rows) {
        items.add(toJson(r));
      }
      return Page.fromOneMore(items, limit, last -> 0);
    });
  }

  static JsonObject toJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code")).put("name", r.getString("name"))
        .put("unitPrice", r.getBigDecimal("unit_price").setScale(2, RoundingMode.HALF_UP).toPlainString())
        .put("taxRate", r.getBigDecimal("tax_rate").stripTrailingZeros().toPlainString())
        .put("currency", r.getString("currency")).put("active", r.getBoolean("active"));
  }
}
