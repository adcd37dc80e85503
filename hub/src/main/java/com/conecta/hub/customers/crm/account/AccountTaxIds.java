package com.conecta.hub.customers.crm.account;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.customers.crm.CrudExtension;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Objects;

/**
 * An account's tax id is checked and normalised on every write, and a correction is audited with the old and the new
 * value: quotes and invoices print it, so who changed it and from what must be answerable later.
 */
public record AccountTaxIds(Pool pool, AuditLog audit) implements CrudExtension {
  @Override
  public void prepare(JsonObject body) {
    if (body.getValue("taxId") instanceof String raw) {
      body.put("taxId", raw.isBlank() ? null : TaxIds.required(raw, "taxId"));
    }
  }

  /** ?taxId= finds the account however the RUT is written (76.086.428-5, 76086428-5, 760864285). */
  @Override
  public Future<Condition> filter(String param, String value) {
    if (!"taxId".equals(param)) {
      return null;
    }
    String normalized = TaxIds.normalize(value);
    return Future.succeededFuture(new Condition("t.tax_id = $1", List.of(normalized != null ? normalized : value.trim())));
  }

  @Override
  public Future<Void> afterUpdate(Principal p, JsonObject before, JsonObject after) {
    String from = before.getString("taxId");
    String to = after.getString("taxId");
    if (Objects.equals(from, to)) {
      return Future.succeededFuture();
    }
    return audit.record(pool, p.userId(), "account.tax_id_changed", "account", String.valueOf(after.getLong("id")),
        new JsonObject().put("from", from).put("to", to));
  }
}
