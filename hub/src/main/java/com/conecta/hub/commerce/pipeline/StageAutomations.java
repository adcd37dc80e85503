package com.conecta.hub.commerce.pipeline;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Which work moves a lead by itself: a person's first reply, a quote sent, a quote accepted, each to a configured stage
 * (or none). The database makes the moves in the cause's own transaction; this is where admins set them.
 */
public record StageAutomations(StageAutomationStore store) {
  public Future<JsonArray> list() {
    return store.list();
  }

  public Future<JsonObject> set(String event, String toStage) {
    Future<Boolean> stageOk = toStage == null ? Future.succeededFuture(true) : store.activeStage(toStage);
    return stageOk.compose(ok -> ok ? store.set(event, toStage)
            : Future.failedFuture(ApiError.invalid("toStage", "'toStage' must be an active stage's key, or null to turn the move off")))
        .compose(saved -> saved != null ? Future.succeededFuture(saved)
            : Future.failedFuture(ApiError.notFound("automatic move '" + event + "' (first_reply, quote_sent, quote_accepted)")));
  }
}
