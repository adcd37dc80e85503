package com.conecta.hub.operations.assignment;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is available: the browsers' heartbeats mark agents online or away, presence expires without them, an agent
 * coming online drains their teams' queues, and (when configured) one going offline hands their conversations back.
 */
final class AgentPresence {
  private final AssignmentStore store;
  private final ConversationService conversationService;
  private final RealtimeBroker broker;
  private final AssignmentService.Settings settings;
  private final AssignmentRecorder recorder;
  private final AgentChooser chooser;

  AgentPresence(AssignmentStore store, ConversationService conversationService, RealtimeBroker broker,
      AssignmentService.Settings settings, AssignmentRecorder recorder, AgentChooser chooser) {
    this.store = store;
    this.conversationService = conversationService;
    this.broker = broker;
    this.settings = settings;
    this.recorder = recorder;
    this.chooser = chooser;
  }

  /** The browser's heartbeat: marks the agent online or away; coming online drains their teams' waiting queues. */
  Future<JsonObject> heartbeat(Principal p, String availability) {
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

  /** Agents whose heartbeat stopped go offline; their work goes back to the queues when so configured. */
  Future<Void> expire() {
    return store.expirePresence(settings.presenceSeconds()).compose(expired -> {
      expired.forEach(u -> presenceEvent(u, "offline"));
      if (!settings.releaseOnOffline()) {
        return Future.succeededFuture();
      }
      List<Future<Void>> each = new ArrayList<>();
      expired.forEach(u -> each.add(release(u)));
      return Future.join(each).mapEmpty();
    });
  }

  private void presenceEvent(long userId, String availability) {
    store.teamsOf(userId).onSuccess(teams -> broker.publish(new HubEvent("presence.changed", 0, null,
        new JsonObject().put("userId", userId).put("availability", availability).put("teamIds", new JsonArray(teams)))));
  }

  private Future<Void> drainTeamsOf(long userId) {
    return store.teamsOf(userId).compose(teams -> {
      List<Future<Integer>> each = new ArrayList<>();
      teams.forEach(t -> each.add(chooser.drain(t)));
      return Future.join(each).mapEmpty();
    });
  }

  /** Hands back an agent's open conversations to their teams' queues (agent went offline). */
  Future<Void> release(long userId) {
    return store.openConversationsOf(userId).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        chain = chain.compose(v -> store.pool().withTransaction(conn -> store.conversation(conn, id)
            .compose(c -> c == null || !Long.valueOf(userId).equals(c.assigneeId()) ? Future.succeededFuture()
                : store.setAssignee(conn, id, null, userId, "agent_offline", null)
                    .compose(x -> recorder.systemMessage(conn, id, c.inboxId(),
                        "Devuelta a la cola: el agente se desconectó",
                        new JsonObject().put("event", "unassigned").put("reason", "agent_offline")))))
            .compose(x -> conversationService.changed(id)).mapEmpty());
      }
      return chain;
    });
  }
}
