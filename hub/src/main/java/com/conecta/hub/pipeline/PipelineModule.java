package com.conecta.hub.pipeline;

import com.conecta.hub.catalogue.BusinessCatalogue;
import com.conecta.hub.realtime.HubEvent;
import com.conecta.hub.realtime.RealtimeBroker;
import com.conecta.hub.sales.LeadStageService;
import com.conecta.hub.auth.RouteTable;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** The pipeline board assembled in one place, so the hub's wiring stays one line. */
public final class PipelineModule {
  private final PipelineRoutes routes;

  public PipelineModule(Pool pool, LeadStageService stages, BusinessCatalogue catalogue, RealtimeBroker broker) {
    this.routes = new PipelineRoutes(new PipelineService(new PipelineStore(pool), stages),
        new StageAutomations(new StageAutomationStore(pool)), catalogue);
    // Every board showing the lead redraws it; the event goes to those who see the lead's conversation (admins only
    // when the lead has none).
    stages.onMoved(lead -> broker.publish(new HubEvent("lead.moved",
        lead.getLong("inboxId") == null ? 0 : lead.getLong("inboxId"), lead.getLong("conversationId"),
        new JsonObject().put("leadId", lead.getLong("id")).put("stage", lead.getString("stage")))));
  }

  public void register(RouteTable table) {
    routes.register(table);
  }
}
