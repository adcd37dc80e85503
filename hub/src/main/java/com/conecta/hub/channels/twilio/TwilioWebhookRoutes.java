package com.conecta.hub.channels.twilio;

import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.StatusUpdate;
import com.conecta.connectors.twilio.TwilioSignature;
import com.conecta.connectors.twilio.TwilioWebhookParser;
import com.conecta.hub.messaging.delivery.DeliveryService;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.inbox.IngestService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/twilio} (inbound) and {@code /webhooks/twilio/status} (status callbacks): form posts whose
 * {@code X-Twilio-Signature} is checked against the public URL with the inbox's auth token.
 */
public final class TwilioWebhookRoutes {
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhookRoutes.class);
  private final String publicBaseUrl;
  private final TwilioWebhookParser parser = new TwilioWebhookParser();
  private final InboxService inboxes;
  private final IngestService ingest;
  private final DeliveryService delivery;
  private final MeterRegistry metrics;
  /** Registered once rather than looked up by name and tags for every webhook. */
  private final io.micrometer.core.instrument.Counter stored;

  public TwilioWebhookRoutes(String publicBaseUrl, InboxService inboxes, IngestService ingest, DeliveryService delivery,
      MeterRegistry metrics) {
    this.publicBaseUrl = publicBaseUrl;
    this.inboxes = inboxes;
    this.ingest = ingest;
    this.delivery = delivery;
    this.metrics = metrics;
    this.stored = metrics.counter("conecta_twilio_webhooks_total", "result", "stored");
  }

  public void register(Router router) {
    router.post("/webhooks/twilio*").handler(BodyHandler.create(false).setBodyLimit(256 * 1024));
    router.post("/webhooks/twilio").handler(ctx -> handle(ctx, "/webhooks/twilio", "To", true));
    router.post("/webhooks/twilio/status").handler(ctx -> handle(ctx, "/webhooks/twilio/status", "From", false));
  }

  private void handle(RoutingContext ctx, String path, String accountField, boolean inbound) {
    Map<String, String> params = new LinkedHashMap<>();
    ctx.request().formAttributes().forEach(e -> params.put(e.getKey(), e.getValue()));
    String account = params.get(accountField);
    if (account == null) {
      refuse(ctx, 400, "missing_field", "'" + accountField + "' is missing");
      return;
    }
    inboxes.byChannelAccount("twilio", account).compose(inbox -> {
      if (inbox == null) {
        refuse(ctx, 404, "unknown_account", "no Twilio inbox sends from " + account);
        return Future.succeededFuture();
      }
      if (!TwilioSignature.valid(inbox.settings().getString("authToken"), publicBaseUrl + path, params,
          ctx.request().getHeader("X-Twilio-Signature"))) {
        refuse(ctx, 401, "bad_signature", "X-Twilio-Signature is missing or does not match");
        return Future.succeededFuture();
      }
      Future<?> done;
      try {
        done = inbound ? ingest.ingest(inbox, parser.inbound(params)) : applyStatus(inbox, parser.status(params));
      } catch (IllegalArgumentException | NullPointerException e) {
        refuse(ctx, 400, "malformed_payload", String.valueOf(e.getMessage()));
        return Future.succeededFuture();
      }
      return done.onSuccess(v -> {
        stored.increment();
        ctx.response().putHeader("content-type", "text/xml").end("<Response/>");
      });
    }).onFailure(e -> {
      log.error("twilio webhook could not be stored; Twilio will retry", e);
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(503).end();
      }
    });
  }

  private Future<Void> applyStatus(Inbox inbox, StatusUpdate status) {
    return status == null ? Future.succeededFuture() : delivery.apply(inbox, status);
  }

  private void refuse(RoutingContext ctx, int status, String code, String message) {
    metrics.counter("conecta_twilio_webhooks_total", "result", code).increment();
    log.warn("twilio webhook refused ({} {}): {}", status, code, message);
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode());
  }
}
