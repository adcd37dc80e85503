package com.conecta.hub.messaging.delivery;

import com.conecta.connectors.StatusUpdate;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Applies providers' delivery receipts (sent, delivered, read, failed with the provider's code): kept once each,
 * a message's status only moves forward, and browsers see the ticks change.
 */
public final class DeliveryService {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeliveryService.class);
  private final DeliveryStore store;
  private final RealtimeBroker broker;

  public DeliveryService(DeliveryStore store, RealtimeBroker broker) {
    this.store = store;
    this.broker = broker;
  }

  public Future<Void> apply(Inbox inbox, StatusUpdate update) {
    String status = update.status().wire();
    if ("queued".equals(status)) {
      return Future.succeededFuture();
    }
    Future<Boolean> reconciled = update.callbackData() == null ? Future.succeededFuture(false)
        : store.reconcile(inbox.id(), update.callbackData(), update.providerMessageId());
    return reconciled.compose(closed -> {
          if (closed) {
            log.debug("outbox send {} closed from the provider's receipt {}", update.callbackData(), update.providerMessageId());
          }
          return store.record(inbox.id(), update.providerMessageId(), status, update.errorCode(), update.errorTitle(),
                  update.occurredAt() == null ? null : update.occurredAt().atOffset(ZoneOffset.UTC))
              .map(isNew -> isNew || closed);
        })
        .compose(changed -> changed ? afterSendRecorded(inbox.id(), update.providerMessageId()) : Future.succeededFuture());
  }

  /** Called once the provider id of a sent message is stored, and for each new receipt. */
  public Future<Void> afterSendRecorded(long inboxId, String providerId) {
    return afterSendsRecorded(List.of(inboxId), List.of(providerId));
  }

  /** The same for many sends at once: receipts that arrived before their send was recorded now apply. */
  public Future<Void> afterSendsRecorded(List<Long> inboxIds, List<String> providerIds) {
    return store.advance(store.pool(), inboxIds, providerIds).map(advanced -> {
      advanced.forEach(a -> broker.publish(new HubEvent("message.updated", a.inboxId(), a.conversationId(),
          new JsonObject().put("id", a.messageId()).put("conversationId", a.conversationId()).put("status", a.status())
              .put("errorCode", a.errorCode()).put("errorTitle", a.errorTitle()))));
      return null;
    });
  }
}
