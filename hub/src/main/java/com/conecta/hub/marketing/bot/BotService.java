package com.conecta.hub.marketing.bot;

import com.conecta.bots.flow.BotInput;
import com.conecta.bots.flow.BotOutcome;
import com.conecta.bots.flow.BotReply;
import com.conecta.bots.flow.BotState;
import com.conecta.bots.flow.BotStep;
import com.conecta.bots.flow.FlowDefinition;
import com.conecta.bots.flow.FlowEngine;
import com.conecta.bots.nlp.MessageUnderstanding;
import com.conecta.bots.nlp.Understanding;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.hub.operations.assignment.AssignmentService;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.outbound.Reply;
import com.conecta.hub.messaging.inbox.IngestService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an inbox's bot flow on each new customer message until a person takes over: one step at a time per
 * conversation (its session row is locked), replies through the outbox, outcomes written to the CRM in the same
 * transaction, and on hand-off the conversation goes to assignment. Once an agent is assigned, or a person has written
 * publicly in the conversation (V90 ends the session in the reply's own transaction), the bot is silent. A returning
 * customer who already has a salesperson goes straight to that person ({@link KnownCustomer}).
 */
public final class BotService {
  private static final Logger log = LoggerFactory.getLogger(BotService.class);

  private final Vertx vertx;
  private final BotStore store;
  private final Map<String, FlowDefinition> flows;
  private final FlowEngine engine;
  private final MessageUnderstanding understanding;
  private final ConversationStore conversations;
  private final ConversationService conversationService;
  private final AssignmentService assignment;
  private final RealtimeBroker broker;
  private final KnownCustomer knownCustomer;
  private final AnswerSink answerSink;

  /** Stores answers of questions that name a custom field ({@code customField: key}) into the created record. */
  @FunctionalInterface
  public interface AnswerSink {
    Future<Void> store(SqlConnection tx, String entity, long recordId, long contactId, Map<String, String> answers);
  }

  public BotService(Vertx vertx, BotStore store, Map<String, FlowDefinition> flows, FlowEngine engine,
      MessageUnderstanding understanding, ConversationStore conversations, ConversationService conversationService,
      AssignmentService assignment, RealtimeBroker broker, AnswerSink answerSink) {
    this.answerSink = answerSink;
    this.vertx = vertx;
    this.store = store;
    this.flows = Map.copyOf(flows);
    this.engine = engine;
    this.understanding = understanding;
    this.conversations = conversations;
    this.conversationService = conversationService;
    this.assignment = assignment;
    this.broker = broker;
    this.knownCustomer = new KnownCustomer(vertx, understanding, conversations, store);
  }

  /** field key → answer, for the flow's questions that store into a custom field. */
  private Map<String, String> customAnswers(IngestService.Ingested in, Map<String, String> answers) {
    FlowDefinition flow = flows.get(in.inbox().settings().getString("botFlow"));
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (flow != null) {
      flow.questions().stream().filter(q -> q.customField() != null && answers.get(q.id()) != null)
          .forEach(q -> out.put(q.customField(), answers.get(q.id())));
    }
    return out;
  }

  /** Language, intent and entities of a text (the classifier is CPU work: off the event loop). */
  public Future<Understanding> classify(String text) {
    return vertx.executeBlocking(() -> understanding.understand(text), false);
  }

  /** A reaction to a new message; idempotent: one step per inbound message (see {@link BotStore#takeMessage}). */
  public Future<Void> accept(IngestService.Ingested in) {
    String flowId = in.inbox().settings().getString("botFlow");
    FlowDefinition flow = flowId == null ? null : flows.get(flowId);
    if (flow == null) {
      return Future.succeededFuture();
    }
    return handle(in, flowId, flow).onFailure(e -> log.warn("bot step for conversation {} failed: {}",
        in.result().conversationId(), e.toString()));
  }

  /** What a step left to do after its transaction committed; owner: the person a known customer goes to, or null. */
  private record Done(List<JsonObject> messages, String handoffReason, BotStore.Owner owner) {
    Done(List<JsonObject> messages, String handoffReason) {
      this(messages, handoffReason, null);
    }
  }

  private Future<Void> handle(IngestService.Ingested in, String flowId, FlowDefinition flow) {
    long conv = in.result().conversationId();
    JsonObject initial = new JsonObject(BotState.start(flowId).toMap());
    return store.notForTheBot(conv).compose(skip -> skip ? Future.succeededFuture((Done) null)
        : store.open(conv, flowId, initial).compose(opened -> store.pool().withTransaction(conn -> store.openAndLock(conn,
            conv, flowId, initial)
        .compose(session -> store.takeMessage(conn, conv, in.result().messageId())
            .compose(first -> first ? stepLocked(conn, in, flow, session) : Future.succeededFuture((Done) null))))))
        .compose(done -> done == null ? Future.succeededFuture() : announce(in, done));
  }

  /** One step with the session row locked: silent once a person has the conversation. */
  private Future<Done> stepLocked(SqlConnection conn, IngestService.Ingested in, FlowDefinition flow,
      BotStore.Session session) {
    if (!"active".equals(session.status()) || session.assigneeId() != null) {
      return Future.succeededFuture(null);
    }
    BotState state = BotState.fromMap(new JsonObject(session.state().encode()).getMap());
    BotInput input = withHours(input(in.message(), session.known()), BusinessHours.of(in.inbox().settings()),
        state.language());
    if (state.started() || !"lead".equals(flow.completion())) {
      return run(conn, in, flow, state, input);
    }
    // A customer who already has a salesperson is not qualified again: they go straight to that person. (A service
    // flow still runs: it opens the ticket the technicians work from.)
    return store.knownOwner(conn, in.result().conversationId()).compose(owner -> owner == null
        ? run(conn, in, flow, state, input)
        : knownCustomer.handOff(conn, in, input.text(), session.known().get("name"), owner)
            .map(messages -> new Done(messages, KnownCustomer.REASON, owner)));
  }

  private Future<Done> run(SqlConnection conn, IngestService.Ingested in, FlowDefinition flow, BotState state,
      BotInput input) {
    return vertx.executeBlocking(() -> engine.step(flow, state, input), false).compose(step -> apply(conn, in, step));
  }

  private Future<Done> apply(SqlConnection conn, IngestService.Ingested in, BotStep step) {
    long conv = in.result().conversationId();
    long inboxId = in.inbox().id();
    List<JsonObject> created = new ArrayList<>();
    String handoff = step.outcomes().stream().filter(o -> o instanceof BotOutcome.Handoff)
        .map(o -> ((BotOutcome.Handoff) o).reason()).findFirst().orElse(null);
    String status = handoff != null ? "handed_off" : step.next().finished() ? "finished" : "active";
    Future<Void> chain = store.save(conn, conv, new JsonObject(step.next().toMap()), status, handoff);
    for (int i = 0; i < step.replies().size(); i++) {
      BotReply reply = step.replies().get(i);
      String key = "bot:" + in.result().messageId() + ":" + i;
      chain = chain.compose(v -> conversations.send(conn, replyMessage(conv, inboxId, in.inbox().channel(), reply, key))
          .map(m -> {
            created.add(m);
            return null;
          }));
    }
    // The summary is written once for the person who takes over: with the lead or ticket when there is one.
    boolean summarised = step.outcomes().stream().anyMatch(o -> o instanceof BotOutcome.Lead || o instanceof BotOutcome.Ticket);
    for (BotOutcome outcome : step.outcomes()) {
      chain = chain.compose(v -> outcome(conn, in, outcome, created, summarised));
    }
    return chain.map(v -> new Done(created, handoff));
  }

  private Future<Void> outcome(SqlConnection conn, IngestService.Ingested in, BotOutcome outcome, List<JsonObject> created,
      boolean summarised) {
    long conv = in.result().conversationId();
    long contact = in.result().contactId();
    if (outcome instanceof BotOutcome.Lead lead) {
      return store.lead(conn, contact, conv, "Prospecto " + (lead.interestArea() == null ? "" : lead.interestArea()).trim(),
              in.inbox().channel(), lead.interestArea(), lead.priority(), lead.score(), new JsonObject(Map.copyOf(lead.answers())),
              in.inbox().teamId())
          .compose(id -> answerSink.store(conn, "lead", id, contact, customAnswers(in, lead.answers())))
          .compose(id -> note(conn, in, "Prospecto calificado por el bot (prioridad " + lead.priority() + ", puntaje "
              + lead.score() + ")\n" + lead.summary(), created));
    }
    if (outcome instanceof BotOutcome.Ticket ticket) {
      String subject = ticket.summary() == null ? "Solicitud" : ticket.summary().lines().findFirst().orElse("Solicitud");
      boolean visit = "visit".equals(ticket.kind());
      String title = subject.length() > 200 ? subject.substring(0, 200) : subject;
      return store.ticket(conn, contact, conv, visit ? "visit" : "support", title, ticket.summary(),
              new JsonObject(Map.copyOf(ticket.answers())))
          .compose(id -> answerSink.store(conn, "ticket", id, contact, customAnswers(in, ticket.answers())).map(id))
          // A visit request is work to schedule: an activity of kind visit, due on the day the customer named.
          .compose(id -> !visit ? Future.succeededFuture(id)
              : store.visitActivity(conn, "Visita solicitada: " + title, ticket.summary(), visitDue(ticket.visitDate()),
                  contact, id).map(id))
          .compose(id -> note(conn, in, (visit ? "Solicitud de visita registrada por el bot (ticket y actividad)\n"
              : "Ticket abierto por el bot\n") + ticket.summary(), created));
    }
    if (outcome instanceof BotOutcome.OptOut) {
      return store.optOut(conn, contact);
    }
    if (outcome instanceof BotOutcome.Handoff h) {
      return conversations.insertMessage(conn, new ConversationStore.NewMessage(conv, in.inbox().id(), "out", "system", null,
              "system", "El bot entregó la conversación a una persona: " + HandoffNotifier.reasonText(h.reason(), "es")
                  + ".", null,
              new JsonObject().put("event", "bot_handoff").put("reason", h.reason()), false))
          .compose(m -> {
            created.add(m);
            return h.summary() == null || h.summary().isBlank() || summarised ? Future.succeededFuture()
                : note(conn, in, "Resumen del bot\n" + h.summary(), created);
          });
    }
    return Future.succeededFuture();
  }

  private Future<Void> note(SqlConnection conn, IngestService.Ingested in, String text, List<JsonObject> created) {
    return conversations.insertMessage(conn, new ConversationStore.NewMessage(in.result().conversationId(), in.inbox().id(),
            "out", "bot", null, "text", text, null, new JsonObject(), true))
        .map(m -> {
          created.add(m);
          return null;
        });
  }

  private Future<Void> announce(IngestService.Ingested in, Done done) {
    long conv = in.result().conversationId();
    done.messages().forEach(m -> broker.publish(new HubEvent("message.created", in.inbox().id(), conv, m)));
    conversationService.changed(conv);
    if (done.handoffReason() == null) {
      return Future.succeededFuture();
    }
    broker.publish(new HubEvent("bot.handoff", in.inbox().id(), conv, new JsonObject().put("conversationId", conv)
        .put("reason", done.handoffReason())));
    Future<Boolean> toOwner = done.owner() == null ? Future.succeededFuture(false)
        : assignment.assignTo(conv, done.owner().userId(), done.owner().name(), KnownCustomer.ASSIGNMENT_REASON)
            .map(java.util.Optional::isPresent)
            .recover(e -> {
              log.warn("conversation {}: could not give it to its owner {}, assigning as usual: {}", conv,
                  done.owner().userId(), e.toString());
              return Future.succeededFuture(false);
            });
    return toOwner.compose(assigned -> assigned ? Future.succeededFuture() : assignment.autoAssign(conv).mapEmpty())
        .compose(a -> store.leadOwnerFromConversation(conv));
  }

  /** The named day at 10:00 in Santiago; null (no due date) when the customer named none or it cannot be read. */
  static java.time.OffsetDateTime visitDue(String isoDate) {
    if (isoDate == null) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(isoDate).atTime(10, 0).atZone(ZONE).toOffsetDateTime();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static final java.time.ZoneId ZONE = java.time.ZoneId.of("America/Santiago");

  /** The bot's reply as it is sent: buttons and lists on WhatsApp, numbered options elsewhere. */
  static Reply replyMessage(long conv, long inboxId, String channel, BotReply reply, String idempotencyKey) {
    boolean interactive = "whatsapp".equals(channel) && (!reply.buttons().isEmpty() || !reply.listRows().isEmpty());
    JsonObject content = new JsonObject();
    if (interactive && !reply.buttons().isEmpty()) {
      JsonArray buttons = new JsonArray();
      reply.buttons().forEach(b -> buttons.add(new JsonObject().put("id", b.id()).put("title", b.title())));
      content.put("buttons", buttons);
    } else if (interactive) {
      JsonArray rows = new JsonArray();
      reply.listRows().forEach(r -> rows.add(new JsonObject().put("id", r.id()).put("title", r.title())));
      content.put("list", new JsonObject().put("button", "Opciones").put("rows", rows));
    }
    String text = reply.text();
    if (!interactive && (!reply.buttons().isEmpty() || !reply.listRows().isEmpty())) {
      StringBuilder options = new StringBuilder(text);
      List<BotReply.Option> all = reply.buttons().isEmpty() ? reply.listRows() : reply.buttons();
      for (int i = 0; i < all.size(); i++) {
        options.append("\n").append(i + 1).append(") ").append(all.get(i).title());
      }
      text = options.toString();
    }
    return new Reply(conv, inboxId, channel, "bot", null, interactive ? "interactive" : "text", text, null, content, null,
        idempotencyKey);
  }

  /** Outside the inbox's hours the bot still qualifies and says when a person will answer. */
  static BotInput withHours(BotInput in, BusinessHours hours, String language) {
    if (hours == null) {
      return in;
    }
    java.time.ZonedDateTime now = in.now().atZone(hours.zone());
    boolean open = hours.isOpen(now);
    return new BotInput(in.text(), in.buttonPayload(), in.kind(), in.knownFields(), in.now(), open,
        open ? null : hours.nextOpening(now, language));
  }

  static BotInput input(InboundMessage m, Map<String, String> known) {
    String payload = switch (m.contentType()) {
      case INTERACTIVE_REPLY -> m.content().getString("replyId");
      case BUTTON_REPLY -> m.content().getString("payload");
      default -> null;
    };
    BotInput.MessageKind kind = switch (m.contentType()) {
      case TEXT, EMAIL, FORM -> BotInput.MessageKind.TEXT;
      case INTERACTIVE_REPLY, BUTTON_REPLY -> BotInput.MessageKind.BUTTON;
      case STICKER -> BotInput.MessageKind.STICKER;
      case IMAGE -> BotInput.MessageKind.IMAGE;
      case AUDIO -> BotInput.MessageKind.AUDIO;
      case VIDEO -> BotInput.MessageKind.VIDEO;
      case DOCUMENT -> BotInput.MessageKind.DOCUMENT;
      case LOCATION -> BotInput.MessageKind.LOCATION;
      default -> BotInput.MessageKind.OTHER;
    };
    String text = m.contentType() == ContentType.TEXT || payload != null ? m.text() : null;
    return new BotInput(text, payload, kind, known, Instant.now(), true, null);
  }
}
