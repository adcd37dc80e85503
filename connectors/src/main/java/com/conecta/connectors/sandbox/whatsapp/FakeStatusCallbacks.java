package com.conecta.connectors.sandbox.whatsapp;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signed status webhooks the fake posts to the hub after a send (sent, delivered, read — or failed), as Meta does:
 * after a delay, to the current callback URL, posted again with backoff when retries are on and the hub does not take
 * them.
 */
final class FakeStatusCallbacks {
  private final Vertx vertx;
  private final WebClient client;
  private volatile String callbackUrl;
  private volatile String appSecret;
  private volatile boolean autoRead = true;
  private volatile long statusDelayMs = 50;
  private volatile boolean retryCallbacks;
  private volatile boolean onlySentStatus;
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong taken = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();

  FakeStatusCallbacks(Vertx vertx) {
    this.vertx = vertx;
    // Enough connections that status webhooks keep up with thousands of sends a second instead of queueing.
    this.client = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions(),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
  }

  void to(String webhookUrl, String secret) {
    this.callbackUrl = webhookUrl;
    this.appSecret = secret;
  }

  void autoRead(boolean read) {
    this.autoRead = read;
  }

  void statusDelayMs(long ms) {
    this.statusDelayMs = ms;
  }

  void retry(boolean retry) {
    this.retryCallbacks = retry;
  }

  void onlySentStatus(boolean only) {
    this.onlySentStatus = only;
  }

  long[] takenAndAbandoned() {
    return new long[] {taken.get(), abandoned.get()};
  }

  long retries() {
    return retries.get();
  }

  /** The statuses an accepted send brings back: failed for a failing recipient, else sent, delivered and read. */
  void afterSend(String phoneNumberId, String wamid, String to, Integer failCode, String opaque) {
    if (failCode != null) {
      status(phoneNumberId, wamid, to, "failed", failCode, "Message undeliverable", statusDelayMs, opaque);
    } else {
      status(phoneNumberId, wamid, to, "sent", null, null, statusDelayMs, opaque);
      if (!onlySentStatus) {
        status(phoneNumberId, wamid, to, "delivered", null, null, statusDelayMs * 2, opaque);
        if (autoRead) {
          status(phoneNumberId, wamid, to, "read", null, null, statusDelayMs * 3, opaque);
        }
      }
    }
  }

  private void status(String phoneNumberId, String wamid, String to, String status, Integer code, String title,
      long delayMs, String opaque) {
    Buffer payload = WhatsAppPayloads.status(phoneNumberId, wamid, to, status, code, title, opaque).toBuffer();
    post(payload, Math.max(1, delayMs), 0);
  }

  /** A status webhook without callback data, posted after {@code delayMs}. */
  void status(String phoneNumberId, String wamid, String to, String status, Integer code, String title, long delayMs) {
    Buffer payload = WhatsAppPayloads.status(phoneNumberId, wamid, to, status, code, title).toBuffer();
    post(payload, Math.max(1, delayMs), 0);
  }

  /** Posts {@code payload} signed to the current callback URL after {@code delayMs}. */
  void post(Buffer payload, long delayMs) {
    post(payload, delayMs, 0);
  }

  /** Posts to the current callback URL; with retries on, a refusal or no answer is posted again later. */
  private void post(Buffer payload, long delayMs, int attempt) {
    vertx.setTimer(delayMs, t -> {
      String url = callbackUrl;
      String secret = appSecret;
      if (url == null || secret == null) {
        return;
      }
      client.postAbs(url).timeout(30_000)
          .putHeader("content-type", "application/json")
          .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(secret, payload.getBytes()))
          .sendBuffer(payload)
          .onComplete(ar -> {
            if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
              taken.incrementAndGet();
            } else if (retryCallbacks && attempt < 40) {
              retries.incrementAndGet();
              post(payload, Math.min(5_000, 200L << Math.min(attempt, 5)), attempt + 1);
            } else {
              abandoned.incrementAndGet();
            }
          });
    });
  }
}
