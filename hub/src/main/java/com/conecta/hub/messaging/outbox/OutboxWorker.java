package com.conecta.hub.messaging.outbox;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.hub.messaging.inbox.AttachmentJson;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: claims due rows with SKIP LOCKED (so any number of nodes share the work without
 * double sends), hands each to its channel's sender, and closes it with the provider's id, a retry time or a failure.
 */
public final class OutboxWorker {
  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  private static final int MAX_ATTEMPTS = 10;
  private static final long POLL_MS = 100;
  private static final int SLICE = 20;
  private static final int MAX_OPEN_BATCHES = 10;

  private final Vertx vertx;
  private final OutboxStore store;
  private final InboxService inboxes;
  private final RealtimeBroker broker;
  private final Map<String, ChannelSender> senders;
  private final String nodeId;
  private final SentMarks sentMarks;
  private final com.conecta.hub.messaging.sending.SendRateLimiter limiter;
  private final int batch;
  private final CampaignGate campaigns;
  private long pollTimer = -1;
  private long staleTimer = -1;
  private long renewTimer = -1;
  /** How long a claim lives without renewal; a node renews its claims every third of it. */
  private long leaseMs = 30_000;
  /** How long a send whose outcome is unknown waits for the provider's status webhook before it is sent again. */
  private long inDoubtMs = 30_000;
  /** Rows whose request has gone to the provider and whose outcome is not written yet. */
  private final java.util.Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  /** Claimed rows not closed yet (outcome not written): a stopping node waits for them. */
  private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
  /**
   * Claimed rows whose send has no outcome yet. A node claims again while fewer than two batches are unsent, so that
   * one batch is sent while the next is claimed and a slow send (a time-out) holds up only itself: the rate limit, not
   * the claim, paces. Rows already sent and waiting for their mark to be written do not count: a write that takes a
   * while (the database busy with a fan-out) must not leave the sender with nothing to send.
   */
  private final java.util.concurrent.atomic.AtomicInteger unsent = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean claiming = new java.util.concurrent.atomic.AtomicBoolean();

  public OutboxWorker(Vertx vertx, OutboxStore store, InboxService inboxes, RealtimeBroker broker,
      Map<String, ChannelSender> senders, String nodeId, int batch, com.conecta.hub.messaging.delivery.DeliveryService delivery,
      com.conecta.hub.messaging.sending.SendRateLimiter limiter) {
    this.sentMarks = new SentMarks(vertx, store, delivery);
    this.limiter = limiter;
    this.vertx = vertx;
    this.store = store;
    this.inboxes = inboxes;
    this.broker = broker;
    this.senders = Map.copyOf(senders);
    this.nodeId = nodeId;
    this.batch = batch;
    this.campaigns = new CampaignGate(store);
  }

