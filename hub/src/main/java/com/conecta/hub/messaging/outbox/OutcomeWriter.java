package com.conecta.hub.messaging.outbox;

import com.conecta.connectors.SendResult;
import com.conecta.hub.messaging.delivery.DeliveryService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a sent outbox row with what came of it — sent with the provider's id, tried again later with backoff, in
 * doubt while the provider's receipt may still come, or failed — and tells the browsers. Knows which rows are with the
 * provider and not closed yet, which a stopping node hands back as in doubt.
 */
final class OutcomeWriter {
  private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
  private static final int MAX_ATTEMPTS = 10;
  /** Error codes of sends that got no answer: the request may have reached the provider. */
  private static final Set<String> AMBIGUOUS = Set.of("network");
  private static final int MAX_WRITE_TRIES = 240;

  private final Vertx vertx;
  private final OutboxStore store;
  private final RealtimeBroker broker;
  private final SentMarks sentMarks;
  private final String nodeId;
  private final long inDoubtMs;
  private final BooleanSupplier running;
  /** Rows whose request has gone to the provider and whose outcome is not written yet. */
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

  OutcomeWriter(Vertx vertx, OutboxStore store, RealtimeBroker broker, DeliveryService delivery, String nodeId,
      long inDoubtMs, BooleanSupplier running) {
    this.vertx = vertx;
    this.store = store;
    this.broker = broker;
    this.sentMarks = new SentMarks(vertx, store, delivery);
    this.nodeId = nodeId;
    this.inDoubtMs = inDoubtMs;
    this.running = running;
  }

  /** The row's request is about to go to the provider. */
  void handedOff(long outboxId) {
    inFlight.add(outboxId);
  }

  /** The rows with the provider whose outcome is not written. */
  List<Long> inFlight() {
    return List.copyOf(inFlight);
  }

  /**
   * Writes the outcome. This node alone knows it, so a write that fails (the database restarting) is tried again
   * while the node lives, rather than leaving the row to be found in doubt.
   */
  Future<Void> close(OutboxStore.Claimed c, SendResult r) {
    return persistently(() -> write(c, r), 0).eventually(() -> {
      inFlight.remove(c.id());
      return Future.succeededFuture();
    });
  }

  private Future<Void> write(OutboxStore.Claimed c, SendResult r) {
    if ("deferred".equals(r.errorCode())) {
      return store.defer(c.id(), Math.max(1, r.retryAfter().toMillis()), nodeId);
    }
    return switch (r.outcome()) {
      case ACCEPTED -> sentMarks.mark(c.id(), c.inboxId(), r.providerMessageId())
          .onSuccess(ids -> statusEvent(ids, "sent", null)).mapEmpty();
      // No answer (time-out, connection lost mid-request): the provider may have taken it.
      case RETRY -> AMBIGUOUS.contains(r.errorCode()) && inFlight.contains(c.id()) && c.attempts() < MAX_ATTEMPTS
          ? store.inDoubt(c.id(), Math.max(inDoubtMs, backoff(c.attempts(), r.retryAfter()).toMillis()),
              r.errorCode() + " " + r.errorTitle(), nodeId)
          : c.attempts() >= MAX_ATTEMPTS
          ? store.failed(c.id(), r.errorCode(), "gave up after " + c.attempts() + " attempts: " + r.errorTitle(), nodeId)
              .onSuccess(ids -> statusEvent(ids, "failed", r.errorCode())).mapEmpty()
          : store.retry(c.id(), backoff(c.attempts(), r.retryAfter()).toMillis(), r.errorCode() + " " + r.errorTitle(),
              nodeId);
      case FAILED -> store.failed(c.id(), r.errorCode(), r.errorTitle(), nodeId)
          .onSuccess(ids -> statusEvent(ids, "failed", r.errorCode())).mapEmpty();
    };
  }

  private <T> Future<T> persistently(Supplier<Future<T>> write, int tries) {
    return write.get().recover(e -> {
      if (tries >= MAX_WRITE_TRIES || (!running.getAsBoolean() && tries >= 20)) {
        log.error("outbox outcome not written after {} tries: {}", tries + 1, e.toString());
        return Future.failedFuture(e);
      }
      if (tries == 0) {
        log.warn("outbox outcome not written ({}); trying again", e.toString());
      }
      Promise<T> again = Promise.promise();
      vertx.setTimer(500, t -> persistently(write, tries + 1).onComplete(again));
      return again.future();
    });
  }

  /** Capped exponential backoff, or the provider's own hint when it gave one. */
  static Duration backoff(int attempts, Duration hint) {
    long seconds = Math.min(300, 1L << Math.min(attempts, 9));
    Duration exp = Duration.ofSeconds(seconds);
    return hint != null && hint.compareTo(exp) > 0 ? hint : exp;
  }

  private void statusEvent(long[] ids, String status, String errorCode) {
    if (ids != null) {
      broker.publish(new HubEvent("message.updated", ids[2], ids[1], new JsonObject().put("id", ids[0])
          .put("conversationId", ids[1]).put("status", status).put("errorCode", errorCode)));
    }
  }
}
