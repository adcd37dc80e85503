package com.conecta.hub.marketing.bot;

import com.conecta.bots.flow.BotReply;
import com.conecta.bots.flow.BotState;
import com.conecta.bots.nlp.MessageUnderstanding;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.inbox.IngestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A returning customer who already has a salesperson (see {@link BotStore#knownOwner}) is not qualified again: the bot
 * says who will answer, ends its session and the conversation goes to that person.
 */
final class KnownCustomer {
  static final String REASON = "known_customer";
  /** The assignment log's existing reason for a customer given back to their person. */
  static final String ASSIGNMENT_REASON = "returning_customer";
  private static final Map<String, String> WHY = Map.of(
      "open_lead", "tiene un prospecto abierto con",
      "open_opportunity", "tiene una oportunidad abierta con",
      "account_owner", "su cuenta es de",
      "contact_owner", "su contacto es de",
      "last_agent", "lo atendió la última vez");

  private final Vertx vertx;
  private final MessageUnderstanding understanding;
  private final ConversationStore conversations;
  private final BotStore store;

  KnownCustomer(Vertx vertx, MessageUnderstanding understanding, ConversationStore conversations, BotStore store) {
    this.vertx = vertx;
    this.understanding = understanding;
    this.conversations = conversations;
    this.store = store;
  }

  /** Writes the session's end, the customer's reply and the system line in the step's transaction; the messages made. */
  Future<List<JsonObject>> handOff(SqlConnection conn, IngestService.Ingested in, String text, String contactName,
      BotStore.Owner owner) {
    long conv = in.result().conversationId();
    long inboxId = in.inbox().id();
    String flowId = in.inbox().settings().getString("botFlow");
    Future<String> language = text == null || text.isBlank() ? Future.succeededFuture("es")
        : vertx.executeBlocking(() -> understanding.understand(text).language(), false);
    List<JsonObject> created = new ArrayList<>();
    return language.compose(lang -> store.save(conn, conv,
                new JsonObject(new BotState(flowId, lang, 0, true, true, 0, Map.of(), Map.of()).toMap()), "handed_off",
                REASON)
            .compose(v -> conversations.send(conn, BotService.replyMessage(conv, inboxId, in.inbox().channel(),
                BotReply.text(greeting(lang, contactName, owner.name())), "bot:" + in.result().messageId() + ":0")))
            .map(m -> {
              created.add(m);
              return null;
            }))
        .compose(v -> conversations.insertMessage(conn, new ConversationStore.NewMessage(conv, inboxId, "out", "system",
            null, "system", "El bot entregó la conversación a una persona: " + HandoffNotifier.reasonText(REASON, "es")
                + " (" + WHY.getOrDefault(owner.why(), "es de") + " " + owner.name() + ")", null,
            new JsonObject().put("event", "bot_handoff").put("reason", REASON).put("ownerId", owner.userId())
                .put("why", owner.why()), false)))
        .map(m -> {
          created.add(m);
          return created;
        });
  }

  static String greeting(String lang, String contactName, String ownerName) {
    String customer = firstWord(contactName);
    String person = firstWord(ownerName);
    if ("en".equals(lang)) {
      return "Welcome back" + (customer == null ? "" : ", " + customer) + "! I'm passing you to "
          + (person == null ? "your salesperson" : person) + ", who already looks after you; they'll answer as soon as they can.";
    }
    return "¡Hola de nuevo" + (customer == null ? "" : ", " + customer) + "! Te comunico con "
        + (person == null ? "tu ejecutivo" : person) + ", que ya te atiende; te responderá apenas pueda.";
  }

  private static String firstWord(String name) {
    if (name == null || name.isBlank() || name.trim().startsWith("+") || name.trim().matches("\\d.*")) {
      return null;
    }
    return name.trim().split("\\s+")[0];
  }
}
