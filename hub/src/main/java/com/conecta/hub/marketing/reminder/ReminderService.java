package com.conecta.hub.marketing.reminder;

import com.conecta.hub.foundation.runtime.DueItemsPass;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.outbound.Outbound;
import com.conecta.templates.RenderedTemplate;
import com.conecta.templates.TemplateCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the reminder rules say is due — payments, order changes, deliveries tomorrow — each exactly once: the
 * idempotency key (rule + record + occurrence) is claimed in the same transaction as the message and its outbox row.
 * Due work is found in PostgreSQL on every pass, so restarts lose nothing and no timer matters.
 */
public record ReminderService(ReminderRules rules, ReminderStore store, InboxService inboxes,
    TemplateCatalogue templates, DueItemsPass pass) {
  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

  /** With a pass guard of its own, so this node never runs two of these passes at once. */
  public ReminderService(ReminderRules rules, ReminderStore store, InboxService inboxes, TemplateCatalogue templates) {
    this(rules, store, inboxes, templates, new DueItemsPass());
  }

  public Future<Integer> tick() {
    return pass.run(() -> {
      LocalDate today = LocalDate.now(rules.zone());
      return inboxes.byChannelAccount("whatsapp", rules.phoneNumberId()).compose(inbox -> {
        if (inbox == null) {
          return Future.succeededFuture(0);
        }
        Future<Integer> chain = Future.succeededFuture(0);
        for (ReminderRules.Rule rule : rules.rules()) {
          chain = chain.compose(n -> due(rule, today).compose(list -> DueItemsPass.sendEach(list,
              d -> send(rule, inbox, d), (d, e) -> log.warn("reminder {} for record {} not sent: {}", rule.name(),
                  d.recordId(), e.getMessage()))).map(sent -> n + sent));
        }
        return chain;
      });
    });
  }

  private Future<List<ReminderStore.Due>> due(ReminderRules.Rule rule, LocalDate today) {
    return switch (rule.kind()) {
      case "payment" -> store.duePayments(rule.offsetDays(), today, rule.name());
      case "order-status" -> store.dueOrderStatus(rule.status(), rule.name());
      default -> store.dueDeliveriesTomorrow(today, rule.name());
    };
  }

  private Future<Boolean> send(ReminderRules.Rule rule, Inbox inbox, ReminderStore.Due d) {
    String type = "payment".equals(rule.kind()) ? "invoice" : "order";
    RenderedTemplate rendered = templates.render(rule.template(), "es",
        d.params().subList(0, templates.find(rule.template()).params().size()));
    JsonObject content = new JsonObject().put("name", rendered.name()).put("language", rendered.languageCode())
        .put("components", new JsonArray(new ArrayList<>(rendered.components()))).put("reminderRule", rule.name());
    String key = "reminder:" + rule.name() + ":" + type + ":" + d.recordId() + ":" + d.occurrence();
    return store.pool().withTransaction(conn -> store.claim(conn, rule.name(), type, d.recordId(), d.occurrence())
        .compose(sendId -> sendId == null ? Future.succeededFuture(false)
            : store.send(conn, Outbound.fromBot(inbox.id(), d.contactId(), inbox.teamId(), inbox.channel(), "template",
                    rendered.preview(), content, key))
                .compose(queued -> store.link(conn, sendId, queued.messageId()))
                .compose(v -> store.activity(conn, "Recordatorio enviado: " + rule.name(), rendered.preview(), d.contactId()))
                .map(true)));
  }
}
