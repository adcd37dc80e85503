package com.conecta.hub.channels.whatsapp;

import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.StatusUpdate;
import com.conecta.connectors.whatsapp.WebhookPayloadException;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.whatsapp.WhatsAppWebhook;
import com.conecta.connectors.whatsapp.WhatsAppWebhookParser;
import com.conecta.hub.messaging.delivery.DeliveryService;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.inbox.IngestService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /webhooks/whatsapp}: Meta's verification handshake and event delivery. The signature is checked
 * on the raw bytes before parsing; the answer is 200 only once every message of the POST is stored; a POST that
 * cannot be taken whole stores nothing.
 */
public final class WhatsAppWebhookRoutes {
  private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookRoutes.class);
  private static final long MAX_BODY = 3L * 1024 * 1024;

  private final WhatsAppSignature.Verifier signatures;
  private final String verifyToken;
  private final WhatsAppWebhookParser parser = new WhatsAppWebhookParser();
  private final InboxService inboxes;
  private final IngestService ingest;
  private final DeliveryService delivery;
  private final MeterRegistry metrics;
  /** The stored-webhook counter, registered once (a lookup by name and tags per webhook showed in the CPU profile). */
  private final io.micrometer.core.instrument.Counter storedCount;
  /** Account events other than messages (template reviews, quality...), applied before the 200. */
  private final java.util.function.Function<JsonObject, Future<Void>> accountEvents;

  /**
   * @param accountEvents who applies the webhook's account events ({@code message_template_status_update} and the
   *     like)
   */
  public WhatsAppWebhookRoutes(String appSecret, String verifyToken, InboxService inboxes, IngestService ingest,
      DeliveryService delivery, MeterRegistry metrics,
      java.util.function.Function<JsonObject, Future<Void>> accountEvents) {
    this.accountEvents = accountEvents;
    this.signatures = new WhatsAppSignature.Verifier(appSecret);
    this.verifyToken = verifyToken;
    this.inboxes = inboxes;
    this.ingest = ingest;
    this.delivery = delivery;
    this.metrics = metrics;
    this.storedCount = metrics.counter("conecta_whatsapp_webhooks_total", "result", "stored");
  }

  public void register(Router router) {
    router.get("/webhooks/whatsapp").handler(this::handshake);
    router.post("/webhooks/whatsapp").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::event).failureHandler(ctx -> refuse(ctx, ctx.statusCode() == 413 ? 413 : 400,
            ctx.statusCode() == 413 ? "payload_too_large" : "bad_request", "the body could not be read"));
  }

  private void handshake(RoutingContext ctx) {
    var q = ctx.queryParams();
    WhatsAppSignature.handshake(q.get("hub.mode"), q.get("hub.verify_token"), q.get("hub.challenge"), verifyToken)
        .ifPresentOrElse(challenge -> ctx.response().putHeader("content-type", "text/plain").end(challenge), () -> {
          count("handshake_refused");
          log.warn("whatsapp webhook handshake refused: wrong mode or verify token");
          ctx.response().setStatusCode(403).end();
        });
  }

  private void event(RoutingContext ctx) {
    Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      refuse(ctx, 400, "empty_body", "the body is empty");
      return;
    }
    if (!signatures.verify(raw.getBytes(), ctx.request().getHeader("X-Hub-Signature-256"))) {
      refuse(ctx, 401, "bad_signature", "X-Hub-Signature-256 is missing or does not match the body");
      return;
    }
    WhatsAppWebhook webhook;
    try {
      webhook = parser.parse(raw);
    } catch (WebhookPayloadException e) {
      refuse(ctx, 400, "malformed_payload", e.getMessage());
      return;
    }
    Set<String> numbers = new TreeSet<>();
    webhook.messages().forEach(m -> numbers.add(m.channelAccountId()));
    webhook.statuses().forEach(s -> numbers.add(s.channelAccountId()));
    Map<String, Inbox> byNumber = new HashMap<>();
    List<Future<Inbox>> lookups = new ArrayList<>();
    for (String number : numbers) {
      lookups.add(inboxes.byChannelAccount("whatsapp", number).onSuccess(i -> {
        if (i != null) {
          synchronized (byNumber) {
            byNumber.put(number, i);
          }
        }
      }));
    }
    Future.all(lookups)
        .compose(v -> {
          List<String> unknown = numbers.stream().filter(n -> !byNumber.containsKey(n)).toList();
          if (!unknown.isEmpty()) {
            refuse(ctx, 404, "unknown_phone_number_id", "no inbox has phone_number_id " + String.join(", ", unknown));
            return Future.succeededFuture();
          }
          List<Future<?>> stored = new ArrayList<>();
          for (InboundMessage m : webhook.messages()) {
            stored.add(ingest.ingest(byNumber.get(m.channelAccountId()), m));
          }
          return Future.all(stored)
              .compose(x -> {
                List<Future<Void>> applied = new ArrayList<>();
                for (StatusUpdate s : webhook.statuses()) {
                  applied.add(delivery.apply(byNumber.get(s.channelAccountId()), s));
                }
                return Future.all(applied);
              })
              .compose(x -> Future.all(webhook.otherEvents().stream().map(e -> accountEvents.apply(e)).toList()))
              .onSuccess(x -> {
                webhook.otherEvents().forEach(e -> log.info("whatsapp account event: {}", e.getString("field")));
                storedCount.increment();
                ctx.response().setStatusCode(200).end();
              });
        })
        .onFailure(e -> {
          log.error("whatsapp webhook could not be stored; Meta will retry", e);
          count("store_failed");
          if (!ctx.response().ended()) {
            ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("code", "unavailable")
                    .put("message", "could not store the event now; retry")).encode());
          }
        });
  }

  private void refuse(RoutingContext ctx, int status, String code, String message) {
    count(code);
    log.warn("whatsapp webhook refused ({} {}): {}", status, code, message);
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
          .end(new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode());
    }
  }

  private void count(String result) {
    metrics.counter("conecta_whatsapp_webhooks_total", "result", result).increment();
  }
}
