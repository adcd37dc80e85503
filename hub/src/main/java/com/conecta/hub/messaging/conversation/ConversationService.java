package com.conecta.hub.messaging.conversation;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.messaging.outbound.Reply;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The shared inbox's rules: who sees which conversation, replies, notes, assignment, status and labels. */
public final class ConversationService {
  public static final Set<String> STATUSES = Set.of("open", "pending", "snoozed", "resolved");

  /** Tells the customer's channel that the agent read the conversation (WhatsApp's blue ticks). */
  public interface ReadReceipts {
    void conversationRead(long inboxId, String channel, String lastInboundProviderId);
  }

  private final ConversationStore store;
  private final RealtimeBroker broker;
  private final java.util.List<ReadReceipts> readReceipts;
  private final AttachmentResolver attachments;

  /** Without attachments or read receipts (an agent's attachment is refused). */
  public ConversationService(ConversationStore store, RealtimeBroker broker) {
    this(store, broker, (inbox, requested) -> requested == null || requested.isEmpty()
        ? Future.succeededFuture(new JsonArray())
        : Future.failedFuture(ApiError.invalid("attachments", "attachments are not available")), java.util.List.of());
  }

  public ConversationService(ConversationStore store, RealtimeBroker broker, AttachmentResolver attachments,
      java.util.List<ReadReceipts> readReceipts) {
    this.store = store;
    this.broker = broker;
    this.attachments = attachments;
    this.readReceipts = java.util.List.copyOf(readReceipts);
  }

  /** Turns what an agent attached ({"storageKey"}) into stored attachments of the conversation's inbox. */
  public interface AttachmentResolver {
    Future<JsonArray> resolve(long inboxId, JsonArray requested);
  }

  public Future<Page<JsonObject>> list(ConversationFilter filter) {
    return store.list(filter);
  }

  /** The conversation if the caller may see it; 404 otherwise, so that ids of other teams' work do not leak. */
  public Future<JsonObject> visible(Principal p, long id) {
    return store.byId(id).map(c -> {
      if (c == null || !p.canSeeInbox(c.getLong("inboxId"))) {
        throw ApiError.notFound("conversation " + id);
      }
      return c;
    });
  }

  public Future<Page<JsonObject>> messages(Principal p, long id, Long beforeId, int limit) {
    return visible(p, id).compose(c -> store.messages(id, beforeId, limit));
  }

  /** An agent's reply: the message and its outbox row in one transaction. */
  public Future<JsonObject> reply(Principal p, long id, String text, JsonArray attachments, String clientMessageId) {
    return visible(p, id).compose(c -> {
      // A web form has no way back: its leads are answered on WhatsApp or by email (FormReplyService).
      if ("webform".equals(c.getString("channel"))) {
        return Future.failedFuture(new ApiError(422, "reply_channel_required",
            "a web-form lead is answered on WhatsApp or by email: POST .../answers with a channel", "channel"));
      }
      JsonObject window = c.getJsonObject("window");
      if (window != null && !window.getBoolean("open")) {
        return Future.failedFuture(new ApiError(422, "template_required",
            "more than 24 hours have passed since the customer's last message: send an approved template instead",
            "text"));
      }
      long inboxId = c.getLong("inboxId");
      String key = clientMessageId == null ? "reply:" + UUID.randomUUID() : "reply:" + p.userId() + ":" + clientMessageId;
      return this.attachments.resolve(inboxId, attachments).compose(files -> store.pool().withTransaction(conn ->
              store.send(conn, new Reply(id, inboxId, c.getString("channel"), "agent", p.userId(),
                  files.isEmpty() ? "text" : files.getJsonObject(0).getString("kind"), text, files, new JsonObject(),
                  null, key))
              .compose(m -> store.touchAfterReply(conn, id, preview(text == null ? "[archivo]" : text)).map(m))))
          .recover(e -> isDuplicateKey(e)
              ? Future.failedFuture(ApiError.conflict("duplicate_message", "this clientMessageId was already sent"))
              : Future.failedFuture(e))
          .compose(m -> announce(c, m));
    });
  }

  /**
   * A WhatsApp template message (the only kind allowed outside the 24-hour window): {@code template} holds the
   * approved name, the language and the Cloud API components; {@code preview} is what the inbox shows.
   */
  public Future<JsonObject> replyWithTemplate(Principal p, long id, JsonObject template, String preview,
      String clientMessageId) {
    return visible(p, id).compose(c -> {
      if (c.getJsonObject("window") == null) {
        return Future.failedFuture(ApiError.invalid("template", "templates are for WhatsApp conversations"));
      }
      long inboxId = c.getLong("inboxId");
      String key = clientMessageId == null ? "reply:" + UUID.randomUUID() : "reply:" + p.userId() + ":" + clientMessageId;
      return store.pool().withTransaction(conn -> store.send(conn, new Reply(id, inboxId, c.getString("channel"),
                  "agent", p.userId(), "template", preview, null, template, null, key))
              .compose(m -> store.touchAfterReply(conn, id, preview(preview)).map(m)))
          .compose(m -> announce(c, m));
    });
  }

