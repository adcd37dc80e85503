package com.conecta.hub.channels.webform;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.customers.contact.ContactMergeStore;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.outbound.Reply;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.templates.RenderedTemplate;
import com.conecta.templates.TemplateCatalogue;
import com.conecta.templates.TemplateException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A web form has no way back to the person who filled it: the answer goes on the channels they gave — WhatsApp (an
 * approved template, since they never wrote there) or email from the configured inbox, threaded — in a conversation
 * of the same contact, and the lead remembers it. The form conversation shows where the talk went on.
 */
public record FormReplyService(
    ConversationService conversations,
    ConversationStore conversationStore,
    FormReplyStore store,
    ContactMergeStore merges,
    TemplateCatalogue templates,
    RealtimeBroker broker) {
  /** What an agent asks for: a channel and either a template (WhatsApp) or a text with a subject (email). */
  public record Answer(String channel, String text, String subject, String templateName, List<String> params,
      String clientMessageId) {}

  /**
   * The channels this lead can be answered on, each with the inbox it goes from and the address it goes to; none for a
   * conversation that is not a web form's (it is answered on its own channel).
   */
  public Future<JsonArray> channels(Principal p, long conversationId) {
    return conversations.visible(p, conversationId).compose(c -> !"webform".equals(c.getString("channel"))
        ? Future.succeededFuture(new JsonArray())
        : store.options(conversationId).map(FormReplyService::offered));
  }

  private static JsonArray offered(FormReplyStore.Options o) {
    JsonArray out = new JsonArray();
    String digits = whatsappNumber(o);
    if (digits != null && o.whatsappInboxId() != null) {
      out.add(new JsonObject().put("channel", "whatsapp").put("inboxId", o.whatsappInboxId())
          .put("inboxName", o.whatsappInboxName()).put("to", "+" + digits).put("templateRequired", true));
    }
    if (o.email() != null && !o.email().isBlank() && o.emailInboxId() != null) {
      out.add(new JsonObject().put("channel", "email").put("inboxId", o.emailInboxId())
          .put("inboxName", o.emailInboxName()).put("to", o.email()));
    }
    return out;
  }

  /** The lead's WhatsApp number as digits: the one they wrote from, else the phone they typed. */
  private static String whatsappNumber(FormReplyStore.Options o) {
    String raw = o.waId() != null ? o.waId() : o.phone();
    String digits = raw == null ? "" : raw.replaceAll("[^0-9]", "");
    return digits.length() >= 8 && digits.length() <= 15 ? digits : null;
  }

  /** Sends the answer; the message (queued) of the conversation it went on, with that conversation's id. */
  public Future<JsonObject> answer(Principal p, long formConversationId, Answer a) {
    return formConversation(p, formConversationId)
        .compose(form -> store.options(formConversationId).compose(o -> {
          JsonObject choice = offered(o).stream().map(JsonObject.class::cast)
              .filter(x -> x.getString("channel").equals(a.channel())).findFirst().orElse(null);
          if (choice == null) {
            return Future.failedFuture(new ApiError(422, "channel_not_offered", "the lead gave no " + a.channel()
                + (a.channel().equals("email") ? " address" : " number") + " to answer on, or no such inbox exists",
                "channel"));
          }
          Outgoing out = outgoing(a, o);
          long inboxId = choice.getLong("inboxId");
          String key = "reply:" + p.userId() + ":" + (a.clientMessageId() == null ? UUID.randomUUID() : a.clientMessageId());
          return store.pool().withTransaction(conn -> contactOnChannel(conn, o, a.channel())
                  .compose(contactId -> store.conversation(conn, a.channel(), inboxId, contactId, p.userId()))
                  .compose(conv -> conversationStore.send(conn, new Reply(conv[0], inboxId, a.channel(), "agent",
                          p.userId(), out.contentType(), out.text(), null, out.content(), null, key))
                      .compose(m -> conversationStore.touchAfterReply(conn, conv[0], preview(out.text()))
                          .compose(v -> store.linkLead(conn, formConversationId, a.channel() + "ConversationId", conv[0]))
                          .compose(v -> conversationStore.insertMessage(conn, new ConversationStore.NewMessage(
                              formConversationId, form.getLong("inboxId"), "out", "system", null, "system",
                              ("email".equals(a.channel()) ? "Respuesta enviada por correo a " : "Respuesta enviada por WhatsApp a ")
                                  + choice.getString("to") + " (conversación #" + conv[0] + ")",
                              null, new JsonObject().put("event", "continued").put("channel", a.channel())
                                  .put("conversationId", conv[0]).put("to", choice.getString("to")), false)))
                          .map(note -> new JsonObject[] {m, note}))))
              .recover(e -> com.conecta.hub.foundation.platform.PgErrors.isUniqueViolation(e)
                  ? Future.failedFuture(ApiError.conflict("duplicate_message", "this clientMessageId was already sent"))
                  : Future.failedFuture(e))
              .compose(pair -> announce(form, pair[0], pair[1]));
        }));
  }

  /** What goes out: a rendered template on WhatsApp, a text with its subject by email. Bad input changes nothing. */
  private record Outgoing(String contentType, String text, JsonObject content) {}

  private Outgoing outgoing(Answer a, FormReplyStore.Options o) {
    if ("email".equals(a.channel())) {
      if (a.text() == null || a.text().isBlank()) {
        throw ApiError.missing("text");
      }
      String subject = a.subject() == null || a.subject().isBlank() ? "Su consulta" : a.subject().trim();
      return new Outgoing("text", a.text(), new JsonObject().put("subject", subject));
    }
    if (a.templateName() == null) {
      throw new ApiError(422, "template_required",
          "the lead never wrote on WhatsApp: the first message there must be an approved template", "template");
    }
    try {
      RenderedTemplate r = templates.render(a.templateName(), "en".equals(o.locale()) ? "en" : "es", a.params());
      return new Outgoing("template", r.preview(), new JsonObject().put("name", r.name()).put("language", r.languageCode())
          .put("components", new JsonArray(new ArrayList<>(r.components()))));
    } catch (TemplateException e) {
      throw new ApiError(422, e.code(), e.getMessage(), e.field());
    }
  }

  /**
   * The contact the answer goes to, known on the channel: the lead's contact gets the identity; when another contact
   * already had it (the person wrote from that number before), that contact is merged into the lead's.
   */
  private Future<Long> contactOnChannel(SqlConnection conn, FormReplyStore.Options o, String channel) {
    String kind = "email".equals(channel) ? "email" : "whatsapp";
    String value = "email".equals(channel) ? o.email().trim().toLowerCase() : whatsappNumber(o);
    return store.identity(conn, o.contactId(), kind, value).compose(owner -> owner == o.contactId()
        ? Future.succeededFuture(o.contactId())
        : merges.merge(conn, o.contactId(), owner).map(o.contactId()));
  }

  private Future<JsonObject> formConversation(Principal p, long id) {
    return conversations.visible(p, id).map(c -> {
      if (!"webform".equals(c.getString("channel"))) {
        throw ApiError.invalid("conversationId", "only web-form conversations are answered on another channel");
      }
      return c;
    });
  }

  private Future<JsonObject> announce(JsonObject form, JsonObject message, JsonObject note) {
    long target = message.getLong("conversationId");
    broker.publish(new HubEvent("message.created", message.getLong("inboxId"), target, message));
    broker.publish(new HubEvent("message.created", form.getLong("inboxId"), form.getLong("id"), note));
    return conversations.changed(form.getLong("id")).compose(v -> conversations.changed(target)).map(message);
  }

  private static String preview(String text) {
    return text == null ? null : text.length() > 200 ? text.substring(0, 200) : text;
  }
}
