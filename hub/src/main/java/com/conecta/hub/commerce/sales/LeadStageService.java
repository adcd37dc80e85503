package com.conecta.hub.commerce.sales;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one way a person moves a lead through the pipeline: the stage must be one of the company's, a lost stage needs
 * its reason, and the move is timed and kept in the lead's history.
 */
public final class LeadStageService {
  private final LeadStageStore store;
  private final CrudService leads;
  private final List<Consumer<JsonObject>> moved = new CopyOnWriteArrayList<>();

  public LeadStageService(LeadStageStore store, CrudService leads) {
    this.store = store;
    this.leads = leads;
  }

  /** Called with the lead's new state after each move a person makes (the board shows it live). */
  public void onMoved(Consumer<JsonObject> listener) {
    moved.add(listener);
  }

  public Future<List<LeadStage>> stages() {
    return store.stages();
  }

  /**
   * An admin adds or edits a stage (the pipeline is the company's own). The pipeline must keep a won and a lost stage
   * active, since quotes win leads and Lost asks for a reason.
   */
  public Future<LeadStage> save(LeadStage stage, boolean active) {
    if (!key(stage.key())) {
      return Future.failedFuture(ApiError.invalid("key", "a stage key is lower-case letters, digits and _ (up to 40)"));
    }
    return store.stages().compose(current -> {
      boolean keepsWon = current.stream().anyMatch(s -> !s.key().equals(stage.key()) && "won".equals(s.outcome()))
          || (active && "won".equals(stage.outcome()));
      boolean keepsLost = current.stream().anyMatch(s -> !s.key().equals(stage.key()) && s.lost())
          || (active && stage.lost());
      if (!keepsWon || !keepsLost) {
        return Future.failedFuture(ApiError.conflict("pipeline_needs_outcomes",
            "the pipeline must keep an active won stage and an active lost stage"));
      }
      return store.upsert(stage, active);
    });
  }

  private static boolean key(String k) {
    return k != null && k.matches("[a-z][a-z0-9_]{0,39}");
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
              : Future.succeededFuture(lead.put("probability", target.probability()).put("outcome", target.outcome())))
          .onSuccess(lead -> moved.forEach(l -> l.accept(lead)));
    });
  }

  public Future<JsonArray> history(Principal p, long leadId) {
    return leads.visible(p, leadId).compose(v -> store.history(leadId));
  }
}