  public Future<JsonObject> note(Principal p, long id, String text) {
    return visible(p, id).compose(c -> store.pool().withTransaction(conn ->
            store.insertMessage(conn, new ConversationStore.NewMessage(id, c.getLong("inboxId"), "out", "agent",
                    p.userId(), "text", text, null, new JsonObject(), true))
                .compose(m -> store.touch(conn, id).map(m)))
        .compose(m -> announce(c, m)));
  }

  public Future<JsonObject> changeStatus(Principal p, long id, String status, Instant snoozedUntil) {
    if (!STATUSES.contains(status)) {
      return Future.failedFuture(ApiError.invalid("status", "'status' must be one of open, pending, snoozed, resolved"));
    }
    if ("snoozed".equals(status) && (snoozedUntil == null || !snoozedUntil.isAfter(Instant.now()))) {
      return Future.failedFuture(ApiError.invalid("snoozedUntil", "snoozing needs a 'snoozedUntil' time in the future"));
    }
    return visible(p, id).compose(c -> systemChange(c,
            conn -> store.setStatus(conn, id, status,
                "snoozed".equals(status) ? snoozedUntil.atOffset(ZoneOffset.UTC) : null),
            "Estado: " + status,
            new JsonObject().put("event", "status").put("status", status).put("byUserId", p.userId()))
        .recover(e -> isDuplicateKey(e)
            ? Future.failedFuture(ApiError.conflict("conversation_already_open",
                "this contact already has an open conversation in this inbox"))
            : Future.failedFuture(e)));
  }

  public Future<JsonObject> addLabels(Principal p, long id, List<String> labels) {
    return visible(p, id).compose(c -> store.addLabels(id, labels)).compose(v -> changed(id));
  }

  public Future<JsonObject> removeLabel(Principal p, long id, String label) {
    return visible(p, id).compose(c -> store.removeLabel(id, label)).compose(v -> changed(id));
  }

  public Future<JsonObject> markRead(Principal p, long id) {
    return visible(p, id).compose(c -> store.markRead(id)
        .compose(v -> readReceipts.isEmpty() ? Future.succeededFuture(null) : store.lastInboundProviderId(id))
        .map(last -> {
          if (last != null) {
            readReceipts.forEach(r -> r.conversationRead(c.getLong("inboxId"), c.getString("channel"), last));
          }
          return null;
        }))
        .compose(v -> changed(id));
  }

  /** Reopens snoozed conversations whose time has come (run periodically by every node; idempotent). */
  public Future<Integer> wakeSnoozed() {
    return store.wakeSnoozed().compose(woken -> {
      List<Future<JsonObject>> each = woken.stream().map(pair -> changed(pair[0])).toList();
      return Future.join(each).map(woken.size());
    });
  }

  private interface Change {
    Future<Void> apply(io.vertx.sqlclient.SqlConnection conn);
  }

  /** Applies a change and writes the system message that shows it in the timeline, in one transaction. */
  private Future<JsonObject> systemChange(JsonObject c, Change change, String text, JsonObject content) {
    long id = c.getLong("id");
    return store.pool().withTransaction(conn -> change.apply(conn)
            .compose(v -> store.insertMessage(conn, new ConversationStore.NewMessage(id, c.getLong("inboxId"), "out",
                "system", null, "system", text, null, content, false))))
        .compose(m -> {
          broker.publish(new HubEvent("message.created", c.getLong("inboxId"), id, m));
          return changed(id);
        });
  }

  private Future<JsonObject> announce(JsonObject c, JsonObject message) {
    broker.publish(new HubEvent("message.created", c.getLong("inboxId"), c.getLong("id"), message));
    return changed(c.getLong("id")).map(message);
  }

  /** Re-reads the conversation and tells every node's browsers. */
  public Future<JsonObject> changed(long id) {
    return store.byId(id).map(c -> {
      if (c != null) {
        broker.publish(new HubEvent("conversation.updated", c.getLong("inboxId"), id, c));
      }
      return c;
    });
  }

  static String preview(String text) {
    if (text == null) {
      return null;
    }
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  static boolean isDuplicateKey(Throwable e) {
    return com.conecta.hub.foundation.platform.PgErrors.isUniqueViolation(e);
  }
}
