package com.conecta.hub.channels.whatsapptemplate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL of the WhatsApp templates kept from Meta ({@code whatsapp_templates}). */
public record WhatsAppTemplateStore(Pool pool) {
  private static final String COLUMNS = "id, waba_id, name, language, category, status, components, rejection_reason, "
      + "meta_id, synced_at, created_at, updated_at";
  private static final String LIST = "select " + COLUMNS + " from whatsapp_templates "
      + "where ($1::text is null or waba_id = $1) order by name, language";
  private static final String BY_ID = "select " + COLUMNS + " from whatsapp_templates where id = $1";
  private static final String APPROVED = "select " + COLUMNS + " from whatsapp_templates where status = 'APPROVED' "
      + "and ($1::text[] is null or waba_id = any($1)) "
      + "and ($2::text is null or language = $2 or language like $2 || '\\_%') order by name, language";
  private static final String APPROVED_ONE = "select " + COLUMNS + " from whatsapp_templates where status = 'APPROVED' "
      + "and waba_id = $1 and name = $2 and language = $3";
  // What Meta lists wins over what we had, except that a row keeps who made it.
  private static final String UPSERT_LISTED = """
      insert into whatsapp_templates (waba_id, name, language, category, status, components, rejection_reason, meta_id,
                                      synced_at, updated_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
      on conflict (waba_id, name, language) do update set category = excluded.category, status = excluded.status,
        components = excluded.components, rejection_reason = excluded.rejection_reason, meta_id = excluded.meta_id,
        synced_at = excluded.synced_at,
        updated_at = case when whatsapp_templates.status is distinct from excluded.status
                            or whatsapp_templates.components is distinct from excluded.components
                          then now() else whatsapp_templates.updated_at end""";
  private static final String DELETE_UNLISTED = "delete from whatsapp_templates where waba_id = $1 "
      + "and not (name || '|' || language = any($2))";
  private static final String INSERT_SUBMITTED = "insert into whatsapp_templates (waba_id, name, language, category, "
      + "status, components, meta_id, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) "
      // Meta's decision may come (by webhook) before this row is written: a row it already made keeps that status.
      + "on conflict (waba_id, name, language) do update set category = excluded.category, components = excluded.components, "
      + "status = case when whatsapp_templates.meta_id = excluded.meta_id then whatsapp_templates.status else excluded.status end, "
      + "rejection_reason = case when whatsapp_templates.meta_id = excluded.meta_id then whatsapp_templates.rejection_reason end, "
      + "meta_id = excluded.meta_id, created_by = excluded.created_by, updated_at = now() returning id";
  private static final String APPLY_STATUS = """
      update whatsapp_templates set status = $4, rejection_reason = $5, meta_id = coalesce($6, meta_id), updated_at = now()
      where waba_id = $1 and ((meta_id is not null and meta_id = $6) or (name = $2 and ($3::text is null or language = $3)))""";
  // A template made outside Conecta (in WhatsApp Manager) is recorded as Meta announces it; a sync fills its texts.
  private static final String INSERT_ANNOUNCED = """
      insert into whatsapp_templates (waba_id, name, language, status, rejection_reason, meta_id)
      values ($1, $2, $3, $4, $5, $6) on conflict (waba_id, name, language) do nothing""";
  private static final String DELETE_NAME = "delete from whatsapp_templates where waba_id = $1 and name = $2";

  public Future<List<JsonObject>> list(String wabaId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(wabaId)).map(WhatsAppTemplateStore::all);
  }

  public Future<JsonObject> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  /** Approved templates of these accounts (null: all), in a language ("es" also takes es_CL, es_MX...; null: all). */
  public Future<List<JsonObject>> approved(List<String> wabaIds, String language) {
    return pool.preparedQuery(APPROVED).execute(Tuple.tuple()
            .addArrayOfString(wabaIds == null ? null : wabaIds.toArray(new String[0])).addString(language))
        .map(WhatsAppTemplateStore::all);
  }

  public Future<JsonObject> approvedOne(String wabaId, String name, String language) {
    return pool.preparedQuery(APPROVED_ONE).execute(Tuple.of(wabaId, name, language))
        .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  /** One account's templates as Meta listed them; rows Meta no longer has are dropped. One transaction. */
  public Future<Integer> replaceListed(String wabaId, List<JsonObject> listed, OffsetDateTime at) {
    List<Tuple> batch = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (JsonObject t : listed) {
      String name = t.getString("name");
      String language = t.getString("language");
      if (name == null || language == null) {
        continue;
      }
      keys.add(name + "|" + language);
      batch.add(Tuple.of(wabaId, name, language, t.getString("category"), t.getString("status", "PENDING"),
          t.getJsonArray("components", new JsonArray()), reason(t), t.getValue("id") == null ? null : String.valueOf(t.getValue("id")),
          at));
    }
    return pool.withTransaction(conn -> (batch.isEmpty() ? Future.<Void>succeededFuture()
            : conn.preparedQuery(UPSERT_LISTED).executeBatch(batch).<Void>mapEmpty())
        .compose(v -> conn.preparedQuery(DELETE_UNLISTED)
            .execute(Tuple.tuple().addString(wabaId).addArrayOfString(keys.toArray(new String[0]))))
        .map(v -> batch.size()));
  }

  public Future<Long> insertSubmitted(String wabaId, String name, String language, String category, String status,
      JsonArray components, String metaId, long createdBy) {
    return pool.preparedQuery(INSERT_SUBMITTED)
        .execute(Tuple.of(wabaId, name, language, category, status, components, metaId, createdBy))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Meta's decision on a template; answers whether a row was there to change (else it is recorded as announced). */
  public Future<Boolean> applyStatus(String wabaId, String name, String language, String status, String reason,
      String metaId) {
    return pool.preparedQuery(APPLY_STATUS).execute(Tuple.of(wabaId, name, language, status, reason, metaId))
        .compose(rows -> rows.rowCount() > 0 || language == null ? Future.succeededFuture(rows.rowCount() > 0)
            : pool.preparedQuery(INSERT_ANNOUNCED).execute(Tuple.of(wabaId, name, language, status, reason, metaId))
                .map(false));
  }

  public Future<Integer> deleteName(String wabaId, String name) {
    return pool.preparedQuery(DELETE_NAME).execute(Tuple.of(wabaId, name)).map(RowSet::rowCount);
  }

  private static String reason(JsonObject t) {
    String r = t.getString("rejected_reason");
    return r == null || "NONE".equalsIgnoreCase(r) ? null : r;
  }

  private static List<JsonObject> all(RowSet<Row> rows) {
    List<JsonObject> out = new ArrayList<>();
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  private static JsonObject map(Row r) {
    Object components = r.getValue("components");
    return new JsonObject().put("id", r.getLong("id")).put("wabaId", r.getString("waba_id")).put("name", r.getString("name"))
        .put("language", r.getString("language")).put("category", r.getString("category"))
        .put("status", r.getString("status"))
        .put("components", components instanceof JsonArray a ? a : new JsonArray())
        .put("rejectionReason", r.getString("rejection_reason")).put("metaId", r.getString("meta_id"))
        .put("syncedAt", text(r.getOffsetDateTime("synced_at"))).put("createdAt", text(r.getOffsetDateTime("created_at")))
        .put("updatedAt", text(r.getOffsetDateTime("updated_at")));
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
