package com.conecta.hub.marketing.satisfaction;

import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.runtime.DueItemsPass;
import com.conecta.hub.messaging.inbox.IngestService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.Page;
import com.conecta.templates.RenderedTemplate;
import com.conecta.templates.TemplateCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After sale: when an order is delivered or a ticket resolved, the customer is asked once (template
 * encuesta_satisfaccion; the order or ticket is the idempotency key) to rate us 1–5. A reply in that conversation
 * within the answer window that reads as a score (a quick-reply tap, "4", "5/5", "3 estrellas") is stored with the
 * conversation, agent, team and inbox; 4–5 get the review request (template solicitud_resena with the configured
 * URL), 1–3 a short thank-you. Anything else, or anything after the window, is an ordinary message.
 */
public record SatisfactionService(SatisfactionStore store, TemplateCatalogue templates, RealtimeBroker broker,
    HubConfig.Satisfaction settings, DueItemsPass pass) {
  private static final Logger log = LoggerFactory.getLogger(SatisfactionService.class);
  private static final Pattern SCORE = Pattern.compile(
      "^([1-5])\\s*(/\\s*5|de 5|of 5|estrellas?|stars?|puntos?|excelente|excellent|muy buena?|buena?|bueno|good|regular|fair"
          + "|mala?|malo|poor|muy mala?)?\\s*[.!]*$");
  private static final Map<String, String> THANKS = Map.of(
      "es", "Gracias por su respuesta. La revisaremos para mejorar nuestra atención.",
      "en", "Thank you for your answer. We will review it to improve our service.");

  /** With a pass guard of its own, so this node never runs two of these passes at once. */
  public SatisfactionService(SatisfactionStore store, TemplateCatalogue templates, RealtimeBroker broker,
      HubConfig.Satisfaction settings) {
    this(store, templates, broker, settings, new DueItemsPass());
  }

  /** One pass on this node: asks every customer whose order was delivered or ticket resolved and was not asked. */
  public Future<Integer> tick() {
    if (!settings.enabled()) {
      return Future.succeededFuture(0);
    }
    return pass.run(() -> store.due("order", settings.lookbackDays(), settings.delayMinutes())
        .compose(orders -> store.due("ticket", settings.lookbackDays(), settings.delayMinutes()).map(tickets -> {
          List<SatisfactionStore.Due> all = new ArrayList<>(orders);
          all.addAll(tickets);
          return all;
        }))
        .compose(all -> DueItemsPass.sendEach(all, this::ask, (d, e) -> log.warn(
            "satisfaction survey for {} {} not sent: {}", d.sourceType(), d.sourceId(), e.toString()))));
  }

  private Future<Boolean> ask(SatisfactionStore.Due d) {
    String lang = "en".equals(d.language()) ? "en" : "es";
    RenderedTemplate rendered = templates.render("encuesta_satisfaccion", lang, List.of(oneLine(d.name())));
    JsonObject content = template(rendered).put("satisfaction", d.sourceType() + ":" + d.sourceId());
    return store.pool().withTransaction(conn -> store.claim(conn, d, settings.answerWindowHours()).compose(survey -> {
      if (survey == null) {
        return Future.succeededFuture(false);
      }
      return store.inboxFor(conn, d.conversationId(), settings.whatsappPhoneNumberId()).compose(inbox -> {
        if (inbox == null) {
          return Future.failedFuture("there is no WhatsApp inbox to ask from");
        }
        return store.send(conn, inbox.inboxId(), d.contactId(), inbox.teamId(), "template", rendered.preview(), content,
                "satisfaction:" + d.sourceType() + ":" + d.sourceId())
            .compose(q -> store.asked(conn, survey, q.conversationId(), inbox.inboxId(),
                q.teamId() != null ? q.teamId() : inbox.teamId(), q.messageId(), q.assigneeId()))
            .map(true);
      });
    }));
  }

  /** Ingest listener: reads a customer's reply as the answer to the survey open in that conversation, if it is one. */
  public Future<Void> accept(IngestService.Ingested in) {
    if (!in.result().created()) {
      return Future.succeededFuture();
    }
    Integer score = score(in.message());
    if (score == null) {
      return Future.succeededFuture();
    }
    long conv = in.result().conversationId();
    return store.openFor(conv, in.result().messageId())
        .compose(open -> open == null ? Future.<Void>succeededFuture() : answer(in, open, score))
        .onFailure(e -> log.warn("satisfaction answer in conversation {} not stored: {}", conv, e.toString()));
  }

  private Future<Void> answer(IngestService.Ingested in, SatisfactionStore.Open open, int score) {
    long conv = in.result().conversationId();
    long inboxId = in.inbox().id();
    boolean review = score >= 4 && !settings.reviewUrl().isBlank();
    String lang = "en".equals(open.language()) ? "en" : "es";
    return store.pool().withTransaction(conn -> store.answer(conn, open.surveyId(), score, in.result().messageId(), review)
        .compose(id -> {
          if (id == null) {
            return Future.succeededFuture();
          }
          if (review) {
            RenderedTemplate r = templates.render("solicitud_resena", lang, List.of(oneLine(open.name()), settings.reviewUrl()));
            return store.send(conn, inboxId, in.result().contactId(), in.inbox().teamId(), "template", r.preview(),
                template(r), "satisfaction-review:" + open.surveyId()).mapEmpty();
          }
          // The customer just wrote, so a plain text thank-you is inside WhatsApp's 24-hour window.
          return store.send(conn, inboxId, in.result().contactId(), in.inbox().teamId(), "text", THANKS.get(lang),
              new JsonObject(), "satisfaction-thanks:" + open.surveyId()).mapEmpty();
        }))
        .onSuccess(v -> broker.publish(new HubEvent("satisfaction.answered", inboxId, conv, new JsonObject()
            .put("conversationId", conv).put("score", score))))
        .mapEmpty();
  }

  /** The score a message gives, or null when it is not one (so it stays an ordinary message). */
  static Integer score(InboundMessage m) {
    String text = switch (m.contentType()) {
      case BUTTON_REPLY -> firstNonNull(m.content().getString("title"), m.content().getString("payload"), m.text());
      case INTERACTIVE_REPLY -> firstNonNull(m.content().getString("replyId"), m.content().getString("title"), m.text());
      case TEXT -> m.text();
      default -> null;
    };
    return score(text);
  }

  static Integer score(String text) {
    if (text == null || text.length() > 40) {
      return null;
    }
    String t = Normalizer.normalize(text.trim().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replaceAll("\\s+", " ");
    long stars = t.codePoints().filter(c -> c == 0x2B50).count();
    if (stars >= 1 && stars <= 5 && t.replace("\u2B50", "").replace("\uFE0F", "").isBlank()) {
      return (int) stars;
    }
    Matcher m = SCORE.matcher(t);
    return m.matches() ? Integer.parseInt(m.group(1)) : null;
  }

  public Future<Page<JsonObject>> list(String cursor, Long agentId, Long teamId, int limit) {
    Cursor c = Cursor.decode(cursor);
    return store.list(c == null ? null : c.id(), agentId, teamId, limit + 1)
        .map(rows -> Page.fromOneMore(rows, limit, last -> last.getLong("id")));
  }

  public Future<JsonObject> summary(Long agentId, Long teamId) {
    return store.summary(agentId, teamId);
  }

  private static JsonObject template(RenderedTemplate r) {
    return new JsonObject().put("name", r.name()).put("language", r.languageCode())
        .put("components", new JsonArray(new ArrayList<>(r.components())));
  }

  private static String oneLine(String s) {
    String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return t.isEmpty() ? "cliente" : t;
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
