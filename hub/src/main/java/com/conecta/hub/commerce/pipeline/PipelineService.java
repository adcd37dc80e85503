package com.conecta.hub.commerce.pipeline;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.commerce.sales.LeadStage;
import com.conecta.hub.commerce.sales.LeadStageService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The leads' pipeline board: a column per active stage, in the pipeline's order, with what the caller may see. */
public record PipelineService(PipelineStore store, LeadStageService stages) {
  public Future<JsonObject> leadBoard(Principal p, BoardFilter filter) {
    boolean scoped = p.role() == Role.AGENT;
    return Future.all(stages.stages(), store.board(filter, scoped ? p.userId() : null, scoped ? p.inboxFilter() : null),
        store.facets()).map(all -> {
          JsonObject found = all.resultAt(1);
          JsonArray columns = new JsonArray();
          for (LeadStage s : all.<java.util.List<LeadStage>>resultAt(0)) {
            JsonObject col = found.getJsonObject(s.key(),
                new JsonObject().put("count", 0).put("amount", "0").put("cards", new JsonArray()));
            columns.add(col.put("stage", s.toJson()));
          }
          return new JsonObject().put("columns", columns).put("perColumn", filter.perColumn())
              .put("facets", all.resultAt(2));
        });
  }
}
