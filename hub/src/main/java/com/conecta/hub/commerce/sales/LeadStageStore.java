package com.conecta.hub.commerce.sales;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for the pipeline's stages and a lead's moves between them (the history itself is written by a trigger). */
public record LeadStageStore(Pool pool) {
  private static final String STAGES = """
      select key, name_es, name_en, position, probability, outcome from lead_stages where active order by position, key""";
  private static final String UPSERT = """
      insert into lead_stages (key, name_es, name_en, position, probability, outcome, active)
      values ($1, $2, $3, $4, $5, $6, $7)
      on conflict (key) do update set name_es = excluded.name_es, name_en = excluded.name_en, position = excluded.position,
        probability = excluded.probability, outcome = excluded.outcome, active = excluded.active
      returning key, name_es, name_en, position, probability, outcome""";
  private static final String ACTOR = "select set_config('conecta.actor', $1, true)";
  private static final String LEAD_FOR_CHANGE = "select id, stage, converted_at from leads where id = $1 for update";
  private static final String CHANGE = """
      update leads set stage = $2, lost_reason = $3, updated_at = now() where id = $1
      returning id, stage, lost_reason, stage_changed_at, opportunity_id, conversation_id,
        (select cv.inbox_id from conversations cv where cv.id = leads.conversation_id) as inbox_id""";
  private static final String WON_STAGE = """
      select key from lead_stages where outcome = 'won' and active order by position limit 1""";
  private static final String HISTORY = """
      select h.id, h.from_stage, h.to_stage, h.changed_at, h.changed_by, u.name as changed_by_name,
             h.seconds_in_previous, h.lost_reason, h.cause
      from lead_stage_history h left join users u on u.id = h.changed_by
      where h.lead_id = $1 order by h.id""";

  public Future<List<LeadStage>> stages() {
    return pool.query(STAGES).execute().map(rows -> {
      List<LeadStage> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new LeadStage(r.getString("key"), r.getString("name_es"), r.getString("name_en"),
            r.getInteger("position"), r.getInteger("probability"), r.getString("outcome")));
      }
      return out;
    });
  }

  /** Adds or changes one stage of the company's pipeline. */
  public Future<LeadStage> upsert(LeadStage stage, boolean active) {
    return pool.preparedQuery(UPSERT).execute(Tuple.tuple().addString(stage.key()).addString(stage.nameEs())
        .addString(stage.nameEn()).addInteger(stage.position()).addInteger(stage.probability())
        .addString(stage.outcome()).addBoolean(active)).map(rows -> {
          Row r = rows.iterator().next();
          return new LeadStage(r.getString("key"), r.getString("name_es"), r.getString("name_en"),
              r.getInteger("position"), r.getInteger("probability"), r.getString("outcome"));
        });
  }

  /**
   * Moves the lead (locked for the rest of the transaction) to the stage; the trigger keeps the history with the time
   * spent in the previous stage. Answers the lead's new state, or null when there is no such lead.
   */
  public Future<JsonObject> change(SqlClient tx, long leadId, String stage, String lostReason, Long actorId) {
    return tx.preparedQuery(ACTOR).execute(Tuple.of(actorId == null ? "" : String.valueOf(actorId)))
        .compose(v -> tx.preparedQuery(LEAD_FOR_CHANGE).execute(Tuple.of(leadId)))
        .compose(found -> found.size() == 0 ? Future.succeededFuture((JsonObject) null)
            : tx.preparedQuery(CHANGE).execute(Tuple.of(leadId, stage, lostReason)).map(rows -> {
              Row r = rows.iterator().next();
              return new JsonObject().put("id", r.getLong("id")).put("stage", r.getString("stage"))
                  .put("lostReason", r.getString("lost_reason"))
                  .put("stageChangedAt", r.getOffsetDateTime("stage_changed_at").toInstant().toString())
                  .put("opportunityId", r.getLong("opportunity_id"))
                  .put("conversationId", r.getLong("conversation_id")).put("inboxId", r.getLong("inbox_id"));
            }));
  }

  /** The first active stage whose outcome is won (the stage an accepted quote moves its lead to). */
  public Future<String> wonStage(SqlClient tx) {
    return tx.query(WON_STAGE).execute().map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  public Future<JsonArray> history(long leadId) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(leadId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("from", r.getString("from_stage"))
            .put("to", r.getString("to_stage")).put("at", r.getOffsetDateTime("changed_at").toInstant().toString())
            .put("by", r.getLong("changed_by")).put("byName", r.getString("changed_by_name"))
            .put("secondsInPrevious", r.getLong("seconds_in_previous")).put("lostReason", r.getString("lost_reason"))
            .put("cause", r.getString("cause")));
      }
      return out;
    });
  }
}
