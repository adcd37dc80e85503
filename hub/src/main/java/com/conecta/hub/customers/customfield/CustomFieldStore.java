package com.conecta.hub.customers.customfield;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL of custom field definitions, and writing bot answers into a record's custom_attributes. */
public record CustomFieldStore(Pool pool) {
  private static final String COLUMNS = "id, entity, key, label_es, label_en, type, choices, required";

  public Future<List<CustomField>> list(String entity) {
    return pool.preparedQuery("select " + COLUMNS + " from custom_fields where ($1::text is null or entity = $1) "
        + "order by entity, id").execute(Tuple.of(entity)).map(rows -> {
          List<CustomField> out = new ArrayList<>();
          rows.forEach(r -> out.add(map(r)));
          return out;
        });
  }

  public Future<CustomField> byId(long id) {
    return pool.preparedQuery("select " + COLUMNS + " from custom_fields where id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  /** Null when a field with this key already exists on the entity. */
  public Future<CustomField> insert(String entity, String key, String labelEs, String labelEn, String type,
      List<String> choices, boolean required) {
    return pool.preparedQuery("insert into custom_fields (entity, key, label_es, label_en, type, choices, required) "
            + "values ($1, $2, $3, $4, $5, $6, $7) on conflict (entity, key) do nothing returning " + COLUMNS)
        .execute(Tuple.of(entity, key, labelEs, labelEn, type, new JsonArray(choices), required))
        .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  public Future<CustomField> update(long id, String labelEs, String labelEn, List<String> choices, Boolean required) {
    return pool.preparedQuery("update custom_fields set label_es = coalesce($2, label_es), "
            + "label_en = coalesce($3, label_en), choices = coalesce($4, choices), required = coalesce($5, required) "
            + "where id = $1 returning " + COLUMNS)
        .execute(Tuple.of(id, labelEs, labelEn, choices == null ? null : new JsonArray(choices), required))
        .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  public Future<Boolean> delete(long id) {
    return pool.preparedQuery("delete from custom_fields where id = $1").execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Merges values into one record's custom_attributes (the table comes from a fixed map, never from input). */
  public Future<Void> merge(SqlClient client, String entity, long recordId, io.vertx.core.json.JsonObject values) {
    String table = switch (entity) {
      case "contact" -> "contacts";
      case "account" -> "accounts";
      case "lead" -> "leads";
      case "ticket" -> "tickets";
      default -> throw new IllegalArgumentException(entity);
    };
    return client.preparedQuery("update " + table + " set custom_attributes = custom_attributes || $2::jsonb, "
        + "updated_at = now() where id = $1").execute(Tuple.of(recordId, values)).mapEmpty();
  }

  private static CustomField map(Row r) {
    List<String> choices = new ArrayList<>();
    JsonArray c = (JsonArray) r.getValue("choices");
    if (c != null) {
      c.forEach(v -> choices.add(String.valueOf(v)));
    }
    return new CustomField(r.getLong("id"), r.getString("entity"), r.getString("key"), r.getString("label_es"),
        r.getString("label_en"), r.getString("type"), List.copyOf(choices), r.getBoolean("required"));
  }
}
