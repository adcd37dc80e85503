package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.commerce.sales.SalesSettings;
import com.conecta.hub.foundation.runtime.DueItemsPass;
import com.conecta.templates.RenderedTemplate;
import com.conecta.templates.TemplateCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quotes' periodic pass: sent quotes past their validity expire, and every N days (config/sales.yaml) a sent quote
 * gets the quote_followup template until it is accepted, rejected or expired. Each occurrence is sent exactly once on
 * any number of nodes: its key (rule + quote + occurrence, in reminder_sends like every reminder) is claimed in the same
 * transaction as the message and its outbox row. Due work is found in PostgreSQL on every pass.
 */
public record QuoteFollowUps(QuoteStore store, TemplateCatalogue templates, SalesSettings settings, DueItemsPass pass) {
  private static final Logger log = LoggerFactory.getLogger(QuoteFollowUps.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** With a pass guard of its own, so this node never runs two of these passes at once. */
  public QuoteFollowUps(QuoteStore store, TemplateCatalogue templates, SalesSettings settings) {
    this(store, templates, settings, new DueItemsPass());
  }

  /** One pass; answers how many follow-ups this node sent. */
  public Future<Integer> tick() {
    return pass.run(() -> {
      LocalDate today = LocalDate.now(settings.zone());
      return store.expire(today)
          .compose(expired -> store.followUpsDue(settings.followUpDays(), today))
          .compose(due -> DueItemsPass.sendEach(due, this::send, (f, e) -> log.warn(
              "quote follow-up {} for quote {} not sent: {}", f.occurrence(), f.quoteId(), e.getMessage())));
    });
  }

  private Future<Boolean> send(QuoteStore.FollowUp f) {
    try {
      return trySend(f);
    } catch (RuntimeException e) {
      // A template that cannot be filled (e.g. a strange name) must not stop the other quotes' follow-ups.
      return Future.failedFuture(e);
    }
  }

  private Future<Boolean> trySend(QuoteStore.FollowUp f) {
    String language = "en".equals(f.language()) ? "en" : "es";
    RenderedTemplate rendered = templates.render(settings.followUpTemplate(), language,
        List.of(f.contactName().trim().replaceAll("\\s+", " "), f.number(), f.validUntil().format(DAY)));
    JsonObject content = new JsonObject().put("name", rendered.name()).put("language", rendered.languageCode())
        .put("components", new JsonArray(new ArrayList<>(rendered.components()))).put("reminderRule", "quote-followup")
        .put("quoteId", f.quoteId());
    String key = "reminder:quote-followup:quote:" + f.quoteId() + ":" + f.occurrence();
    int day = f.occurrence() * settings.followUpDays();
    return store.destination("whatsapp", f.contactId()).compose(d -> d == null || !d.reachable()
        ? Future.succeededFuture(false)
        : store.pool().withTransaction(tx -> store.claimFollowUp(tx, f.quoteId(), f.occurrence())
            .compose(sendId -> sendId == null ? Future.succeededFuture(false)
                : store.outboundMessage(tx, d, f.contactId(), "bot", null, "template", rendered.preview(),
                        new JsonArray(), content, key)
                    .compose(queued -> store.linkFollowUp(tx, sendId, queued.messageId()))
                    .compose(v -> store.activity(tx, "follow_up", ("en".equals(language) ? "Quote follow-up sent: "
                        : "Seguimiento de cotización enviado: ") + f.number() + " (" + ("en".equals(language) ? "day "
                        : "día ") + day + ")", rendered.preview(), f.contactId(), f.leadId(), f.createdBy()))
                    .map(true))));
  }
}
