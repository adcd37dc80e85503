package com.conecta.hub.commerce.sales;

import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.channels.media.MediaService;
import com.conecta.hub.operations.notify.NotificationStore;
import com.conecta.hub.commerce.sales.quote.ProductService;
import com.conecta.hub.commerce.sales.quote.ProductStore;
import com.conecta.hub.commerce.sales.quote.TaxRates;
import com.conecta.hub.commerce.sales.quote.QuoteFollowUps;
import com.conecta.hub.commerce.sales.quote.QuotePdf;
import com.conecta.hub.commerce.sales.quote.QuoteRoutes;
import com.conecta.hub.commerce.sales.quote.QuoteService;
import com.conecta.hub.commerce.sales.quote.QuoteStore;
import com.conecta.hub.foundation.auth.RouteTable;
import com.conecta.templates.TemplateCatalogue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** The sales feature assembled in one place, so the hub's wiring stays a few lines. */
public record SalesModule(SalesRoutes salesRoutes, QuoteRoutes quoteRoutes, QuoteFollowUps followUps,
    LeadStageService stages, OpportunityService opportunities) {
  public static SalesModule create(Vertx vertx, Pool pool, CrudService leads, CrudService contacts, MediaService media,
      TemplateCatalogue templates, ConversationService conversations, BusinessCatalogue catalogue) {
    SalesSettings settings = SalesSettings.load();
    LeadStageStore stageStore = new LeadStageStore(pool);
    OpportunityService opportunities = new OpportunityService(new OpportunityStore(pool));
    QuoteStore quotes = new QuoteStore(pool);
    LeadStageService stages = new LeadStageService(stageStore, leads);
    return new SalesModule(
        new SalesRoutes(stages,
            new ConversionService(new ConversionStore(pool), opportunities, leads, catalogue), opportunities),
        new QuoteRoutes(new ProductService(new ProductStore(pool), TaxRates.load()), new QuoteService(quotes, stageStore,
            new NotificationStore(), media, new QuotePdf(vertx, settings), contacts, settings, conversations)),
        new QuoteFollowUps(quotes, templates, settings), stages, opportunities);
  }

  /** The pipeline's stages and the one way a person moves a lead, for the board. */
  public LeadStageService stages() {
    return stages;
  }

  /** Opportunities, for the opportunity board (issue 22) to hear their changes. */
  public OpportunityService opportunities() {
    return opportunities;
  }

  public void register(RouteTable routes) {
    salesRoutes.register(routes);
    quoteRoutes.register(routes);
  }

  /** The periodic pass: quotes expire, follow-ups go out. */
  public Future<Integer> tick() {
    return followUps.tick();
  }
}
