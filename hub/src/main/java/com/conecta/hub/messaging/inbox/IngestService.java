package com.conecta.hub.messaging.inbox;

import com.conecta.connectors.InboundMessage;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The one door for inbound messages of every channel: dedupe, contact, conversation, message, in one transaction
 * (batched with concurrent ones) that also writes the message's reaction job, then {@code message.created} for every
 * node and a nudge to this node's reaction worker (the bot, assignment... run from the job, see {@code reaction}).
 */
public final class IngestService {
  private final IngestBatcher batcher;
  private final RealtimeBroker broker;
  private final ConversationService conversations;
  private final Counter created;
  private final Counter duplicates;
  private final com.conecta.hub.messaging.inbox.StaffSenders staff;
  private final Runnable reactionsDue;

  /** A message just stored for the first time, for the features that react to it. */
  public record Ingested(Inbox inbox, InboundMessage message, IngestResult result) {}

  public IngestService(IngestBatcher batcher, RealtimeBroker broker, ConversationService conversations,
      MeterRegistry metrics, com.conecta.hub.messaging.inbox.StaffSenders staff, Runnable reactionsDue) {
    this.staff = staff;
    this.reactionsDue = reactionsDue;
    this.batcher = batcher;
    this.broker = broker;
    this.conversations = conversations;
    this.created = Counter.builder("conecta_inbound_messages_total").tag("result", "created").register(metrics);
    this.duplicates = Counter.builder("conecta_inbound_messages_total").tag("result", "duplicate").register(metrics);
  }

  /** Messages from hub users' own phones are kept as theirs, not ingested as customers'. */
  public Future<IngestResult> ingest(Inbox inbox, InboundMessage message) {
    return staff.userOf(inbox, message).compose(userId -> userId == null ? customer(inbox, message)
        : staff.keep(userId, inbox, message));
  }

  private Future<IngestResult> customer(Inbox inbox, InboundMessage message) {
    return batcher.submit(new IngestStore.Item(inbox.id(), message)).onSuccess(result -> {
      if (!result.created()) {
        duplicates.increment();
        return;
      }
      created.increment();
      broker.publish(new HubEvent("message.created", inbox.id(), result.conversationId(), eventMessage(message, result)));
      // A light event: browsers patch the row they have, or fetch a conversation they have not seen.
      broker.publish(new HubEvent(result.conversationCreated() ? "conversation.created" : "conversation.updated",
          inbox.id(), result.conversationId(), new JsonObject().put("id", result.conversationId())
              .put("inboxId", inbox.id()).put("contactId", result.contactId())
              .put("lastMessagePreview", preview(message)).put("lastActivityAt", java.time.Instant.now().toString())));
      reactionsDue.run();
    });
  }

  private static String preview(InboundMessage m) {
    // Email previews leave out quoted history and signatures (the parser's content.preview).
    String trimmed = "email".equals(m.channel()) ? m.content().getString("preview") : null;
    String text = trimmed != null && !trimmed.isEmpty() ? trimmed : m.text() == null || m.text().isEmpty() ? "[" + m.contentType().wire() + "]" : m.text();
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private static JsonObject eventMessage(InboundMessage m, IngestResult r) {
    JsonArray attachments = new JsonArray();
    m.attachments().forEach(a -> attachments.add(new JsonObject().put("kind", a.kind().wire())
        .put("mimeType", a.mimeType()).put("fileName", a.fileName()).put("caption", a.caption())
        .put("downloadUrl", a.storageKey() == null ? null : "/api/v1/media/" + a.storageKey())));
    return new JsonObject().put("id", r.messageId()).put("conversationId", r.conversationId())
        .put("inboxId", r.inboxId()).put("direction", "in").put("senderKind", "contact")
        .put("contentType", m.contentType().wire()).put("text", m.text()).put("attachments", attachments)
        .put("content", m.content()).put("private", false).put("providerMessageId", m.providerMessageId())
        .put("sentAt", m.sentAt() == null ? null : m.sentAt().toString());
  }
}
