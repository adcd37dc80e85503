package com.conecta.hub.messaging.outbox;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.InboundAccount;
import com.conecta.hub.messaging.delivery.DeliveryService;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.messaging.sending.SendRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: claims due rows with SKIP LOCKED (so any number of nodes share the work without
 * double sends), hands each to {@link ClaimedRowSender}, and has {@link OutcomeWriter} close it with the provider's id,
 * a retry time or a failure. This class keeps the claims: how many, how fresh, and handing them back on stop.
 */
public final class OutboxWorker {
  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  private static final long POLL_MS = 100;
  private static final int SLICE = 20;
  private static final int MAX_OPEN_BATCHES = 10;

  /**
   * @param batch rows claimed at a time
   * @param lease how long a claim lives without renewal (outbox.lease-seconds); a node renews its claims every third
   * @param inDoubt how long a send whose outcome is unknown waits for the provider's status webhook before it is sent
   *     again (outbox.in-doubt-seconds)
   */
  public record Timing(int batch, Duration lease, Duration inDoubt) {}

  /** Makes a stored file sendable on a channel (WhatsApp: upload it and send by media id). */
  @FunctionalInterface
  public interface AttachmentPreparer {
    Future<Attachment> prepare(InboundAccount account, Attachment a);
  }

  private final Vertx vertx;
  private final OutboxStore store;
  private final String nodeId;
  private final int batch;
  private final long leaseMs;
  private final long inDoubtMs;
  private final ClaimedRowSender sender;
  private final OutcomeWriter outcomes;
  private long pollTimer = -1;
  private long staleTimer = -1;
  private long renewTimer = -1;
  private volatile boolean running;
  /** Claimed rows not closed yet (outcome not written): a stopping node waits for them. */
  private final AtomicInteger open = new AtomicInteger();
  /**
   * Claimed rows whose send has no outcome yet. A node claims again while fewer than two batches are unsent, so that
   * one batch is sent while the next is claimed and a slow send (a time-out) holds up only itself: the rate limit, not
   * the claim, paces. Rows already sent and waiting for their mark to be written do not count: a write that takes a
   * while (the database busy with a fan-out) must not leave the sender with nothing to send.
   */
  private final AtomicInteger unsent = new AtomicInteger();
  private final AtomicBoolean claiming = new AtomicBoolean();

  public OutboxWorker(Vertx vertx, OutboxStore store, InboxService inboxes, RealtimeBroker broker,
      Map<String, ChannelSender> senders, String nodeId, DeliveryService delivery, SendRateLimiter limiter,
      Map<String, AttachmentPreparer> preparers, Timing timing) {
    this.vertx = vertx;
    this.store = store;
    this.nodeId = nodeId;
    this.batch = timing.batch();
    this.leaseMs = timing.lease().toMillis();
    this.inDoubtMs = timing.inDoubt().toMillis();
    this.sender = new ClaimedRowSender(inboxes, senders, preparers, limiter, new CampaignGate(store));
    this.outcomes = new OutcomeWriter(vertx, store, broker, delivery, nodeId, inDoubtMs, () -> running);
  }

  public void start() {
    running = true;
    pollTimer = vertx.setPeriodic(POLL_MS, t -> poll());
    renewTimer = vertx.setPeriodic(Math.max(200, leaseMs / 3), t -> store.renew(nodeId, leaseMs)
        .onFailure(e -> log.warn("outbox claims not renewed: {}", e.toString())));
    staleTimer = vertx.setPeriodic(Math.max(200, leaseMs / 3), t -> store.releaseStale(inDoubtMs)
        .onSuccess(n -> {
          if (n > 0) {
            log.warn("released {} outbox rows claimed by a node that stopped; in doubt for {} ms", n, inDoubtMs);
          }
        }));
  }

  /** Stops claiming and hands back what this node claimed but did not send. */
  public Future<Void> stop() {
    running = false;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(staleTimer);
    vertx.cancelTimer(renewTimer);
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + 10_000;
    vertx.setPeriodic(20, t -> {
      if ((open.get() == 0 && !claiming.get()) || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(t);
        drained.tryComplete();
      }
    });
    return drained.future().compose(v -> {
      List<Long> inFlight = outcomes.inFlight();
      return store.releaseMine(nodeId, inFlight, inDoubtMs).onSuccess(n -> {
        if (n > 0) {
          log.info("handed back {} claimed outbox rows ({} of them in flight, now in doubt)", n, inFlight.size());
        }
      });
    }).mapEmpty();
  }

  private void poll() {
    // Outcomes not yet written are bounded too, so that a database that stops taking them stops the claims.
    if (!running || unsent.get() >= 2 * batch || open.get() >= MAX_OPEN_BATCHES * batch
        || !claiming.compareAndSet(false, true)) {
      return;
    }
    long claimedAt = System.nanoTime();
    store.claim(nodeId, batch, leaseMs).onComplete(ar -> {
      if (ar.failed()) {
        claiming.set(false);
        log.warn("outbox poll failed: {}", ar.cause().toString());
        return;
      }
      List<OutboxStore.Claimed> claimed = ar.result();
      open.addAndGet(claimed.size());
      unsent.addAndGet(claimed.size());
      claiming.set(false);
      startSends(claimed, 0, claimedAt);
      if (claimed.size() == batch) {
        vertx.runOnContext(v -> poll());
      }
    });
  }

  /**
   * Starts a claimed batch a slice at a time, each slice in its own turn of the event loop: the rate limiter's pump
   * shares this loop, and a whole batch started at once would hold it for milliseconds, slots it would then lose.
   */
  private void startSends(List<OutboxStore.Claimed> claimed, int from, long claimedAt) {
    int to = Math.min(claimed.size(), from + SLICE);
    for (OutboxStore.Claimed c : claimed.subList(from, to)) {
      send(c, claimedAt).onComplete(done -> open.decrementAndGet());
    }
    if (to < claimed.size()) {
      vertx.runOnContext(v -> startSends(claimed, to, claimedAt));
    }
  }

  private Future<Void> send(OutboxStore.Claimed c, long claimedAt) {
    return sender.outcome(c, () -> handOff(c, claimedAt)).compose(result -> {
      // The node fell below two unsent batches: claim the next one now rather than at the next tick.
      if (unsent.decrementAndGet() == 2 * batch - 1) {
        vertx.runOnContext(v -> poll());
      }
      return outcomes.close(c, result);
    });
  }

  /**
   * Asked right before a row goes on the wire: null when it may go (it is then in flight), else why it goes back. A
   * stopping node hands nothing new to the provider; and a row is handed over only while its claim is surely still
   * ours: the claim was asked for at {@code claimedAt}, so the database's lease runs at least until then + lease. A row
   * that waited too long (an overloaded node, a slow database) goes back instead, since another node may already be
   * free to take it.
   */
  private String handOff(OutboxStore.Claimed c, long claimedAt) {
    if (!running) {
      return "node stopping";
    }
    if (System.nanoTime() - claimedAt >= leaseMs * 1_000_000 * 2 / 3) {
      return "claim too old";
    }
    outcomes.handedOff(c.id());
    return null;
  }
}
