package com.conecta.hub.operations.notify;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.connectors.email.SmtpSender;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.templates.RenderedTemplate;
import com.conecta.templates.TemplateCatalogue;
import com.conecta.templates.TemplateException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers pending notifications on every node: rows are claimed with SKIP LOCKED (two nodes never take the same
 * one), sent on their channel — in_app as a real-time event to the user, email over SMTP on a worker thread, whatsapp
 * as a template straight to the provider (never a conversation) — and closed as sent, retried with capped exponential backoff, or failed with the
 * error. A row whose node died while sending is handed back after its claim expires.
 */
public final class NotificationWorker {
  private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);
  public static final String EVENT = "notification.created";
  private static final int BATCH = 50;

  private final Vertx vertx;
  private final NotificationStore store;
  private final RealtimeBroker broker;
  private final SmtpSender smtp;
  private final ChannelSender whatsappSender;
  private final InboxService inboxes;
  private final TemplateCatalogue templates;
  private final HubConfig.Notifications settings;
  private final String nodeId;
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile boolean running;
  /** Sandbox mode without an SMTP server configured: the built-in mail server takes email notices. */
  private volatile HubConfig.Smtp sandboxSmtp;
  private long pollTimer = -1;
  private long staleTimer = -1;

  public NotificationWorker(Vertx vertx, NotificationStore store, RealtimeBroker broker, SmtpSender smtp,
      ChannelSender whatsappSender, InboxService inboxes, TemplateCatalogue templates,
      HubConfig.Notifications settings, String nodeId) {
    this.whatsappSender = whatsappSender;
    this.inboxes = inboxes;
    this.vertx = vertx;
    this.store = store;
    this.broker = broker;
    this.smtp = smtp;
    this.templates = templates;
    this.settings = settings;
    this.nodeId = nodeId;
  }

  public void start() {
    running = true;
    if (!settings.smtp().configured()) {
      log.warn("notifications.smtp.host is not set: email notifications are marked failed (smtp_not_configured), "
          + "unless the sandbox's mail server takes them");
    }
    pollTimer = vertx.setPeriodic(settings.pollMillis(), t -> poll());
    staleTimer = vertx.setPeriodic(30_000, t -> store.releaseStale()
        .onFailure(e -> log.warn("notification stale release failed: {}", e.toString())));
  }

  /**
   * Sandbox mode: when notifications.smtp.host is not set, email notices go to the built-in mail server (read them
   * over its IMAP as the user's address) instead of failing with smtp_not_configured.
   */
  public void useSandboxSmtp(String host, int port) {
    sandboxSmtp = new HubConfig.Smtp(host, port, "", "", "none", "avisos@demo.conecta.cl", "Conecta (sandbox)");
    if (!settings.smtp().configured()) {
      log.info("sandbox: email notifications go to the built-in mail server at {}:{}", host, port);
    }
  }

  private HubConfig.Smtp smtpSettings() {
    HubConfig.Smtp fallback = sandboxSmtp;
    return settings.smtp().configured() || fallback == null ? settings.smtp() : fallback;
  }

  public long pollTimer() {
    return pollTimer;
  }

  public long staleTimer() {
    return staleTimer;
  }

  /** Stops claiming, waits for the pass in flight and hands back anything still claimed by this node. */
  public Future<Void> stop() {
    running = false;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(staleTimer);
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + 10_000;
    vertx.setPeriodic(20, t -> {
      if (!polling.get() || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(t);
        drained.tryComplete();
      }
    });
    return drained.future().compose(v -> store.releaseMine(nodeId)).mapEmpty();
  }

  /** One pass: claims a batch and delivers it; another pass follows at once while batches come back full. */
  public Future<Integer> poll() {
    if (!running || !polling.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return store.claim(nodeId, BATCH)
        .compose(claimed -> {
          List<Future<Void>> each = new ArrayList<>();
          claimed.forEach(c -> each.add(deliver(c)));
          return Future.join(each).map(claimed.size());
        })
        .onComplete(ar -> {
          polling.set(false);
          if (ar.failed()) {
            log.warn("notification pass failed: {}", ar.cause().toString());
          } else if (ar.result() == BATCH) {
            vertx.runOnContext(v -> poll());
          }
        });
  }

  /** What one attempt came to. */
  private record Outcome(SendResult result) {
    static Outcome of(SendResult r) {
      return new Outcome(r);
    }
  }

  private Future<Void> deliver(NotificationStore.Claimed n) {
    Future<Outcome> attempt;
    try {
      attempt = switch (n.channel()) {
        case "in_app" -> inApp(n);
        case "email" -> email(n);
        case "whatsapp" -> whatsapp(n);
        default -> Future.succeededFuture(Outcome.of(SendResult.failed("unknown_channel", n.channel())));
      };
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt
        .recover(e -> Future.succeededFuture(Outcome.of(SendResult.retry(null, "internal", String.valueOf(e.getMessage())))))
        .compose(o -> close(n, o));
  }

  private Future<Void> close(NotificationStore.Claimed n, Outcome o) {
    SendResult r = o.result();
    return switch (r.outcome()) {
      case ACCEPTED -> store.sent(n.id(), r.providerMessageId());
      case FAILED -> {
        log.warn("notification {} ({}, {}) failed: {} {}", n.id(), n.channel(), n.kind(), r.errorCode(), r.errorTitle());
        yield store.failed(n.id(), r.errorCode(), r.errorTitle());
      }
      case RETRY -> n.attempts() >= settings.maxAttempts()
          ? store.failed(n.id(), r.errorCode(), "gave up after " + n.attempts() + " attempts: " + r.errorTitle())
          : store.retry(n.id(), backoff(n.attempts(), r.retryAfter()).toMillis(), r.errorCode(), r.errorTitle());
    };
  }

  /** Capped exponential backoff (2 s, 4 s, 8 s ... 10 min), or the server's own hint when longer. */
  static Duration backoff(int attempts, Duration hint) {
    Duration exp = Duration.ofSeconds(Math.min(600, 1L << Math.min(Math.max(attempts, 1), 10)));
    return hint != null && hint.compareTo(exp) > 0 ? hint : exp;
  }

  private Future<Outcome> inApp(NotificationStore.Claimed n) {
    if (n.userId() == null) {
      return Future.succeededFuture(Outcome.of(SendResult.failed("no_recipient", "in-app notifications need a user")));
    }
    // inboxId 0: the event is addressed by data.userId, not by inbox (EventStreamRoutes delivers it to that user).
    broker.publish(new HubEvent(EVENT, 0, n.payload().getLong("conversationId"), new JsonObject().put("id", n.id())
        .put("userId", n.userId()).put("kind", n.kind()).put("subject", n.subject()).put("body", n.body())
        .put("payload", n.payload()).put("createdAt", n.createdAt() == null ? null : n.createdAt().toString())));
    return Future.succeededFuture(Outcome.of(SendResult.accepted(null)));
  }

  private Future<Outcome> email(NotificationStore.Claimed n) {
    HubConfig.Smtp s = smtpSettings();
    if (!s.configured()) {
      return Future.succeededFuture(Outcome.of(SendResult.failed("smtp_not_configured",
          "no SMTP server is configured (notifications.smtp.host)")));
    }
    String to = n.toAddress() != null ? n.toAddress() : n.userEmail();
    if (to == null || to.isBlank()) {
      return Future.succeededFuture(Outcome.of(SendResult.failed("no_recipient", "the recipient has no email address")));
    }
    JsonObject account = new JsonObject().put("smtpHost", s.host()).put("smtpPort", s.port())
        .put("smtpSecurity", s.security()).put("fromAddress", s.from()).put("fromName", s.fromName());
    if (!s.username().isBlank()) {
      account.put("smtpUser", s.username()).put("smtpPassword", s.password());
    }
    JsonObject content = new JsonObject().put("subject", n.subject() == null ? n.kind() : n.subject());
    if (n.htmlBody() != null) {
      content.put("html", n.htmlBody());
    }
    OutboundMessage m = new OutboundMessage("email", s.from(), new ChannelIdentity(ChannelIdentity.EMAIL, to),
        ContentType.TEXT, n.body(), List.of(), content, null, null, "notification-" + n.id());
    // SmtpSender runs Jakarta Mail on a worker thread; the event loop only waits for its answer.
    return smtp.send(new InboundAccount(0, "email", s.from(), account), m).map(Outcome::of);
  }

  private Future<Outcome> whatsapp(NotificationStore.Claimed n) {
    String phone = n.toAddress() != null ? n.toAddress() : n.userPhone();
    String waId = phone == null ? "" : phone.replaceAll("[^0-9]", "");
    if (waId.length() < 8) {
      return Future.succeededFuture(Outcome.of(SendResult.failed("no_phone", "the recipient has no WhatsApp number")));
    }
    JsonObject t = n.payload().getJsonObject("template");
    if (t == null || t.getString("name") == null) {
      return Future.succeededFuture(Outcome.of(SendResult.failed("no_template", "payload.template is missing")));
    }
    RenderedTemplate rendered;
    try {
      List<String> params = new ArrayList<>();
      JsonArray given = t.getJsonArray("params", new JsonArray());
      for (int i = 0; i < given.size(); i++) {
        params.add(String.valueOf(given.getValue(i)));
      }
      rendered = templates.render(t.getString("name"), t.getString("language", n.userLocale()), params);
    } catch (TemplateException e) {
      return Future.succeededFuture(Outcome.of(SendResult.failed(e.code(), e.getMessage())));
    }
    JsonObject content = new JsonObject().put("name", rendered.name()).put("language", rendered.languageCode())
        .put("components", new JsonArray(new ArrayList<>(rendered.components()))).put("notificationId", n.id());
    // A notice to one of our own people is not a conversation: it goes straight to the provider from the sending
    // number, so that the user's phone never becomes a customer contact, an assigned conversation or a report row.
    return store.whatsappInbox(settings.whatsappPhoneNumberId())
        .compose(sending -> sending == null ? Future.succeededFuture(null) : inboxes.byId(sending.id()))
        .compose(inbox -> inbox == null
            ? Future.succeededFuture(Outcome.of(SendResult.failed("no_whatsapp_inbox", "there is no WhatsApp inbox to send from")))
            : whatsappSender.send(new InboundAccount(inbox.id(), inbox.channel(), inbox.channelAccountId(), inbox.settings()),
                new OutboundMessage("whatsapp", inbox.channelAccountId(), new ChannelIdentity(ChannelIdentity.WHATSAPP, waId),
                    ContentType.TEMPLATE, rendered.preview(), List.of(), content, null, null, "notification:" + n.id()))
                .map(Outcome::of));
  }
}
