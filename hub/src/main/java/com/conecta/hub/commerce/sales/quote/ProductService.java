package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.foundation.platform.PgErrors;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** The product list: admins keep it, everyone who quotes reads it. Codes are unique. */
public record ProductService(ProductStore store, TaxRates taxes) {
  /** VAT by country and the one a product gets when none is given (the company's country's). */
  public TaxRates taxes() {
    return taxes;
  }

  public Future<JsonObject> create(String code, String name, BigDecimal price, BigDecimal taxRate, String currency) {
    return store.insert(code, name, price, taxRate, currency).recover(e -> PgErrors.isUniqueViolation(e)
        ? Future.failedFuture(new ApiError(409, "duplicate_code", "a product with code '" + code + "' exists", "code"))
        : Future.failedFuture(e));
  }

  public Future<JsonObject> update(long id, String name, BigDecimal price, BigDecimal taxRate, String currency,
      Boolean active) {
    return store.update(id, name, price, taxRate, currency, active)
        .compose(p -> p == null ? Future.failedFuture(ApiError.notFound("product " + id)) : Future.succeededFuture(p));
  }

  /** A whole product list from a spreadsheet: stored only when every row is good (the refusal names each bad line). */
  public Future<JsonObject> importCsv(String csv) {
    return store.upsert(ProductCsv.parse(csv, taxes.defaultRate()));
  }

  public Future<JsonObject> get(long id) {
    return store.byId(id)
        .compose(p -> p == null ? Future.failedFuture(ApiError.notFound("product " + id)) : Future.succeededFuture(p));
  }

  public Future<Page<JsonObject>> list(String q, Long afterId, boolean withInactive, int limit) {
    String pattern = q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return store.list(pattern, afterId, withInactive, limit);
  }
}
