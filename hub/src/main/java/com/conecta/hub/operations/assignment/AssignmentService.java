package com.conecta.hub.operations.assignment;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who works a conversation: round-robin among the team's available agents with room (a returning customer goes
 * back to their last agent), a waiting queue drained oldest first, reassignment when the first reply is late, and
 * manual assignment that always wins. Every assignment is recorded with its reason and announced. Choosing an agent
 * is {@link AgentChooser}, availability {@link AgentPresence}, writing an assignment with what commits with it
 * {@link AssignmentRecorder}; this class holds the rules of manual assignment and the periodic pass.
 */
public final class AssignmentService {
  public static final Set<String> AVAILABILITY = Set.of("online", "away", "offline");

  /** What an assignment did, for the events after commit. */
  public record Assigned(long conversationId, long inboxId, long assigneeId, String reason) {}

  public record Settings(int presenceSeconds, boolean releaseOnOffline) {}

  /** Work that must commit with an assignment (e.g. notifying the agent); runs inside its transaction. */
  @FunctionalInterface
  public interface AssignedHook {
    Future<Void> apply(SqlConnection conn, Assigned assigned);
  }

  private final AssignmentStore store;
  private final ConversationStore conversations;
  private final ConversationService conversationService;
  private final RealtimeBroker broker;
  private final AssignmentRecorder recorder;
  private final AgentChooser chooser;
  private final AgentPresence presence;

  public AssignmentService(AssignmentStore store, ConversationStore conversations,
      ConversationService conversationService, RoundRobinCursor cursor, RealtimeBroker broker, Settings settings,
      List<AssignedHook> assignedHooks) {
    this.store = store;
    this.conversations = conversations;
    this.conversationService = conversationService;
    this.broker = broker;
    this.recorder = new AssignmentRecorder(store, conversations, conversationService, broker, assignedHooks);
    this.chooser = new AgentChooser(store, cursor, broker, settings, recorder);
    this.presence = new AgentPresence(store, conversationService, broker, settings, recorder, chooser);
  }

  /** Assigns an unassigned open conversation if someone can take it; empty when it must wait. */
  public Future<Optional<Assigned>> autoAssign(long conversationId) {
    return chooser.autoAssign(conversationId);
  }

  /**
   * Gives an unassigned open conversation to a named person (a returning customer's salesperson), whatever their
   * presence or load: the customer is theirs. Empty when it is already assigned or not open.
   */
  public Future<Optional<Assigned>> assignTo(long conversationId, long userId, String userName, String reason) {
    return chooser.assignTo(conversationId, userId, userName, reason);
  }

  /**
   * Manual assignment (or, with null, unassignment). Admins assign anyone; an agent may take an unassigned
   * conversation or release their own.
   */
  public Future<JsonObject> manual(Principal p, long conversationId, Long assigneeId) {
    return conversationService.visible(p, conversationId).compose(c -> {
      Long current = c.getLong("assigneeId");
      String reason;
      if (p.isAdmin()) {
        reason = assigneeId == null ? "released" : "manual";
      } else if (assigneeId != null && assigneeId == p.userId() && current == null) {
        reason = "taken";
      } else if (assigneeId == null && Long.valueOf(p.userId()).equals(current)) {
        reason = "released";
      } else {
        return Future.failedFuture(ApiError.forbidden("agents may take unassigned conversations or release their own"));
      }
      Future<String> name = assigneeId == null ? Future.succeededFuture(null)
          : conversations.assignableUserName(assigneeId).map(n -> {
            if (n == null) {
              throw ApiError.invalid("assigneeId", "no active agent or admin with id " + assigneeId);
            }
            return n;
          });
      long inboxId = c.getLong("inboxId");
      return name.compose(n -> store.pool().withTransaction(conn ->
              store.setAssignee(conn, conversationId, assigneeId, current, reason, p.userId())
                  .compose(v -> recorder.systemMessage(conn, conversationId, inboxId,
                      assigneeId == null ? "Conversación sin asignar" : "Asignada a " + n,
                      new JsonObject().put("event", assigneeId == null ? "unassigned" : "assigned")
                          .put("assigneeId", assigneeId).put("byUserId", p.userId()).put("reason", reason)))
                  .compose(v -> assigneeId == null ? Future.succeededFuture()
                      : recorder.runHooks(conn, new Assigned(conversationId, inboxId, assigneeId, reason)))))
          .compose(v -> {
            broker.publish(new HubEvent("conversation.assigned", inboxId, conversationId, new JsonObject()
                .put("conversationId", conversationId).put("assigneeId", assigneeId).put("reason", reason)));
            return conversationService.changed(conversationId);
          });
    });
  }

  /** The browser's heartbeat: marks the agent online or away; coming online drains their teams' waiting queues. */
  public Future<JsonObject> heartbeat(Principal p, String availability) {
    return presence.heartbeat(p, availability);
  }

  /** Assigns the team's waiting conversations, oldest first, while someone can take them. */
  public Future<Integer> drain(long teamId) {
    return chooser.drain(teamId);
  }

  /** Hands back an agent's open conversations to their teams' queues (agent went offline). */
  public Future<Void> release(long userId) {
    return presence.release(userId);
  }

  /** Moves a conversation whose first reply is late to the next agent and tells the team's supervisors. */
  public Future<Void> reassignLate(long conversationId) {
    return chooser.reassignLate(conversationId);
  }

  /**
   * Gives a new lead of a team an owner by the team's round-robin (the same cursor as conversations), so that the
   * sales team shares prospects evenly; the lead keeps no owner when nobody is online.
   */
  public Future<JsonObject> assignLeadOwner(JsonObject lead) {
    return chooser.assignLeadOwner(lead);
  }

  /** The periodic pass every node runs: expire presence, hand back work, drain queues, reassign late replies. */
  public Future<Void> tick() {
    return presence.expire()
        .compose(v -> store.overdueFirstReply())
        .compose(late -> {
          Future<Void> chain = Future.succeededFuture();
          for (long id : late) {
            chain = chain.compose(x -> reassignLate(id).recover(e -> Future.succeededFuture()));
          }
          return chain;
        })
        .compose(v -> store.teamsWithWaiting())
        .compose(teams -> Future.join(teams.stream().map(chooser::drain).toList()).mapEmpty());
  }

  public Future<List<JsonObject>> presence() {
    return store.presence();
  }

  public Future<List<JsonObject>> history(Principal p, long conversationId) {
    return conversationService.visible(p, conversationId).compose(c -> store.history(conversationId));
  }
}
