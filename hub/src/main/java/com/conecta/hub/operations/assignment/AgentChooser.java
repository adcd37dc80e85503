package com.conecta.hub.operations.assignment;

import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.operations.assignment.AssignmentService.Assigned;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses who gets a conversation or a lead: a returning customer's last agent, else the next of the team's available
 * agents with room by the team's round-robin cursor (read and advanced under the team's lock); the waiting queue
 * drained oldest first; a late first reply moved to the next agent.
 */
final class AgentChooser {
  private static final Logger log = LoggerFactory.getLogger(AgentChooser.class);

  private final AssignmentStore store;
  private final RoundRobinCursor cursor;
  private final RealtimeBroker broker;
  private final AssignmentService.Settings settings;
  private final AssignmentRecorder recorder;

  AgentChooser(AssignmentStore store, RoundRobinCursor cursor, RealtimeBroker broker,
      AssignmentService.Settings settings, AssignmentRecorder recorder) {
    this.store = store;
    this.cursor = cursor;
    this.broker = broker;
    this.settings = settings;
    this.recorder = recorder;
  }

  /** Assigns an unassigned open conversation if someone can take it; empty when it must wait. */
  Future<Optional<Assigned>> autoAssign(long conversationId) {
    return store.teamOf(conversationId).compose(teamId -> {
      if (teamId == null) {
        return Future.succeededFuture(Optional.<Assigned>empty());
      }
      return store.pool().withTransaction(conn -> store.lockTeam(conn, teamId)
              .compose(v -> store.conversation(conn, conversationId))
              .compose(c -> c == null || c.assigneeId() != null || !"open".equals(c.status())
                  ? Future.succeededFuture(Optional.<Assigned>empty())
                  : choose(conn, c, teamId)))
          .onSuccess(a -> a.ifPresent(recorder::announce));
    });
  }

  /**
   * Gives an unassigned open conversation to a named person (a returning customer's salesperson), whatever their
   * presence or load: the customer is theirs. Empty when it is already assigned or not open.
   */
  Future<Optional<Assigned>> assignTo(long conversationId, long userId, String userName, String reason) {
    return store.pool().withTransaction(conn -> store.conversation(conn, conversationId)
            .compose(c -> c == null || c.assigneeId() != null || !"open".equals(c.status())
                ? Future.succeededFuture(Optional.<Assigned>empty())
                : recorder.record(conn, c, new AssignmentStore.Candidate(userId, userName, null, 0, 0), reason)
                    .map(Optional::of)))
        .onSuccess(a -> a.ifPresent(recorder::announce));
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
          return recorder.record(conn, c, back.get(), "returning_customer").map(Optional::of);
        }
        return lastAssigned(conn, teamId).compose(l -> {
          Optional<AssignmentStore.Candidate> pick = AgentPicker.next(candidates, l, c.inboxSettings());
          if (pick.isEmpty()) {
            return Future.succeededFuture(Optional.<Assigned>empty());
          }
          return advance(conn, teamId, pick.get().userId())
              .compose(v -> recorder.record(conn, c, pick.get(), "round_robin"))
              .map(Optional::of);
        });
      });
    });
  }

  /** Assigns the team's waiting conversations, oldest first, while someone can take them. */
  Future<Integer> drain(long teamId) {
    return store.waiting(teamId, 50).compose(ids -> drainFrom(ids, 0, 0));
  }

  private Future<Integer> drainFrom(List<Long> ids, int index, int assigned) {
    if (index >= ids.size()) {
      return Future.succeededFuture(assigned);
    }
    return autoAssign(ids.get(index)).compose(a -> a.isEmpty() ? Future.succeededFuture(assigned)
        : drainFrom(ids, index + 1, assigned + 1));
  }

  /** Moves a conversation whose first reply is late to the next agent and tells the team's supervisors. */
  Future<Void> reassignLate(long conversationId) {
    return store.teamOf(conversationId).compose(teamId -> teamId == null ? Future.succeededFuture()
        : store.pool().withTransaction(conn -> store.lockTeam(conn, teamId)
                .compose(v -> store.conversation(conn, conversationId))
                .compose(c -> c == null || c.assigneeId() == null ? Future.succeededFuture(Optional.<Assigned>empty())
                    : toAnotherAgent(conn, c, teamId)))
            .compose(a -> {
              if (a.isEmpty()) {
                return Future.succeededFuture();
              }
              recorder.announce(a.get());
              return store.supervisors(teamId).map(sups -> {
                broker.publish(new HubEvent("assignment.escalated", a.get().inboxId(), conversationId, new JsonObject()
                    .put("conversationId", conversationId).put("assigneeId", a.get().assigneeId())
                    .put("supervisorIds", new JsonArray(sups)).put("reason", "first_reply_late")));
                log.info("conversation {} reassigned to {}: first reply late", conversationId, a.get().assigneeId());
                return null;
              });
            }));
  }

  private Future<Optional<Assigned>> toAnotherAgent(SqlConnection conn, AssignmentStore.Conversation c, long teamId) {
    return store.candidates(conn, teamId, c.inboxId(), settings.presenceSeconds()).compose(cands -> {
      List<AssignmentStore.Candidate> others = cands.stream().filter(k -> k.userId() != c.assigneeId()).toList();
      return lastAssigned(conn, teamId).compose(last -> {
        Optional<AssignmentStore.Candidate> pick = AgentPicker.next(others, last, c.inboxSettings());
        if (pick.isEmpty()) {
          return Future.succeededFuture(Optional.<Assigned>empty());
        }
        return store.setAssignee(conn, c.id(), pick.get().userId(), c.assigneeId(), "reassignment", null)
            .compose(v -> advance(conn, teamId, pick.get().userId()))
            .compose(v -> recorder.systemMessage(conn, c.id(), c.inboxId(),
                "Reasignada a " + pick.get().name() + ": sin primera respuesta a tiempo",
                new JsonObject().put("event", "assigned").put("assigneeId", pick.get().userId())
                    .put("previousAssigneeId", c.assigneeId()).put("reason", "reassignment")))
            .map(v -> new Assigned(c.id(), c.inboxId(), pick.get().userId(), "reassignment"))
            .compose(a -> recorder.runHooks(conn, a).map(Optional.of(a)));
      });
    });
  }

  /**
   * Gives a new lead of a team an owner by the team's round-robin (the same cursor as conversations), so that the
   * sales team shares prospects evenly; the lead keeps no owner when nobody is online.
   */
  Future<JsonObject> assignLeadOwner(JsonObject lead) {
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
}
