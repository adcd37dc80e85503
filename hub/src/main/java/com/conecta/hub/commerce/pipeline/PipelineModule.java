package com.conecta.hub.commerce.pipeline;

import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.auth.RouteTable;
import com.conecta.hub.commerce.sales.SalesModule;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** The pipeline boards (leads and opportunities) assembled in one place, so the hub's wiring stays one line. */
public final class PipelineModule {
  private final PipelineRoutes routes;
  private final OpportunityBoardRoutes opportunityRoutes;

  public PipelineModule(Pool pool, SalesModule sales, BusinessCatalogue catalogue, RealtimeBroker broker,
      com.conecta.hub.customers.crm.CrudService contacts) {
    this.routes = new PipelineRoutes(new PipelineService(new PipelineStore(pool), sales.stages()),
        new StageAutomations(new StageAutomationStore(pool)), catalogue);
    this.opportunityRoutes = new OpportunityBoardRoutes(new OpportunityBoardService(new OpportunityBoardStore(pool),
        sales.stages(), sales.opportunities(), contacts), catalogue);
    // Every board showing the lead redraws it; the event goes to those who see the lead's conversation (admins only
    // when the lead has none).
    sales.stages().onMoved(lead -> broker.publish(new HubEvent("lead.moved",
        lead.getLong("inboxId") == null ? 0 : lead.getLong("inboxId"), lead.getLong("conversationId"),
        new JsonObject().put("leadId", lead.getLong("id")).put("stage", lead.getString("stage")))));
    // An opportunity has no inbox: the event names its salespeople, who receive it with the admins.
    sales.opportunities().onChanged(o -> broker.publish(new HubEvent("opportunity.changed", 0, null,
        new JsonObject().put("opportunityId", o.getLong("id")).put("stage", o.getString("stage"))
            .put("userIds", o.getJsonArray("salespeopleIds")))));
  }

  public void register(RouteTable table) {
    routes.register(table);
    opportunityRoutes.register(table);
  }
}
