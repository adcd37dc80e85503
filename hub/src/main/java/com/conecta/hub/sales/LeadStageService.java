package com.conecta.hub.sales;

import com.conecta.hub.auth.Principal;
import com.conecta.hub.auth.Role;
import com.conecta.hub.crm.CrudService;
import com.conecta.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one way a person moves a lead through the pipeline: the stage must be one of the company's, a lost stage needs
 * its reason, and the move is timed and kept in the lead's history.
 */
public final class LeadStageService {
  private final LeadStageStore store;
  private final CrudService leads;

  public LeadStageService(LeadStageStore store, CrudService leads) {
    this.store = store;
    this.leads = leads;
  }

  public Future<List<LeadStage>> stages() {
    return store.stages();
  }

  public Future<JsonObject> change(Principal p, long leadId, String stage, String lostReason) {
    if (p.role() == Role.MARKETING) {
      return Future.failedFuture(ApiError.forbidden("marketing reads CRM records; agents and admins change them"));
    }
    return leads.visible(p, leadId).compose(v -> store.stages()).compose(stages -> {
      LeadStage target = stages.stream().filter(s -> s.key().equals(stage)).findFirst().orElse(null);
      if (target == null) {
        return Future.failedFuture(ApiError.invalid("stage", "'stage' must be one of "
            + String.join(", ", stages.stream().map(LeadStage::key).toList())));
      }
      String reason = lostReason == null || lostReason.isBlank() ? null : lostReason.trim();
      if (target.lost() && reason == null) {
        return Future.failedFuture(new ApiError(422, "lost_reason_required", "a lost lead needs a 'lostReason'",
            "lostReason"));
      }
      return store.pool().withTransaction(tx -> store.change(tx, leadId, target.key(), target.lost() ? reason : null,
              p.userId()))
          .compose(lead -> lead == null ? Future.failedFuture(ApiError.notFound("lead " + leadId))
              : Future.succeededFuture(lead.put("probability", target.probability()).put("outcome", target.outcome())));
    });
  }

  public Future<JsonArray> history(Principal p, long leadId) {
    return leads.visible(p, leadId).compose(v -> store.history(leadId));
  }
}
