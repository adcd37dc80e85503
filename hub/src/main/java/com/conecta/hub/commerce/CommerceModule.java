package com.conecta.hub.commerce;

import com.conecta.hub.channels.clients.ChannelClients;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.commerce.catalogue.CatalogueRoutes;
import com.conecta.hub.commerce.erp.ErpRoutes;
import com.conecta.hub.commerce.erp.ErpService;
import com.conecta.hub.commerce.erp.ErpStore;
import com.conecta.hub.commerce.pipeline.PipelineModule;
import com.conecta.hub.commerce.sales.SalesModule;
import com.conecta.hub.customers.CustomersModule;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.marketing.MarketingModule;
import com.conecta.hub.marketing.reminder.ReminderService;
import com.conecta.hub.messaging.MessagingModule;
import java.util.List;

/**
 * Selling: the business lines' catalogue, leads and opportunities with their boards and forecast, products and quotes
 * (issues 8, 9 and 22), and the ERP's invoices.
 */
public final class CommerceModule {
  private final NodeResources node;
  private final BusinessCatalogue catalogue;
  private final ErpService erp;
  private final SalesModule sales;
  private final PipelineModule pipeline;

  public CommerceModule(NodeResources node, ChannelClients channels, MessagingModule messaging,
      CustomersModule customers, MarketingModule marketing, BusinessCatalogue catalogue) {
    this.node = node;
    this.catalogue = catalogue;
    // An invoice the ERP sends may make a reminder due: the reminders' pass runs at once.
    ReminderService reminders = marketing.reminders();
    this.erp = new ErpService(new ErpStore(node.pool()), () -> reminders.tick());
    this.sales = SalesModule.create(node.vertx(), node.pool(), customers.leads(), customers.contacts(),
        channels.media(), messaging.templates(), messaging.conversations(), catalogue);
    // Pipeline boards of leads and (issue 22) opportunities.
    this.pipeline = new PipelineModule(node.pool(), sales, catalogue, node.broker(), customers.contacts());
  }

  public void register(RouteSteps http) {
    http.api(new CatalogueRoutes(catalogue)::register);
    http.api(new ErpRoutes(erp)::register);
    http.api(sales::register);
    http.api(pipeline::register);
  }

  public List<BackgroundVerticle.Periodic> passes() {
    return List.of(new BackgroundVerticle.Periodic("quote", node.config().reminders().tickSeconds() * 1000L,
        sales::tick));
  }
}
