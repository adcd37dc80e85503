package com.conecta.hub.channels.whatsapptemplate;

import com.conecta.connectors.whatsapp.templates.GraphApiException;
import com.conecta.connectors.whatsapp.templates.TemplateRules;
import com.conecta.connectors.whatsapp.templates.TemplateStatusUpdate;
import com.conecta.connectors.whatsapp.templates.WhatsAppTemplatesClient;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp templates managed with Meta: the list of each account kept in PostgreSQL (synced on demand and
 * periodically), new templates checked against Meta's limits and submitted, Meta's review decisions applied from
 * webhooks, deletion; and the approved ones for the pickers and campaigns.
 */
public record WhatsAppTemplateService(
    WhatsAppTemplateStore store,
    WhatsAppTemplatesClient meta,
    WabaAccounts accounts) {
  private static final Logger log = LoggerFactory.getLogger(WhatsAppTemplateService.class);

  /** Every kept template (of one inbox's account when given), with its status and Meta's reason for a rejection. */
  public Future<List<JsonObject>> list(Long inboxId) {
    return inboxId == null ? store.list(null) : accounts.ofInbox(inboxId).compose(w -> store.list(w.wabaId()));
  }

  /** Lists the inbox's account at Meta and keeps exactly what Meta has. */
  public Future<JsonObject> sync(long inboxId) {
    return accounts.ofInbox(inboxId).compose(this::sync)
        .map(n -> new JsonObject().put("synced", n));
  }

  /** The periodic pass: every account of the hub's WhatsApp inboxes; one that fails does not stop the others. */
  public Future<Void> syncAll() {
    return accounts.all().compose(all -> {
      Future<Void> chain = Future.succeededFuture();
      for (WabaAccounts.Waba w : all) {
        chain = chain.compose(v -> sync(w).<Void>mapEmpty().recover(e -> {
          log.warn("whatsapp templates of account {} not synced: {}", w.wabaId(), e.getMessage());
          return Future.succeededFuture();
        }));
      }
      return chain;
    });
  }

  private Future<Integer> sync(WabaAccounts.Waba w) {
    return meta.list(w.wabaId(), w.token()).recover(WhatsAppTemplateService::unreachable)
        .compose(listed -> store.replaceListed(w.wabaId(), listed, OffsetDateTime.now(ZoneOffset.UTC)))
        .onSuccess(n -> log.info("whatsapp templates of account {} synced: {}", w.wabaId(), n));
  }

  /** Checks the definition against Meta's limits, submits it, keeps it as Meta answered (PENDING, usually). */
  public Future<JsonObject> create(long userId, long inboxId, JsonObject definition) {
    TemplateRules.Violation v = TemplateRules.check(definition);
    if (v != null) {
      return Future.failedFuture(new ApiError(422, v.code(), v.message(), v.field()));
    }
    JsonObject request = new JsonObject().put("name", definition.getString("name"))
        .put("language", definition.getString("language"))
        .put("category", definition.getString("category").toUpperCase(Locale.ROOT))
        .put("components", normalised(definition.getJsonArray("components")));
    return accounts.ofInbox(inboxId).compose(w -> meta.create(w.wabaId(), w.token(), request)
        .recover(WhatsAppTemplateService::unreachable)
        .compose(answer -> store.insertSubmitted(w.wabaId(), request.getString("name"), request.getString("language"),
            answer.getString("category", request.getString("category")), answer.getString("status", "PENDING"),
            request.getJsonArray("components"), answer.getValue("id") == null ? null : String.valueOf(answer.getValue("id")),
            userId))
        .onSuccess(id -> log.info("whatsapp template {} ({}) submitted to Meta for account {}", request.getString("name"),
            request.getString("language"), w.wabaId())))
        .compose(store::byId);
  }

  /** Deletes the template at Meta (every language of its name, as Meta does) and here. */
  public Future<JsonObject> delete(long id) {
    return store.byId(id).compose(t -> {
      if (t == null) {
        return Future.failedFuture(ApiError.notFound("whatsapp template " + id));
      }
      return accounts.byId(t.getString("wabaId"))
          .compose(w -> meta.delete(w.wabaId(), w.token(), t.getString("name")).recover(e ->
              // Already gone at Meta (deleted in WhatsApp Manager): delete it here too.
              e instanceof GraphApiException g && g.httpStatus() == 400 && g.code() == 100 ? Future.succeededFuture()
                  : unreachable(e)))
          .compose(v -> store.deleteName(t.getString("wabaId"), t.getString("name")))
          .map(n -> new JsonObject().put("deleted", n).put("name", t.getString("name")));
    });
  }

  /** Applies a {@code message_template_status_update} webhook change; other account events are left alone. */
  public Future<Void> onAccountEvent(JsonObject change) {
    TemplateStatusUpdate u = TemplateStatusUpdate.from(change);
    if (u == null) {
      return Future.succeededFuture();
    }
    String status = switch (u.event()) {
      case "REINSTATED" -> "APPROVED";
      case "FLAGGED" -> "APPROVED"; // still sendable; Meta pauses or disables it later if quality stays low
      default -> u.event();
    };
    if (List.of("DELETED", "PENDING_DELETION").contains(status)) {
      return store.deleteName(u.wabaId(), u.name()).mapEmpty();
    }
    return store.applyStatus(u.wabaId(), u.name(), u.language(), status, u.reason(), u.metaId())
        .onSuccess(known -> log.info("whatsapp template {} ({}) of account {} is now {}{}", u.name(), u.language(),
            u.wabaId(), status, known ? "" : " (recorded from the webhook; a sync fills its texts)"))
        .mapEmpty();
  }

  /** Approved templates of the inbox's account (every account when null), in a language such as es (null: all). */
  public Future<List<JsonObject>> approved(Long inboxId, String language) {
    Future<List<String>> wabas = inboxId == null ? Future.succeededFuture(null)
        : accounts.ofInbox(inboxId).map(w -> List.of(w.wabaId())).recover(e -> Future.succeededFuture(List.of()));
    return wabas.compose(ids -> ids != null && ids.isEmpty() ? Future.succeededFuture(List.of())
        : store.approved(ids, language));
  }

  /** The approved template of this name and exact language for the inbox's account, or null. */
  public Future<JsonObject> approvedOne(long inboxId, String name, String language) {
    return accounts.ofInbox(inboxId).compose(w -> store.approvedOne(w.wabaId(), name, language))
        .recover(e -> Future.succeededFuture(null));
  }

  /** Component types as Meta writes them (upper case); the rest as given. */
  private static JsonArray normalised(JsonArray components) {
    JsonArray out = new JsonArray();
    for (Object o : components) {
      JsonObject c = ((JsonObject) o).copy();
      c.put("type", c.getString("type").toUpperCase(Locale.ROOT));
      if (c.getString("format") != null) {
        c.put("format", c.getString("format").toUpperCase(Locale.ROOT));
      }
      if (c.getJsonArray("buttons") != null) {
        List<Object> buttons = new ArrayList<>();
        for (Object b : c.getJsonArray("buttons")) {
          JsonObject button = ((JsonObject) b).copy();
          button.put("type", button.getString("type").toUpperCase(Locale.ROOT));
          buttons.add(button);
        }
        c.put("buttons", new JsonArray(buttons));
      }
      out.add(c);
    }
    return out;
  }

  private static <T> Future<T> unreachable(Throwable e) {
    if (e instanceof GraphApiException g) {
      return Future.failedFuture(new ApiError(g.httpStatus() == 401 || g.code() == 190 ? 502 : 422, "meta_refused",
          "Meta refused it: " + g.getMessage(), null));
    }
    if (e instanceof ApiError a) {
      return Future.failedFuture(a);
    }
    return Future.failedFuture(new ApiError(502, "meta_unavailable", "Meta's Graph API did not answer: " + e.getMessage(),
        null));
  }
}
