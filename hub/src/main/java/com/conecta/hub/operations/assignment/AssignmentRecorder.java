package com.conecta.hub.operations.assignment;

import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.operations.assignment.AssignmentService.Assigned;
import com.conecta.hub.operations.assignment.AssignmentService.AssignedHook;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Writes an assignment inside its transaction — the assignee, the conversation's system line, and what must commit
 * with it (the agent's hand-off notice and assignment notice, the {@link AssignedHook}s) — and announces it after.
 */
final class AssignmentRecorder {
  private final AssignmentStore store;
  private final ConversationStore conversations;
  private final ConversationService conversationService;
  private final RealtimeBroker broker;
  private final List<AssignedHook> assignedHooks;

  AssignmentRecorder(AssignmentStore store, ConversationStore conversations, ConversationService conversationService,
      RealtimeBroker broker, List<AssignedHook> assignedHooks) {
    this.store = store;
    this.conversations = conversations;
    this.conversationService = conversationService;
    this.broker = broker;
    this.assignedHooks = List.copyOf(assignedHooks);
  }

  /** Gives the conversation to the candidate for the reason, with its system line and hooks. */
  Future<Assigned> record(SqlConnection conn, AssignmentStore.Conversation c, AssignmentStore.Candidate k,
      String reason) {
    return store.setAssignee(conn, c.id(), k.userId(), c.assigneeId(), reason, null)
        .compose(v -> systemMessage(conn, c.id(), c.inboxId(), "Asignada a " + k.name() + " (" + reason + ")",
            new JsonObject().put("event", "assigned").put("assigneeId", k.userId()).put("reason", reason)))
        .map(v -> new Assigned(c.id(), c.inboxId(), k.userId(), reason))
        .compose(a -> runHooks(conn, a).map(a));
  }

  /** The work that must commit with an assignment, in the order it was given. */
  Future<Void> runHooks(SqlConnection conn, Assigned a) {
    Future<Void> chain = Future.succeededFuture();
    for (AssignedHook h : assignedHooks) {
      chain = chain.compose(v -> h.apply(conn, a));
    }
    return chain;
  }

  /** The conversation's line saying what happened ("Asignada a Ana"), shown live to whoever has it open. */
  Future<Void> systemMessage(SqlConnection conn, long conversationId, long inboxId, String text, JsonObject content) {
    return conversations.insertMessage(conn, new ConversationStore.NewMessage(conversationId, inboxId, "out", "system",
            null, "system", text, null, content, false))
        .map(m -> {
          broker.publish(new HubEvent("message.created", inboxId, conversationId, m));
          return null;
        });
  }

  /** After commit: the inboxes hear of the assignment and the conversation's row is redrawn. */
  void announce(Assigned a) {
    broker.publish(new HubEvent("conversation.assigned", a.inboxId(), a.conversationId(), new JsonObject()
        .put("conversationId", a.conversationId()).put("assigneeId", a.assigneeId()).put("reason", a.reason())));
    conversationService.changed(a.conversationId());
  }
}
