package com.conecta.hub.marketing.bot;

import com.conecta.hub.operations.assignment.AssignmentService;
import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.operations.notify.NotificationStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.Map;

/**
 * When assignment gives a conversation the bot handed off to an agent, tells that agent — in the app, by email and
 * by WhatsApp (template agent_handoff to their number) — with the prospect's answers. Runs inside the assignment's
 * transaction, so the notifications exist exactly when the assignment does; the dedupe key (conversation + agent +
 * channel) keeps a repeated assignment to the same agent from notifying twice.
 */
public record HandoffNotifier(BotStore store, NotificationStore notifications)
    implements AssignmentService.AssignedHook {
  static final String KIND = "bot_handoff";
  private static final int MAX_TEMPLATE_ANSWERS = 600;
  private static final Map<String, Map<String, String>> REASONS = Map.of(
      "human_agent", Map.of("es", "pidió hablar con una persona", "en", "asked for a person"),
      "not_understood", Map.of("es", "el bot no le entendió", "en", "the bot did not understand"),
      "flow_completed", Map.of("es", "completó las preguntas del bot", "en", "answered the bot's questions"),
      "out_of_scope", Map.of("es", "consulta fuera del alcance del bot", "en", "asked something outside the bot's scope"),
      "known_customer", Map.of("es", "cliente que vuelve, va directo a su ejecutivo",
          "en", "returning customer, straight to their salesperson"),
      "person_replied", Map.of("es", "una persona respondió en la conversación", "en", "a person replied in the conversation"));

  @Override
  public Future<Void> apply(SqlConnection conn, AssignmentService.Assigned a) {
    return store.handedOff(conn, a.conversationId(), a.assigneeId()).compose(h -> {
      if (h == null) {
        return Future.succeededFuture();
      }
      String lang = "en".equals(h.agentLocale()) ? "en" : "es";
      String reason = reasonText(h.reason(), lang);
      String answers = answers(h);
      String subject = ("en".equals(lang) ? "New conversation assigned: " : "Nueva conversación asignada: ")
          + h.contactName();
      String body = ("en".equals(lang)
          ? "The bot handed you the conversation with " + h.contactName() + " (" + reason + ").\n\nAnswers:\n"
          : "El bot te entregó la conversación con " + h.contactName() + " (" + reason + ").\n\nRespuestas:\n")
          + (answers.isBlank() ? "—" : answers)
          + ("en".equals(lang) ? "\n\nConversation #" : "\n\nConversación #") + a.conversationId();
      JsonObject payload = new JsonObject().put("conversationId", a.conversationId()).put("inboxId", a.inboxId())
          .put("reason", h.reason()).put("contactName", h.contactName())
          .put("answers", h.state() == null ? new JsonObject() : h.state().getJsonObject("answers", new JsonObject()));
      String key = "bot-handoff:" + a.conversationId() + ":" + a.assigneeId() + ":";
      String oneLine = answers.isBlank() ? "—" : answers.replaceAll("\\s*\\n\\s*", "; ").replaceAll("\\s{2,}", " ");
      if (oneLine.length() > MAX_TEMPLATE_ANSWERS) {
        oneLine = oneLine.substring(0, MAX_TEMPLATE_ANSWERS - 1) + "…";
      }
      JsonObject template = new JsonObject().put("template", new JsonObject().put("name", "agent_handoff")
          .put("language", lang).put("params", new JsonArray().add(oneLineOr(h.agentName(), "agente"))
              .add(oneLineOr(h.contactName(), "cliente")).add(reason).add(oneLine)))
          .put("conversationId", a.conversationId());
      return notifications.enqueue(conn, Notification.inApp(a.assigneeId(), KIND, subject, body, payload, key + "in_app"))
          .compose(x -> notifications.enqueue(conn, Notification.email(a.assigneeId(), null, KIND, subject, body, null,
              key + "email")))
          .compose(x -> notifications.enqueue(conn, new Notification(a.assigneeId(), null, "whatsapp", KIND, subject,
              body, null, template, key + "whatsapp")))
          .mapEmpty();
    });
  }

  static String reasonText(String reason, String lang) {
    Map<String, String> r = REASONS.get(reason);
    return r == null ? String.valueOf(reason) : r.get(lang);
  }

  /** The bot's own summary note when it wrote one (question wording, choice titles), else the raw answers. */
  private static String answers(BotStore.HandedOff h) {
    if (h.note() != null) {
      String note = h.note();
      int firstBreak = note.indexOf('\n');
      String rest = firstBreak < 0 ? "" : note.substring(firstBreak + 1).trim();
      if (!rest.isBlank()) {
        return rest;
      }
    }
    StringBuilder b = new StringBuilder();
    JsonObject answers = h.state() == null ? null : h.state().getJsonObject("answers");
    if (answers != null) {
      answers.forEach(e -> b.append("• ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
    }
    return b.toString().trim();
  }

  private static String oneLineOr(String s, String fallback) {
    String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return t.isEmpty() ? fallback : t;
  }
}
