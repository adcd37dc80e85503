package com.conecta.hub.customers.contact.transfer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL of what an export adds to the contacts list's rows: their labels and their identifier from another system. */
public record ContactExportStore(Pool pool) {
  private static final String EXTRAS = """
      select c.id, c.labels,
             (select min(ci.value) from contact_identities ci where ci.contact_id = c.id and ci.kind = 'external_id')
               as identifier
      from contacts c where c.id = any($1)""";

  /** Contact id → {"labels": [...], "identifier": "..."}. */
  public Future<Map<Long, JsonObject>> extras(List<Long> ids) {
    return pool.preparedQuery(EXTRAS).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
      Map<Long, JsonObject> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getLong("id"), new JsonObject()
          .put("labels", List.of(r.getArrayOfStrings("labels"))).put("identifier", r.getString("identifier"))));
      return out;
    });
  }

}
