package com.conecta.hub.messaging.delivery;

import com.conecta.connectors.StatusUpdate;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import com.conecta.hub.foundation.platform.GroupCommit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies providers' delivery receipts (sent, delivered, read, failed with the provider's code): kept once each,
 * a message's status only moves forward, and browsers see the ticks change.
 */
public final class DeliveryService {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeliveryService.class);
  /** Receipts per batch at most: Meta sends about three per outbound message, so they come in bursts. */
  private static final int RECEIPTS_PER_BATCH = 256;
  private final DeliveryStore store;
  private final RealtimeBroker broker;
  /**
   * Receipts are group-committed: one round trip for every receipt that arrived while the last batch was stored
   * (at 1,000 receipts a second, two statements each took the pool). One batch at a time: a batch moves many messages
   * forward, and two at once could lock the same messages in opposite orders.
   */
  private final GroupCommit<DeliveryStore.Receipt, List<DeliveryStore.Advanced>> receipts;

  public DeliveryService(DeliveryStore store, RealtimeBroker broker) {
    this.store = store;
    this.broker = broker;
    this.receipts = new GroupCommit<>("receipt", this::recordAll, BY_MESSAGE, RECEIPTS_PER_BATCH, 1);
  }

  private static final Comparator<DeliveryStore.Receipt> BY_MESSAGE = Comparator
      .comparingLong(DeliveryStore.Receipt::inboxId).thenComparing(DeliveryStore.Receipt::providerId);

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
          return receipts.submit(new DeliveryStore.Receipt(inbox.id(), update.providerMessageId(), status,
              update.errorCode(), update.errorTitle(),
              update.occurredAt() == null ? null : update.occurredAt().atOffset(ZoneOffset.UTC)));
        })
        .map(advanced -> {
          publish(advanced);
          return null;
        });
  }

  /** Stores a batch; each message that moved is answered to the first receipt of the batch about it. */
  private Future<List<List<DeliveryStore.Advanced>>> recordAll(List<DeliveryStore.Receipt> batch) {
    return store.recordAll(batch).map(advanced -> {
      Map<String, List<DeliveryStore.Advanced>> byMessage = new HashMap<>();
      advanced.forEach(a -> byMessage.computeIfAbsent(a.inboxId() + ":" + a.providerMessageId(), k -> new ArrayList<>())
          .add(a));
      List<List<DeliveryStore.Advanced>> out = new ArrayList<>(batch.size());
      for (DeliveryStore.Receipt r : batch) {
        List<DeliveryStore.Advanced> mine = byMessage.remove(r.inboxId() + ":" + r.providerId());
        out.add(mine == null ? List.of() : mine);
      }
      return out;
    });
  }

  /** Called once the provider id of a sent message is stored, and for each new receipt. */
  public Future<Void> afterSendRecorded(long inboxId, String providerId) {
    return afterSendsRecorded(List.of(inboxId), List.of(providerId));
  }

  /** The same for many sends at once: receipts that arrived before their send was recorded now apply. */
  public Future<Void> afterSendsRecorded(List<Long> inboxIds, List<String> providerIds) {
    return store.advance(store.pool(), inboxIds, providerIds).map(advanced -> {
      publish(advanced);
      return null;
    });
  }

  private void publish(List<DeliveryStore.Advanced> advanced) {
    advanced.forEach(a -> broker.publish(new HubEvent("message.updated", a.inboxId(), a.conversationId(),
        new JsonObject().put("id", a.messageId()).put("conversationId", a.conversationId()).put("status", a.status())
            .put("errorCode", a.errorCode()).put("errorTitle", a.errorTitle()))));
  }
}
