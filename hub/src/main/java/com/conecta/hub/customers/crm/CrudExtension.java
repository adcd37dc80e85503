package com.conecta.hub.customers.crm;

import com.conecta.hub.foundation.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a feature adds to a CRM resource without owning it: checks before a write (custom fields), work after one
 * (a ticket's due time), computed fields on every answer (overdue) and extra list filters ({@code cf.<key>}).
 */
public interface CrudExtension {
  /** A WHERE condition on alias {@code t}; its parameters are numbered $1.. and renumbered by the store. */
  record Condition(String sql, List<Object> params) {}

  /** Checks and rewrites the body before its fields are read (a tax id normalised); throws an ApiError to refuse it. */
  default void prepare(JsonObject body) {}

  /** Runs after an update with the record as it was and as it is now (a corrected tax id is audited). */
  default Future<Void> afterUpdate(Principal p, JsonObject before, JsonObject after) {
    return Future.succeededFuture();
  }

  /** Fails with an ApiError to refuse the body; nothing is written then. */
  default Future<Void> beforeWrite(JsonObject body, boolean creating) {
    return Future.succeededFuture();
  }

  /** Runs after the row was written; answers the row to return (possibly changed). */
  default Future<JsonObject> afterWrite(JsonObject row, JsonObject body, boolean creating) {
    return Future.succeededFuture(row);
  }

  /** Adds computed fields to a row as answered by the API. */
  default JsonObject decorate(JsonObject row) {
    return row;
  }

  /** A condition for a query parameter this extension understands, or null when it is not one of its filters. */
  default Future<Condition> filter(String param, String value) {
    return null;
  }
}
