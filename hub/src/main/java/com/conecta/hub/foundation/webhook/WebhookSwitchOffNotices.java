package com.conecta.hub.foundation.webhook;

import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.operations.notify.NotificationStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/** Tells every admin, in their language, that a subscription was switched off after failing again and again. */
record WebhookSwitchOffNotices(WebhookDeliveryStore store, NotificationStore notifications) {
  static final String KIND = "webhook.disabled";

  /** Enqueued in the switch-off's transaction: both happen or neither does. */
  Future<Void> switchedOff(SqlConnection tx, WebhookDeliveryStore.SwitchedOff off) {
    return store.admins(tx).compose(admins -> {
      Future<Void> all = Future.succeededFuture();
      for (JsonObject admin : admins) {
        boolean en = "en".equals(admin.getString("locale"));
        String subject = en ? "Webhook switched off: " + off.url() : "Webhook desactivado: " + off.url();
        String body = en
            ? "After " + off.failures() + " failed deliveries in a row, Conecta stopped sending events to " + off.url()
                + ". Check the receiver, then switch the webhook on again in Settings → Webhooks: the waiting events go then."
            : "Después de " + off.failures() + " entregas fallidas seguidas, Conecta dejó de enviar eventos a " + off.url()
                + ". Revise el receptor y vuelva a activar el webhook en Ajustes → Webhooks: los eventos en espera se enviarán entonces.";
        JsonObject payload = new JsonObject().put("webhookSubscriptionId", off.id()).put("url", off.url());
        long adminId = admin.getLong("id");
        all = all.compose(v -> notifications.enqueue(tx, Notification.inApp(adminId, KIND, subject, body, payload, null)))
            .mapEmpty();
      }
      return all;
    });
  }
}
