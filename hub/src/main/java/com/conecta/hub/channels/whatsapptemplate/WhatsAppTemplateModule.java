package com.conecta.hub.channels.whatsapptemplate;

import com.conecta.connectors.whatsapp.templates.WhatsAppTemplatesClient;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;

/**
 * WhatsApp templates managed with Meta (issue 25), built in one place: the store, the Graph API client, the
 * accounts of the inboxes; the hub registers its routes, hands it the webhook's account events and runs its sync.
 */
public final class WhatsAppTemplateModule {
  /** How often every account's templates are listed again at Meta (webhooks carry the decisions in between). */
  public static final long SYNC_EVERY_MS = 15 * 60_000L;
  /** The account of sandbox inboxes that name none: the fake Graph API's demo WABA. */
  public static final String SANDBOX_WABA_ID = "100000000000000";

  private final WhatsAppTemplateService service;

  private WhatsAppTemplateModule(WhatsAppTemplateService service) {
    this.service = service;
  }

  public static WhatsAppTemplateModule create(Vertx vertx, Pool pool, InboxService inboxes, String graphBaseUrl,
      String apiVersion, boolean sandbox) {
    WhatsAppTemplatesClient client = new WhatsAppTemplatesClient(WebClient.create(vertx), graphBaseUrl, apiVersion, 15_000);
    return new WhatsAppTemplateModule(new WhatsAppTemplateService(new WhatsAppTemplateStore(pool), client,
        new WabaAccounts(inboxes, sandbox ? SANDBOX_WABA_ID : null)));
  }

  public void register(RouteTable routes) {
    new WhatsAppTemplateRoutes(service).register(routes);
  }

  public WhatsAppTemplateService service() {
    return service;
  }

  /** For the WhatsApp webhook: a {@code message_template_status_update} change updates the kept template. */
  public Future<Void> onAccountEvent(JsonObject change) {
    return service.onAccountEvent(change);
  }

  public Future<Void> syncAll() {
    return service.syncAll();
  }
}
