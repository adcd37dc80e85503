package com.conecta.hub.commerce.pipeline;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.commerce.sales.LeadStage;
import com.conecta.hub.commerce.sales.LeadStageService;
import com.conecta.hub.commerce.sales.OpportunityService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The opportunity board: a column per active stage with its count and amount per currency, and the weighted forecast
 * of the same (filtered) open opportunities. Agents see the opportunities they sell, as on the opportunity itself.
 */
public record OpportunityBoardService(OpportunityBoardStore store, LeadStageService stages,
    OpportunityService opportunities, com.conecta.hub.customers.crm.CrudService contacts) {
  /** The contacts' own access rule: an agent asking for a contact they may not see is told it does not exist. */

  public Future<JsonObject> board(Principal p, OpportunityBoardFilter filter) {
    Long scope = scope(p);
    return Future.all(stages.stages(), store.board(filter, scope), store.forecast(filter, scope)).map(all -> {
      JsonObject found = all.resultAt(1);
      JsonArray columns = new JsonArray();
      for (LeadStage s : all.<List<LeadStage>>resultAt(0)) {
        JsonObject col = found.getJsonObject(s.key(),
            new JsonObject().put("count", 0).put("amounts", new JsonObject()).put("cards", new JsonArray()));
        columns.add(col.put("stage", s.toJson()));
      }
      return new JsonObject().put("columns", columns).put("perColumn", filter.perColumn())
          .put("forecast", all.resultAt(2));
    });
  }

  /** The stage moves of an opportunity the caller may see (404 otherwise, as the opportunity itself). */
  public Future<JsonArray> history(Principal p, long id) {
    return opportunities.get(p, id).compose(o -> store.history(id));
  }

  public Future<JsonArray> ofContact(Principal p, long contactId) {
    return contacts.get(p, contactId).compose(visible -> store.ofContact(contactId, scope(p)));
  }

  private static Long scope(Principal p) {
    return p.role() == Role.AGENT ? p.userId() : null;
  }
}
