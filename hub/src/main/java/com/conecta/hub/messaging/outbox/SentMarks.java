package com.conecta.hub.messaging.outbox;

import com.conecta.hub.messaging.delivery.DeliveryService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records accepted sends in batches: the sends of the last few milliseconds are marked sent in one statement, and
 * any receipts that came before them are applied in one more. At a campaign's 1,000 sends a second that is a few
 * hundred statements a second instead of two thousand, which leaves the database's and the node's time to the sends.
 * A send is still marked only once the provider has taken it; a mark that fails fails for each send in the batch, and
 * each is written again by its caller.
 */
final class SentMarks {
  private static final Logger log = LoggerFactory.getLogger(SentMarks.class);
  /** How long a mark waits for others to join it; the provider has the message already. */
  private static final long LINGER_MS = 5;
  private static final int MAX_BATCH = 100;

  private record Mark(long outboxId, long inboxId, String providerId, Promise<long[]> done) {}

  private final Vertx vertx;
  private final OutboxStore store;
  private final DeliveryService delivery;
  private List<Mark> pending = new ArrayList<>();
  private boolean flushScheduled;

  SentMarks(Vertx vertx, OutboxStore store, DeliveryService delivery) {
    this.vertx = vertx;
    this.store = store;
    this.delivery = delivery;
  }

  /** Marks one send done; answers [messageId, conversationId, inboxId], or null when the row is gone. */
  Future<long[]> mark(long outboxId, long inboxId, String providerId) {
    Promise<long[]> done = Promise.promise();
    boolean flushNow;
    boolean schedule;
    synchronized (this) {
      pending.add(new Mark(outboxId, inboxId, providerId, done));
      flushNow = pending.size() >= MAX_BATCH;
      schedule = !flushNow && !flushScheduled;
      if (schedule) {
        flushScheduled = true;
      }
    }
    if (flushNow) {
      flush();
    } else if (schedule) {
      vertx.setTimer(LINGER_MS, t -> {
        synchronized (this) {
          flushScheduled = false;
        }
        flush();
      });
    }
    return done.future();
  }

  private void flush() {
    List<Mark> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      batch = pending;
      pending = new ArrayList<>();
    }
    List<Long> outboxIds = batch.stream().map(Mark::outboxId).toList();
    List<String> providerIds = batch.stream().map(Mark::providerId).toList();
    store.sent(outboxIds, providerIds).onComplete(ar -> {
      if (ar.failed()) {
        batch.forEach(m -> m.done().fail(ar.cause()));
        return;
      }
      // Each send's own "sent" event goes first (its caller publishes it on completion), then whatever a receipt that
      // came early moves further, so that a browser never sees a status go backwards.
      batch.forEach(m -> m.done().complete(ar.result().get(m.outboxId())));
      delivery.afterSendsRecorded(batch.stream().map(Mark::inboxId).toList(), providerIds)
          .onFailure(e -> log.warn("receipts not applied after {} sends: {}", batch.size(), e.toString()));
    });
  }
}
