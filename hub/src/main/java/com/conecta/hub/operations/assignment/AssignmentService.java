package com.conecta.hub.operations.assignment;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who works a conversation: round-robin among the team's available agents with room (a returning customer goes
 * back to their last agent), a waiting queue drained oldest first, reassignment when the first reply is late, and
 * manual assignment that always wins. Every assignment is recorded with its reason and announced.
 */
public final class AssignmentService {
  private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);
  public static final Set<String> AVAILABILITY = Set.of("online", "away", "offline");

  /** What an assignment did, for the events after commit. */
  public record Assigned(long conversationId, long inboxId, long assigneeId, String reason) {}

  public record Settings(int presenceSeconds, boolean releaseOnOffline) {}

  /** Work that must commit with an assignment (e.g. notifying the agent); runs inside its transaction. */
  @FunctionalInterface
  public interface AssignedHook {
    Future<Void> apply(SqlConnection conn, Assigned assigned);
  }

  private final List<AssignedHook> assignedHooks;

  private Future<Void> assignedHooks(SqlConnection conn, Assigned a) {
    Future<Void> chain = Future.succeededFuture();
    for (AssignedHook h : assignedHooks) {
      chain = chain.compose(v -> h.apply(conn, a));
    }
    return chain;
  }

  private final AssignmentStore store;
  private final ConversationStore conversations;
  private final ConversationService conversationService;
  private final RoundRobinCursor cursor;
  private final RealtimeBroker broker;
  private final Settings settings;

  public AssignmentService(AssignmentStore store, ConversationStore conversations,
      ConversationService conversationService, RoundRobinCursor cursor, RealtimeBroker broker, Settings settings,
      List<AssignedHook> assignedHooks) {
    this.assignedHooks = List.copyOf(assignedHooks);
    this.store = store;
    this.conversations = conversations;
    this.conversationService = conversationService;
    this.cursor = cursor;
    this.broker = broker;
    this.settings = settings;
  }

  /** Assigns an unassigned open conversation if someone can take it; empty when it must wait. */
  public Future<Optional<Assigned>> autoAssign(long conversationId) {
    return store.teamOf(conversationId).compose(teamId -> {
      if (teamId == null) {
        return Future.succeededFuture(Optional.<Assigned>empty());
      }
      return store.pool().withTransaction(conn -> store.lockTeam(conn, teamId)
              .compose(v -> store.conversation(conn, conversationId))
              .compose(c -> c == null || c.assigneeId() != null || !"open".equals(c.status())
                  ? Future.succeededFuture(Optional.<Assigned>empty())
                  : choose(conn, c, teamId)))
          .onSuccess(a -> a.ifPresent(this::announce));
    });
  }

  /**
   * Gives an unassigned open conversation to a named person (a returning customer's salesperson), whatever their
   * presence or load: the customer is theirs. Empty when it is already assigned or not open.
   */
  public Future<Optional<Assigned>> assignTo(long conversationId, long userId, String userName, String reason) {
    return store.pool().withTransaction(conn -> store.conversation(conn, conversationId)
            .compose(c -> c == null || c.assigneeId() != null || !"open".equals(c.status())
                ? Future.succeededFuture(Optional.<Assigned>empty())
                : record(conn, c, new AssignmentStore.Candidate(userId, userName, null, 0, 0), reason).map(Optional::of)))
        .onSuccess(a -> a.ifPresent(this::announce));
  }

  /**
   * Reads the cursor while holding the team lock and writes it back before the lock is released, so that the next
   * assigner on any node sees it; Redis first, the durable copy when Redis does not answer.
   */
  private Future<Long> lastAssigned(SqlConnection conn, long teamId) {
    return cursor.last(teamId).compose(last -> last != null ? Future.succeededFuture(last)
        : store.durableCursor(conn, teamId));
  }

  private Future<Void> advance(SqlConnection conn, long teamId, long userId) {
    return store.saveDurableCursor(conn, teamId, userId).compose(v -> cursor.remember(teamId, userId));
  }

  private Future<Optional<Assigned>> choose(SqlConnection conn, AssignmentStore.Conversation c, long teamId) {
    return store.candidates(conn, teamId, c.inboxId(), settings.presenceSeconds()).compose(candidates -> {
      if (candidates.isEmpty()) {
        return Future.succeededFuture(Optional.<Assigned>empty());
      }
      Future<Long> returning = c.inboxSettings().getBoolean("returningCustomerToLastAgent", true)
          ? store.lastAssignee(conn, c.contactId(), teamId, c.id()) : Future.succeededFuture(null);
      return returning.compose(lastAgent -> {
        Optional<AssignmentStore.Candidate> back = candidates.stream()
            .filter(k -> lastAgent != null && k.userId() == lastAgent && AgentPicker.hasRoom(k, c.inboxSettings()))
            .findFirst();
        if (back.isPresent()) {
          return record(conn, c, back.get(), "returning_customer").map(Optional::of);
        }
        return lastAssigned(conn, teamId).compose(l -> {
          Optional<AssignmentStore.Candidate> pick = AgentPicker.next(candidates, l, c.inboxSettings());
          if (pick.isEmpty()) {
            return Future.succeededFuture(Optional.<Assigned>empty());
          }
          return advance(conn, teamId, pick.get().userId())
              .compose(v -> record(conn, c, pick.get(), "round_robin"))
              .map(Optional::of);
        });
      });
    });
  }

  private Future<Assigned> record(SqlConnection conn, AssignmentStore.Conversation c, AssignmentStore.Candidate k,
      String reason) {
    return store.setAssignee(conn, c.id(), k.userId(), c.assigneeId(), reason, null)
        .compose(v -> systemMessage(conn, c.id(), c.inboxId(), "Asignada a " + k.name() + " (" + reason + ")",
            new JsonObject().put("event", "assigned").put("assigneeId", k.userId()).put("reason", reason)))
        .map(v -> new Assigned(c.id(), c.inboxId(), k.userId(), reason))
        .compose(a -> assignedHooks(conn, a).map(a));
  }

  private Future<Void> systemMessage(SqlConnection conn, long conversationId, long inboxId, String text, JsonObject content) {
    return conversations.insertMessage(conn, new ConversationStore.NewMessage(conversationId, inboxId, "out", "system",
            null, "system", text, null, content, false))
        .map(m -> {
          broker.publish(new HubEvent("message.created", inboxId, conversationId, m));
          return null;
        });
  }

  private void announce(Assigned a) {
    broker.publish(new HubEvent("conversation.assigned", a.inboxId(), a.conversationId(), new JsonObject()
        .put("conversationId", a.conversationId()).put("assigneeId", a.assigneeId()).put("reason", a.reason())));
    conversationService.changed(a.conversationId());
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
                  .compose(v -> systemMessage(conn, conversationId, inboxId,
                      assigneeId == null ? "Conversación sin asignar" : "Asignada a " + n,
                      new JsonObject().put("event", assigneeId == null ? "unassigned" : "assigned")
                          .put("assigneeId", assigneeId).put("byUserId", p.userId()).put("reason", reason)))
                  .compose(v -> assigneeId == null ? Future.succeededFuture()
                      : assignedHooks(conn, new Assigned(conversationId, inboxId, assigneeId, reason)))))
          .compose(v -> {
            broker.publish(new HubEvent("conversation.assigned", inboxId, conversationId, new JsonObject()
                .put("conversationId", conversationId).put("assigneeId", assigneeId).put("reason", reason)));
            return conversationService.changed(conversationId);
          });
    });
  }

  /** The browser's heartbeat: marks the agent online or away; coming online drains their teams' waiting queues. */
  public Future<JsonObject> heartbeat(Principal p, String availability) {
    return store.heartbeat(p.userId(), availability, settings.presenceSeconds()).compose(hb -> {
      boolean cameOnline = "online".equals(availability) && !("online".equals(hb.oldAvailability()) && hb.wasFresh());
      if (!availability.equals(hb.oldAvailability())) {
        presenceEvent(p.userId(), availability);
      }
      Future<Void> drained = cameOnline ? drainTeamsOf(p.userId()) : Future.succeededFuture();
      Future<Void> released = !"online".equals(availability) && "online".equals(hb.oldAvailability())
          && settings.releaseOnOffline() ? release(p.userId()) : Future.succeededFuture();
      return Future.all(drained, released).map(new JsonObject().put("userId", p.userId())
          .put("availability", availability).put("presenceSeconds", settings.presenceSeconds()));
    });
  }

  private void presenceEvent(long userId, String availability) {
    store.teamsOf(userId).onSuccess(teams -> broker.publish(new HubEvent("presence.changed", 0, null,
        new JsonObject().put("userId", userId).put("availability", availability).put("teamIds", new JsonArray(teams)))));
  }

  private Future<Void> drainTeamsOf(long userId) {
    return store.teamsOf(userId).compose(teams -> {
      List<Future<Integer>> each = new ArrayList<>();
      teams.forEach(t -> each.add(drain(t)));
      return Future.join(each).mapEmpty();
    });
  }

  /** Assigns the team's waiting conversations, oldest first, while someone can take them. */
  public Future<Integer> drain(long teamId) {
    return store.waiting(teamId, 50).compose(ids -> drainFrom(ids, 0, 0));
  }

  private Future<Integer> drainFrom(List<Long> ids, int index, int assigned) {
    if (index >= ids.size()) {
      return Future.succeededFuture(assigned);
    }
    return autoAssign(ids.get(index)).compose(a -> a.isEmpty() ? Future.succeededFuture(assigned)
        : drainFrom(ids, index + 1, assigned + 1));
  }

  /** Hands back an agent's open conversations to their teams' queues (agent went offline). */
  public Future<Void> release(long userId) {
    return store.openConversationsOf(userId).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        chain = chain.compose(v -> store.pool().withTransaction(conn -> store.conversation(conn, id)
            .compose(c -> c == null || !Long.valueOf(userId).equals(c.assigneeId()) ? Future.succeededFuture()
                : store.setAssignee(conn, id, null, userId, "agent_offline", null)
                    .compose(x -> systemMessage(conn, id, c.inboxId(), "Devuelta a la cola: el agente se desconectó",
                        new JsonObject().put("event", "unassigned").put("reason", "agent_offline")))))
            .compose(x -> conversationService.changed(id)).mapEmpty());
      }
      return chain;
    });
  }

  /** Moves a conversation whose first reply is late to the next agent and tells the team's supervisors. */
  public Future<Void> reassignLate(long conversationId) {
    return store.teamOf(conversationId).compose(teamId -> teamId == null ? Future.succeededFuture()
        : store.pool().withTransaction(conn -> store.lockTeam(conn, teamId)
                .compose(v -> store.conversation(conn, conversationId))
                .compose(c -> c == null || c.assigneeId() == null ? Future.succeededFuture(Optional.<Assigned>empty())
                    : store.candidates(conn, teamId, c.inboxId(), settings.presenceSeconds()).compose(cands -> {
                      List<AssignmentStore.Candidate> others = cands.stream()
                          .filter(k -> k.userId() != c.assigneeId()).toList();
                      return lastAssigned(conn, teamId).compose(last -> {
                        Optional<AssignmentStore.Candidate> pick = AgentPicker.next(others, last, c.inboxSettings());
                        if (pick.isEmpty()) {
                          return Future.succeededFuture(Optional.<Assigned>empty());
                        }
                        return store.setAssignee(conn, c.id(), pick.get().userId(), c.assigneeId(), "reassignment", null)
                            .compose(v -> advance(conn, teamId, pick.get().userId()))
                            .compose(v -> systemMessage(conn, c.id(), c.inboxId(),
                                "Reasignada a " + pick.get().name() + ": sin primera respuesta a tiempo",
                                new JsonObject().put("event", "assigned").put("assigneeId", pick.get().userId())
                                    .put("previousAssigneeId", c.assigneeId()).put("reason", "reassignment")))
                            .map(v -> new Assigned(c.id(), c.inboxId(), pick.get().userId(), "reassignment"))
                            .compose(a -> assignedHooks(conn, a).map(Optional.of(a)));
                      });
                    })))
            .compose(a -> {
              if (a.isEmpty()) {
                return Future.succeededFuture();
              }
              announce(a.get());
              return store.supervisors(teamId).map(sups -> {
                broker.publish(new HubEvent("assignment.escalated", a.get().inboxId(), conversationId, new JsonObject()
                    .put("conversationId", conversationId).put("assigneeId", a.get().assigneeId())
                    .put("supervisorIds", new JsonArray(sups)).put("reason", "first_reply_late")));
                log.info("conversation {} reassigned to {}: first reply late", conversationId, a.get().assigneeId());
                return null;
              });
            }));
  }

  /**
   * Gives a new lead of a team an owner by the team's round-robin (the same cursor as conversations), so that the
   * sales team shares prospects evenly; the lead keeps no owner when nobody is online.
   */
  public Future<JsonObject> assignLeadOwner(JsonObject lead) {
    Long teamId = lead.getLong("teamId");
    if (teamId == null || lead.getLong("assigneeId") != null) {
      return Future.succeededFuture(lead);
    }
    return store.pool().withTransaction(conn -> store.lockTeam(conn, teamId)
            .compose(v -> store.leadCandidates(conn, teamId, settings.presenceSeconds()))
            .compose(cands -> lastAssigned(conn, teamId).compose(last -> {
              Optional<AssignmentStore.Candidate> pick = AgentPicker.next(cands, last, new JsonObject());
              if (pick.isEmpty()) {
                return Future.succeededFuture((Long) null);
              }
              return store.setLeadOwner(conn, lead.getLong("id"), pick.get().userId())
                  .compose(ok -> advance(conn, teamId, pick.get().userId())).map(pick.get().userId());
            })))
        .map(owner -> {
          if (owner != null) {
            lead.put("assigneeId", owner);
            broker.publish(new HubEvent("lead.assigned", 0, null, new JsonObject().put("leadId", lead.getLong("id"))
                .put("assigneeId", owner).put("teamId", teamId).put("reason", "round_robin")));
          }
          return lead;
        });
  }

  /** The periodic pass every node runs: expire presence, hand back work, drain queues, reassign late replies. */
  public Future<Void> tick() {
    return store.expirePresence(settings.presenceSeconds())
        .compose(expired -> {
          expired.forEach(u -> presenceEvent(u, "offline"));
          if (!settings.releaseOnOffline()) {
            return Future.succeededFuture();
          }
          List<Future<Void>> each = new ArrayList<>();
          expired.forEach(u -> each.add(release(u)));
          return Future.join(each).mapEmpty();
        })
        .compose(v -> store.overdueFirstReply())
        .compose(late -> {
          Future<Void> chain = Future.succeededFuture();
          for (long id : late) {
            chain = chain.compose(x -> reassignLate(id).recover(e -> Future.succeededFuture()));
          }
          return chain;
        })
        .compose(v -> store.teamsWithWaiting())
        .compose(teams -> {
          List<Future<Integer>> each = new ArrayList<>();
          teams.forEach(t -> each.add(drain(t)));
          return Future.join(each).mapEmpty();
        });
  }

  public Future<List<JsonObject>> presence() {
    return store.presence();
  }

  public Future<List<JsonObject>> history(Principal p, long conversationId) {
    return conversationService.visible(p, conversationId).compose(c -> store.history(conversationId));
  }
}