  /** The claim lease and the in-doubt wait (config outbox.lease-seconds, outbox.in-doubt-seconds). */
  public OutboxWorker timing(java.time.Duration lease, java.time.Duration inDoubt) {
    this.leaseMs = lease.toMillis();
    this.inDoubtMs = inDoubt.toMillis();
    return this;
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
    io.vertx.core.Promise<Void> drained = io.vertx.core.Promise.promise();
    long deadline = System.currentTimeMillis() + 10_000;
    long timer = vertx.setPeriodic(20, t -> {
      if ((open.get() == 0 && !claiming.get()) || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(t);
        drained.tryComplete();
      }
    });
    return drained.future().compose(v -> store.releaseMine(nodeId, List.copyOf(inFlight), inDoubtMs))
        .onSuccess(n -> {
          if (n > 0) {
            log.info("handed back {} claimed outbox rows ({} of them in flight, now in doubt)", n, inFlight.size());
          }
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

  /**
   * A row is handed to the provider only while its claim is surely still ours: the claim was asked for at
   * {@code claimedAt}, so the database's lease runs at least until then + lease. A row that waited too long (an
   * overloaded node, a slow database) goes back instead, since another node may already be free to take it.
   */
  private boolean claimStillOurs(long claimedAt) {
    return System.nanoTime() - claimedAt < leaseMs * 1_000_000 * 2 / 3;
  }

  private Future<Void> send(OutboxStore.Claimed c, long claimedAt) {
    return outcome(c, claimedAt).compose(result -> {
      // The node fell below two unsent batches: claim the next one now rather than at the next tick.
      if (unsent.decrementAndGet() == 2 * batch - 1) {
        vertx.runOnContext(v -> poll());
      }
      return close(c, result);
    });
  }

  /** Sends one claimed row and answers what came of it; never fails. */
  private Future<SendResult> outcome(OutboxStore.Claimed c, long claimedAt) {
    ChannelSender sender = senders.get(c.channel());
    if (sender == null) {
      return Future.succeededFuture(SendResult.failed("channel_unavailable",
          "no sender is configured for channel " + c.channel()));
    }
    OutboxStore.Details d = c.details();
    if (d == null) {
      return Future.succeededFuture(SendResult.failed("message_missing", "message " + c.messageId() + " no longer exists"));
    }
    return inboxes.byId(c.inboxId())
        .compose(inbox -> {
          ChannelIdentity to = recipient(c.channel(), d.identities());
          if (to == null) {
            return Future.succeededFuture(SendResult.failed("no_recipient",
                "the contact has no identity on channel " + c.channel()));
          }
          InboundAccount account = new InboundAccount(inbox.id(), inbox.channel(), inbox.channelAccountId(),
              inbox.settings());
          int rate = inbox.settings().getInteger("sendRatePerSecond", defaultRate(inbox.channel()));
          // A campaign paused or cancelled while this row waited does not send it.
          Future<Boolean> go = c.campaignId() == null ? Future.succeededFuture(true) : campaigns.running(c.campaignId());
          return go.compose(ok -> !ok ? Future.succeededFuture(DEFERRED.apply(java.time.Duration.ofMillis(500)))
              : prepared(account, toOutbound(c, d, inbox, to)).compose(m -> sendInTurn(c, claimedAt, account, m, rate,
                  sender)));
        })
        .recover(e -> {
          log.warn("outbox {} send crashed: {}", c.id(), e.toString());
          return Future.succeededFuture(SendResult.retry(Duration.ofSeconds(5), "internal", e.toString()));
        });
  }

  /**
   * Waits for the sending number's next slot and sends at once: the rate limiter is the last step before the wire,
   * so that nothing slow (a database query, an upload) sits between the slot and the provider's clock.
   */
  private Future<SendResult> sendInTurn(OutboxStore.Claimed c, long claimedAt, InboundAccount account,
      OutboundMessage m, int rate, ChannelSender sender) {
    Future<java.time.Duration> slot = rate > 0
        ? limiter.acquire(account.channel() + ":" + account.channelAccountId(), rate) : Future.succeededFuture();
    return slot.compose(later -> {
      if (later != null) {
        return Future.succeededFuture(DEFERRED.apply(later));
      }
      // A stopping node finishes what is in flight but hands nothing new to the provider: the rest goes back to the
      // queue for the other nodes at once.
      if (!running || !claimStillOurs(claimedAt)) {
        log.debug("outbox {} handed back unsent ({})", c.id(), running ? "claim too old" : "node stopping");
        return Future.succeededFuture(DEFERRED.apply(java.time.Duration.ofMillis(1)));
      }
      inFlight.add(c.id());
      return sender.send(account, m);
    });
  }

  /** Makes a stored file sendable on a channel (WhatsApp: upload it and send by media id). */
  @FunctionalInterface
  public interface AttachmentPreparer {
    Future<com.conecta.connectors.Attachment> prepare(InboundAccount account, com.conecta.connectors.Attachment a);
  }

  private Map<String, AttachmentPreparer> preparers = Map.of();

  public void preparers(Map<String, AttachmentPreparer> byChannel) {
    this.preparers = Map.copyOf(byChannel);
  }

  private Future<OutboundMessage> prepared(InboundAccount account, OutboundMessage m) {
    AttachmentPreparer p = preparers.get(m.channel());
    if (p == null || m.attachments().isEmpty()) {
      return Future.succeededFuture(m);
    }
    List<Future<com.conecta.connectors.Attachment>> each = m.attachments().stream().map(a -> p.prepare(account, a)).toList();
    return Future.all(each).map(all -> new OutboundMessage(m.channel(), m.channelAccountId(), m.to(), m.contentType(),
        m.text(), each.stream().map(Future::result).toList(), m.content(), m.replyToProviderMessageId(), m.thread(),
        m.idempotencyKey()));
  }

  /** Not an attempt: the row goes back untouched (the rate limit is ahead, or its campaign stopped). */
  private static final java.util.function.Function<java.time.Duration, SendResult> DEFERRED =
      d -> new SendResult(SendResult.Outcome.RETRY, null, d, "deferred", null);

  /**
   * Writes the outcome. This node alone knows it, so a write that fails (the database restarting) is tried again
   * while the node lives, rather than leaving the row to be found in doubt.
   */
  private Future<Void> close(OutboxStore.Claimed c, SendResult r) {
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

  /** Error codes of sends that got no answer: the request may have reached the provider. */
  private static final java.util.Set<String> AMBIGUOUS = java.util.Set.of("network");

  private static final int MAX_WRITE_TRIES = 240;

  private <T> Future<T> persistently(java.util.function.Supplier<Future<T>> write, int tries) {
    return write.get().recover(e -> {
      if (tries >= MAX_WRITE_TRIES || (!running && tries >= 20)) {
        log.error("outbox outcome not written after {} tries: {}", tries + 1, e.toString());
        return Future.failedFuture(e);
      }
      if (tries == 0) {
        log.warn("outbox outcome not written ({}); trying again", e.toString());
      }
      io.vertx.core.Promise<T> again = io.vertx.core.Promise.promise();
      vertx.setTimer(500, t -> persistently(write, tries + 1).onComplete(again));
      return again.future();
    });
  }

  /** Messages per second per sending number when the inbox does not say: Meta's default for WhatsApp. */
  static int defaultRate(String channel) {
    return switch (channel) {
      case "whatsapp", "twilio" -> 80;
      case "email" -> 10;
      default -> 0;
    };
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

  static ChannelIdentity recipient(String channel, List<String> identities) {
    List<String> preferred = switch (channel) {
      case "whatsapp" -> List.of(ChannelIdentity.WHATSAPP, ChannelIdentity.WHATSAPP_BSUID);
      case "twilio" -> List.of(ChannelIdentity.WHATSAPP, ChannelIdentity.PHONE);
      case "email" -> List.of(ChannelIdentity.EMAIL);
      default -> List.of(ChannelIdentity.API);
    };
    for (String kind : preferred) {
      for (String id : identities) {
        if (id.startsWith(kind + ":")) {
          return new ChannelIdentity(kind, id.substring(kind.length() + 1));
        }
      }
    }
    return null;
  }

  private static OutboundMessage toOutbound(OutboxStore.Claimed c, OutboxStore.Details d, Inbox inbox, ChannelIdentity to) {
    List<com.conecta.connectors.Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < d.attachments().size(); i++) {
      attachments.add(AttachmentJson.fromJson(d.attachments().getJsonObject(i)));
    }
    ContentType type;
    try {
      type = ContentType.fromWire(d.contentType());
    } catch (IllegalArgumentException e) {
      type = ContentType.TEXT;
    }
    return new OutboundMessage(inbox.channel(), inbox.channelAccountId(), to, type, d.text(), attachments, d.content(),
        d.replyToProviderId(), null, c.idempotencyKey());
  }
}
