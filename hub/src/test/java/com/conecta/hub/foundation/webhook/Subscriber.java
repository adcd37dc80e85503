package com.conecta.hub.foundation.webhook;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An integrator's endpoint for the tests: a real HTTP server that records every request and answers with the status
 * its rule gives for the n-th request carrying the same event id (0 = never answer).
 */
final class Subscriber {
  record Received(MultiMap headers, String body, long atNanos) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final List<Received> received;
  private final HttpServer server;

  private Subscriber(List<Received> received, HttpServer server) {
    this.received = received;
    this.server = server;
  }

  static Subscriber start(Vertx vertx, IntUnaryOperator statusForNth) {
    List<Received> log = new CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      log.add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), b.toString(StandardCharsets.UTF_8),
          System.nanoTime()));
      String event = req.getHeader("X-Conecta-Event-Id");
      int status = statusForNth.applyAsInt((int) log.stream().filter(r -> java.util.Objects.equals(event,
          r.headers().get("X-Conecta-Event-Id"))).count());
      if (status > 0) {
        req.response().setStatusCode(status).end("ok");
      }
    }));
    server.listen(0, "127.0.0.1").await();
    return new Subscriber(log, server);
  }

  /** Every request so far, oldest first. */
  List<Received> all() {
    return received;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  void close() {
    server.close().await();
  }

  /** The signature as an integrator checks it, computed here without the hub's code. */
  static String expectedSignature(String secret, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
