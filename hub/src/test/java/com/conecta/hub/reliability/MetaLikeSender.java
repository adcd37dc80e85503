package com.conecta.hub.reliability;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts signed WhatsApp message webhooks the way Meta does: a webhook not answered 2xx in time (an error, a refused
 * connection, a time-out) is posted again with backoff until it is. Counts what was acknowledged and refused.
 */
final class MetaLikeSender {
  static final String SECRET = "reliability-app-secret";

  private final Vertx vertx;
  private final WebClient client;
  private volatile int port;
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong refusals = new AtomicLong();
  final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  MetaLikeSender(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2_000),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
  }

  void port(int port) {
    this.port = port;
  }

  /** Sends {@code count} texts ({@code prefix}-i, from {@code contacts} customers), {@code parallel} at a time. */
  Future<Void> send(String phoneNumberId, String prefix, int count, int contacts, int parallel) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int l = 0; l < parallel; l++) {
      lanes.add(lane(phoneNumberId, prefix, count, contacts, next));
    }
    return Future.all(lanes).mapEmpty();
  }

  private Future<Void> lane(String phoneNumberId, String prefix, int count, int contacts, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= count) {
      return Future.succeededFuture();
    }
    String wamid = prefix + "-" + i;
    Buffer body = WhatsAppPayloads.text(phoneNumberId, "5698" + String.format("%07d", i % contacts),
        "Cliente " + (i % contacts), wamid, "mensaje " + i).toBuffer();
    return deliver(wamid, body, 0).compose(v -> lane(phoneNumberId, prefix, count, contacts, next));
  }

  /** One webhook until it is taken. */
  Future<Void> deliver(String wamid, Buffer body, int attempt) {
    attempts.incrementAndGet();
    return client.post(port, "127.0.0.1", "/webhooks/whatsapp").timeout(5_000)
        .putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body.getBytes()))
        .sendBuffer(body)
        .transform(ar -> {
          if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
            acknowledged.add(wamid);
            return Future.succeededFuture();
          }
          refusals.incrementAndGet();
          if (attempt > 200) {
            return Future.failedFuture("webhook " + wamid + " never taken: "
                + (ar.succeeded() ? ar.result().statusCode() : ar.cause().toString()));
          }
          Promise<Void> again = Promise.promise();
          vertx.setTimer(Math.min(2_000, 100L << Math.min(attempt, 5)), t -> deliver(wamid, body, attempt + 1).onComplete(again));
          return again.future();
        });
  }
}
