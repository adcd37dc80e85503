package com.conecta.hub.foundation.webhook;

import com.conecta.hub.foundation.secrets.SecretBox;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts webhook deliveries: claims due rows (SKIP LOCKED, with a lease longer than one attempt), signs and posts each
 * with a time limit, and closes it as delivered, to be tried again after its back-off, or given up; failures count
 * towards the subscription's switch-off. It has its own HTTP client and at most {@code concurrency} attempts in
 * flight, and it runs on a background verticle: a subscriber that is down or slow holds only this worker's slots,
 * never ingest's connections or event loops.
 */
public final class WebhookDeliveryWorker {
  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryWorker.class);
  private final Vertx vertx;
  private final WebhookDeliveryStore store;
  private final SecretBox box;
  private final WebhookSettings settings;
  private final WebhookSwitchOffNotices notices;
  private final String nodeId;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean claiming = new AtomicBoolean();
  private WebClient client;
  private volatile boolean running;
  private long pollTimer = -1;
  private long staleTimer = -1;

  WebhookDeliveryWorker(Vertx vertx, WebhookDeliveryStore store, SecretBox box, WebhookSettings settings,
      WebhookSwitchOffNotices notices, String nodeId) {
    this.vertx = vertx;
    this.store = store;
    this.box = box;
    this.settings = settings;
    this.notices = notices;
    this.nodeId = nodeId;
  }

  /** Called on the background verticle's context, so its client and timers belong to that verticle. */
  public void start() {
    running = true;
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Conecta-Webhooks/1").setFollowRedirects(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeoutMs())).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(settings.concurrency()));
    pollTimer = vertx.setPeriodic(settings.pollMs(), t -> poll());
    staleTimer = vertx.setPeriodic(Math.max(1000, settings.leaseMs() / 3), t -> store.releaseStale().onSuccess(n -> {
      if (n > 0) {
        log.warn("released {} webhook deliveries claimed by a node that stopped", n);
      }
    }));
  }

  /** Stops claiming, lets the attempts in flight end (each is time-limited), hands back anything left. */
  public Future<Void> stop() {
    running = false;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(staleTimer);
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + settings.timeoutMs() + 1000;
    vertx.setPeriodic(20, t -> {
      if ((inFlight.get() == 0 && !claiming.get()) || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(t);
        drained.tryComplete();
      }
    });
    return drained.future().compose(v -> store.releaseMine(nodeId)).<Void>mapEmpty().andThen(x -> {
      if (client != null) {
        client.close();
      }
    });
  }

  private void poll() {
    int free = settings.concurrency() - inFlight.get();
    if (!running || free <= 0 || !claiming.compareAndSet(false, true)) {
      return;
    }
    store.claim(nodeId, free, settings.leaseMs()).onComplete(ar -> {
      claiming.set(false);
      if (ar.failed()) {
        log.warn("webhook poll failed: {}", ar.cause().toString());
        return;
      }
      List<WebhookDeliveryStore.Claimed> claimed = ar.result();
      claimed.forEach(this::attempt);
      // A full claim means more may be due: look again now rather than a poll interval later.
      if (claimed.size() == free && running) {
        vertx.runOnContext(v -> poll());
      }
    });
  }

  private void attempt(WebhookDeliveryStore.Claimed c) {
    inFlight.incrementAndGet();
    Future<HttpResponse<Void>> sent;
    try {
      String timestamp = String.valueOf(Instant.now().getEpochSecond());
      Buffer body = Buffer.buffer(c.body());
      sent = client.postAbs(c.url()).timeout(settings.timeoutMs())
          .putHeader("content-type", "application/json; charset=utf-8")
          .putHeader("X-Conecta-Event", c.eventType())
          .putHeader("X-Conecta-Event-Id", c.eventId())
          .putHeader("X-Conecta-Delivery", String.valueOf(c.id()))
          .putHeader("X-Conecta-Timestamp", timestamp)
          .putHeader("X-Conecta-Signature", WebhookSignature.sign(box.open(c.sealedSecret()), timestamp, body.getBytes()))
          // What the subscriber answers is not read: a huge answer costs nothing here.
          .as(BodyCodec.none())
          .sendBuffer(body);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.transform(ar -> close(c, ar)).onComplete(ar -> {
      inFlight.decrementAndGet();
      if (ar.failed()) {
        log.warn("webhook delivery {} outcome not written: {}", c.id(), ar.cause().toString());
      }
    });
  }

  private Future<Void> close(WebhookDeliveryStore.Claimed c, AsyncResult<HttpResponse<Void>> ar) {
    if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
      return store.delivered(c.id(), c.subscriptionId(), ar.result().statusCode());
    }
    Integer code = ar.succeeded() ? ar.result().statusCode() : null;
    String error = ar.succeeded() ? "HTTP " + code : describe(ar.cause());
    long retryIn = WebhookBackoff.delayMs(c.attempts(), settings.backoffBaseMs(), settings.backoffMaxMs(),
        ThreadLocalRandom.current().nextDouble());
    log.info("webhook delivery {} ({} to subscription {}) attempt {} failed: {}", c.id(), c.eventType(),
        c.subscriptionId(), c.attempts(), error);
    return store.pool().withTransaction(tx -> store.attemptFailed(tx, c.id(), c.subscriptionId(), code, error, retryIn,
            settings, "failed " + error)
        .compose(off -> {
          if (off == null) {
            return Future.<Void>succeededFuture();
          }
          log.warn("webhook subscription {} switched off after {} failed deliveries in a row", off.id(), off.failures());
          return notices.switchedOff(tx, off);
        }));
  }

  private String describe(Throwable e) {
    if (e instanceof TimeoutException || String.valueOf(e.getMessage()).contains("timeout")) {
      return "no answer within " + settings.timeoutMs() + " ms";
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.length() > 300 ? m.substring(0, 300) : m;
  }
}
