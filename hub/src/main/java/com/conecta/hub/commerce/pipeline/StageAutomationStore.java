package com.conecta.hub.commerce.pipeline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** SQL of the automatic stage moves' configuration (the moves themselves run in the database, see V102). */
public record StageAutomationStore(Pool pool) {
  private static final String LIST = "select event, to_stage, updated_at from lead_stage_automations order by event";
  private static final String SET = """
      update lead_stage_automations set to_stage = $2, updated_at = now() where event = $1
      returning event, to_stage, updated_at""";
  private static final String ACTIVE_STAGE = "select 1 from lead_stages where key = $1 and active";

  public Future<JsonArray> list() {
    return pool.query(LIST).execute().map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(json(r)));
      return out;
    });
  }

  /** Answers the saved rule, or null when there is no such event. */
  public Future<JsonObject> set(String event, String toStage) {
    return pool.preparedQuery(SET).execute(Tuple.of(event, toStage))
        .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
  }

  public Future<Boolean> activeStage(String key) {
    return pool.preparedQuery(ACTIVE_STAGE).execute(Tuple.of(key)).map(rows -> rows.size() > 0);
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("event", r.getString("event")).put("toStage", r.getString("to_stage"))
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
