package com.conecta.hub.foundation.webhook;

import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.operations.notify.NotificationStore;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.secrets.SecretBox;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Outgoing webhooks (issue 25) assembled in one place: the admins' subscriptions API, and the delivery worker that
 * runs on a background verticle of its own. The events themselves are written by triggers (migration V190).
 */
public final class WebhookModule {
  private final WebhookRoutes routes;
  private final WebhookDeliveryWorker worker;

  private WebhookModule(WebhookRoutes routes, WebhookDeliveryWorker worker) {
    this.routes = routes;
    this.worker = worker;
  }

  /** @param queuePool the pool of the queue workers (not ingest's), for claiming and closing deliveries */
  public static WebhookModule create(Vertx vertx, Pool pool, Pool queuePool, SecretBox box,
      NotificationStore notifications, HubConfig config, String nodeId) {
    WebhookSettings settings = WebhookSettings.from(config.raw(), config.sandbox().enabled());
    WebhookDeliveryStore deliveries = new WebhookDeliveryStore(queuePool);
    WebhookDeliveryWorker worker = new WebhookDeliveryWorker(vertx, deliveries, box, settings,
        new WebhookSwitchOffNotices(deliveries, notifications), nodeId);
    return new WebhookModule(new WebhookRoutes(new WebhookSubscriptionService(new WebhookSubscriptionStore(pool), box,
        settings)), worker);
  }

  public void register(RouteTable table) {
    routes.register(table);
  }

  /** The verticle that posts deliveries, one per node. */
  public BackgroundVerticle background() {
    return new BackgroundVerticle("webhooks", List.of(new BackgroundVerticle.Worker("webhooks", worker::start,
        worker::stop)), List.of());
  }
}
