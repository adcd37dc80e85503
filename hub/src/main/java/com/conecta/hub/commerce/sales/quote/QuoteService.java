package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.channels.media.MediaService;
import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.operations.notify.NotificationStore;
import com.conecta.hub.commerce.sales.LeadStageStore;
import com.conecta.hub.commerce.sales.SalesSettings;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Quotes: priced from the product list, drafted, sent as a PDF by WhatsApp or email through the outbox, then accepted
 * (administration is notified, the lead is won), rejected or expired; an accepted quote becomes an order once.
 */
public record QuoteService(QuoteStore store, LeadStageStore stages, NotificationStore notifications, MediaService media,
    QuotePdf pdf, CrudService contacts, SalesSettings settings, ConversationService conversations) {
  /** One requested line: a product, how many, and the discount in percent. */
  public record Item(long productId, BigDecimal quantity, BigDecimal discountPct) {}

  public record Draft(Long leadId, Long opportunityId, Long contactId, String language, LocalDate validUntil,
      String notes, List<Item> items) {}

  public Future<JsonObject> create(Principal p, Draft d) {
    requireWriter(p);
    if (d.leadId() == null && d.opportunityId() == null && d.contactId() == null) {
      return Future.failedFuture(ApiError.missing("leadId"));
    }
    List<Long> ids = d.items().stream().map(Item::productId).distinct().toList();
    return store.context(d.leadId(), d.opportunityId(), d.contactId()).compose(c -> {
      if (c == null) {
        return Future.failedFuture(ApiError.invalid(d.contactId() != null ? "contactId" : d.leadId() != null ? "leadId"
            : "opportunityId", "the quote needs a customer: that record does not exist or has no contact"));
      }
      if (!c.leadOk()) {
        return Future.failedFuture(ApiError.invalid("leadId", "'leadId' points to no existing lead"));
      }
      if (!c.opportunityOk()) {
        return Future.failedFuture(ApiError.invalid("opportunityId", "'opportunityId' points to no existing opportunity"));
      }
      Future<Void> seen = p.role() == Role.AGENT ? contacts.visible(p, c.contactId()) : Future.succeededFuture();
      return seen.compose(v -> store.products(ids)).compose(products -> {
        Map<Long, JsonObject> byId = products.stream().collect(Collectors.toMap(j -> j.getLong("id"), Function.identity()));
        List<QuoteLine> lines = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < d.items().size(); i++) {
          Item item = d.items().get(i);
          JsonObject product = byId.get(item.productId());
          if (product == null) {
            return Future.failedFuture(ApiError.invalid("items[" + i + "].productId", "no active product " + item.productId()));
          }
          if (currency != null && !currency.equals(product.getString("currency"))) {
            return Future.failedFuture(ApiError.invalid("items[" + i + "].productId",
                "every product of a quote must be in the same currency (" + currency + ")"));
          }
          currency = product.getString("currency");
          lines.add(QuoteLine.price(item.productId(), product.getString("code"), product.getString("name"),
              item.quantity(), new BigDecimal(product.getString("unitPrice")), item.discountPct(),
              new BigDecimal(product.getString("taxRate"))));
        }
        String language = d.language() != null ? d.language() : "en".equals(c.locale()) ? "en" : "es";
        LocalDate validUntil = d.validUntil() != null ? d.validUntil()
            : LocalDate.now(settings.zone()).plusDays(settings.quoteValidityDays());
        return store.insert(c, currency, language, validUntil, lines, d.notes(), p.userId());
      });
    }).compose(store::byId);
  }

  public Future<JsonObject> get(Principal p, long id) {
    return visible(p, id);
  }

  public Future<Page<JsonObject>> list(Principal p, String status, Long leadId, Long contactId, Long opportunityId,
      Long beforeId, int limit) {
    return store.list(status, leadId, contactId, opportunityId, p.role() == Role.AGENT ? p.userId() : null, beforeId,
        limit);
  }

  public Future<Buffer> pdf(Principal p, long id) {
    return visible(p, id).compose(pdf::render);
  }

  /**
   * Renders the PDF, stores it, and queues it to the customer as a document message in their conversation (WhatsApp) or
   * as an email with the attachment; the quote becomes sent (follow-ups count from the first sending).
   */
  public Future<JsonObject> send(Principal p, long id, String channel) {
    requireWriter(p);
    return visible(p, id).compose(q -> {
      if (!Set.of("draft", "sent").contains(q.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("quote_closed", "quote " + q.getString("number") + " is "
            + q.getString("status") + " and cannot be sent"));
      }
      long contactId = q.getLong("contactId");
      return store.destination(channel, contactId).compose(d -> {
        if (d == null) {
          return Future.failedFuture(ApiError.invalid("channel", "there is no " + channel + " inbox to send from"));
        }
        if (!d.reachable()) {
          return Future.failedFuture(ApiError.invalid("channel", "the customer has no "
              + ("email".equals(channel) ? "email address" : "WhatsApp number")));
        }
        boolean en = "en".equals(q.getString("language"));
        String fileName = (en ? "Quote-" : "Cotizacion-") + q.getString("number") + ".pdf";
        String caption = (en ? "Quote " : "Cotización ") + q.getString("number") + " — "
            + Money.format(q.getString("total"), q.getString("currency"), en ? "en" : "es");
        return pdf.render(q).compose(bytes -> media.save(d.inboxId(), bytes, "application/pdf", fileName, sha256(bytes))
                .map(key -> new JsonArray().add(new JsonObject().put("kind", "document").put("mimeType", "application/pdf")
                    .put("fileName", fileName).put("sizeBytes", (long) bytes.length()).put("sha256", sha256(bytes))
                    .put("storageKey", key).put("caption", caption))))
            .compose(attachments -> store.pool().withTransaction(tx -> store.actingAs(tx, p.userId())
                .compose(a -> store.markSent(tx, id, channel, attachments.getJsonObject(0).getString("storageKey")))
                .compose(ok -> !ok ? Future.failedFuture(ApiError.conflict("quote_closed", "the quote was closed meanwhile"))
                    : store.outboundMessage(tx, d, contactId, "agent", p.userId(),
                        "email".equals(channel) ? "email" : "document", caption, attachments,
                        new JsonObject().put("quoteId", id).put("subject", caption),
                        "quote:" + id + ":send:" + UUID.randomUUID()))
                .compose(queued -> store.activity(tx, "task", (en ? "Quote sent: " : "Cotización enviada: ")
                        + q.getString("number"), caption + " (" + channel + ")", contactId, q.getLong("leadId"), p.userId())
                    .map(queued))))
            .compose(queued -> conversations.changed(queued.conversationId())
                .compose(c -> store.byId(id)).map(j -> j.put("messageId", queued.messageId())
                    .put("conversationId", queued.conversationId())));
      });
    });
  }

  /** The customer said yes: administration is told, the lead is won (and its opportunity), all in one transaction. */
  public Future<JsonObject> accept(Principal p, long id) {
    requireWriter(p);
    return visible(p, id).compose(q -> store.pool().withTransaction(tx -> store.actingAs(tx, p.userId())
        .compose(a -> store.accept(tx, id)).compose(ok -> {
      if (!ok) {
        return Future.failedFuture(ApiError.conflict("quote_not_sent", "only a sent quote can be accepted; quote "
            + q.getString("number") + " is " + q.getString("status")));
      }
      String who = q.getString("accountName") != null ? q.getString("accountName") : q.getString("contactName");
      String amount = Money.format(q.getString("total"), q.getString("currency"), "es");
      return store.admins(tx).compose(admins -> {
        Future<Void> all = Future.succeededFuture();
        for (JsonObject admin : admins) {
          boolean en = "en".equals(admin.getString("locale"));
          String subject = en ? "Quote " + q.getString("number") + " accepted"
              : "Cotización " + q.getString("number") + " aceptada";
          String body = en ? who + " accepted quote " + q.getString("number") + " for " + amount + ". It can now become an order."
              : who + " aceptó la cotización " + q.getString("number") + " por " + amount + ". Ya puede convertirse en pedido.";
          JsonObject payload = new JsonObject().put("quoteId", id).put("number", q.getString("number"));
          long adminId = admin.getLong("id");
          all = all.compose(v -> notifications.enqueue(tx, Notification.inApp(adminId, "quote.accepted", subject, body,
                  payload, "quote-accepted:" + id + ":in_app:" + adminId)))
              .compose(v -> notifications.enqueue(tx, new Notification(adminId, null, "email", "quote.accepted", subject,
                  body, null, payload, "quote-accepted:" + id + ":email:" + adminId)))
              .mapEmpty();
        }
        return all;
        // The lead moves by itself, in this transaction, as lead_stage_automations' quote_accepted says (V102).
      }).compose(v -> stages.wonStage(tx)).compose(won -> q.getLong("opportunityId") == null || won == null
          ? Future.succeededFuture() : store.winOpportunity(tx, q.getLong("opportunityId"), won))
          .compose(v -> store.activity(tx, "task", "Cotización aceptada: " + q.getString("number"), amount,
              q.getLong("contactId"), q.getLong("leadId"), p.userId()));
    })).compose(v -> store.byId(id)));
  }

  public Future<JsonObject> reject(Principal p, long id) {
    requireWriter(p);
    return visible(p, id).compose(q -> store.pool().withTransaction(tx -> store.reject(tx, id).compose(ok -> !ok
        ? Future.failedFuture(ApiError.conflict("quote_closed", "quote " + q.getString("number") + " is "
            + q.getString("status") + " and cannot be rejected"))
        : store.activity(tx, "task", "Cotización rechazada: " + q.getString("number"), null, q.getLong("contactId"),
            q.getLong("leadId"), p.userId()))))
        .compose(v -> store.byId(id));
  }

  /** An accepted quote becomes one order (the ERP's orders table, external id "quote:&lt;id&gt;"); a second time is 409. */
  public Future<JsonObject> order(Principal p, long id) {
    requireWriter(p);
    return visible(p, id).compose(q -> store.pool().withTransaction(tx -> store.lock(tx, id).compose(state -> {
      if (!"accepted".equals(state.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("quote_not_accepted", "only an accepted quote becomes an order"));
      }
      if (state.getLong("orderId") != null) {
        return Future.failedFuture(ApiError.conflict("already_ordered", "quote " + q.getString("number")
            + " is already order " + state.getLong("orderId")));
      }
      JsonArray items = new JsonArray();
      q.getJsonArray("items").forEach(o -> {
        JsonObject i = (JsonObject) o;
        items.add(new JsonObject().put("code", i.getString("code")).put("name", i.getString("name"))
            .put("quantity", i.getString("quantity")).put("unitPrice", i.getString("unitPrice"))
            .put("total", i.getString("total")));
      });
      return store.order(tx, id, items).compose(orderId -> orderId == null
          ? Future.failedFuture(ApiError.conflict("already_ordered", "quote " + q.getString("number") + " is already an order"))
          : Future.succeededFuture(new JsonObject().put("orderId", orderId).put("quoteId", id)
              .put("externalId", "quote:" + id).put("number", q.getString("number")).put("total", q.getString("total"))
              .put("currency", q.getString("currency")).put("items", items)));
    })));
  }

  /** Admins and marketing see every quote; agents those they made, of leads they own, or of customers they can see. */
  private Future<JsonObject> visible(Principal p, long id) {
    return store.byId(id).compose(q -> {
      if (q == null) {
        return Future.failedFuture(ApiError.notFound("quote " + id));
      }
      Long me = p.userId();
      if (p.role() != Role.AGENT || me.equals(q.getLong("createdBy")) || me.equals(q.getLong("leadAssigneeId"))) {
        return Future.succeededFuture(q);
      }
      return contacts.visible(p, q.getLong("contactId")).recover(e -> Future.failedFuture(ApiError.notFound("quote " + id)))
          .map(q);
    });
  }

  private static void requireWriter(Principal p) {
    if (p.role() == Role.MARKETING) {
      throw ApiError.forbidden("marketing reads quotes; agents and admins work them");
    }
  }

  private static String sha256(Buffer bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
