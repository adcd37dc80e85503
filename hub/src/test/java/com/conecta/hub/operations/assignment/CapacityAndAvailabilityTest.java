package com.conecta.hub.operations.assignment;

import static com.conecta.hub.operations.assignment.RoundRobinAcrossNodesTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TeamFixture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Assignment respects capacity and availability")
class CapacityAndAvailabilityTest extends HubTestBase {

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("assignment.tick-seconds", 1);
  }

  private long conversation(long inbox, String id) {
    return admin.inbound(inbox, id, "cap-" + id, "Cliente " + id, "hola").bodyAsJsonObject().getLong("conversationId");
  }

  private Long assignee(long conversationId) {
    return admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getLong("assigneeId");
  }

  @Test
  @DisplayName("under concurrency nobody passes their capacity; an away agent gets none; the queue drains oldest first")
  void capacityAwayAndQueue() throws Exception {
    TeamFixture team = TeamFixture.create(admin, 3, 2, new JsonObject());
    team.presence(vertx, hub.port(), 0, "online");
    team.presence(vertx, hub.port(), 1, "online");
    Api third = team.presence(vertx, hub.port(), 2, "away");
    List<Future<?>> posts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      posts.add(admin.postAsync("/api/v1/inboxes/" + team.inboxId + "/messages",
          com.conecta.hub.support.Api.inboundBody("cap-" + i, "cap-c" + i, "Cliente " + i, "hola")));
    }
    Future.all(posts).await();
    waitUntil(() -> count("select count(*) from conversations where inbox_id = " + team.inboxId
        + " and assignee_id is not null") == 4);
    // Every message's assignment has been tried: a fifth (over capacity, or to the away agent) would be there now.
    awaitReactionsDone();
    assertEquals(2, count("select count(*) from conversations where assignee_id = " + team.agentIds.get(0)));
    assertEquals(2, count("select count(*) from conversations where assignee_id = " + team.agentIds.get(1)));
    assertEquals(0, count("select count(*) from conversations where assignee_id = " + team.agentIds.get(2)),
        "an away agent receives none");
    List<Long> waitingOldestFirst = new ArrayList<>();
    sql.query("select id from conversations where inbox_id = " + team.inboxId + " and assignee_id is null "
        + "order by created_at, id").execute().await().forEach(r -> waitingOldestFirst.add(r.getLong(0)));
    assertEquals(4, waitingOldestFirst.size());

    third.post("/api/v1/presence", new JsonObject().put("availability", "online"));
    waitUntil(() -> count("select count(*) from conversations where assignee_id = " + team.agentIds.get(2)) == 2);
    assertEquals(team.agentIds.get(2), assignee(waitingOldestFirst.get(0)));
    assertEquals(team.agentIds.get(2), assignee(waitingOldestFirst.get(1)));
    assertNull(assignee(waitingOldestFirst.get(2)), "the newest keep waiting while everyone is full");

    admin.post("/api/v1/conversations/" + waitingOldestFirst.get(0) + "/status", new JsonObject().put("status", "resolved"));
    waitUntil(() -> assignee(waitingOldestFirst.get(2)) != null);
    assertEquals(team.agentIds.get(2), assignee(waitingOldestFirst.get(2)), "freed room goes to the oldest waiting");
  }

  @Test
  @DisplayName("a returning customer goes back to the agent who served them; manual assignment is recorded as such")
  void returningCustomerAndManual() throws Exception {
    TeamFixture team = TeamFixture.create(admin, 2, null, new JsonObject());
    team.presence(vertx, hub.port(), 0, "online");
    team.presence(vertx, hub.port(), 1, "online");
    long first = conversation(team.inboxId, "ret-1");
    waitUntil(() -> assignee(first) != null);
    long served = assignee(first);
    admin.post("/api/v1/conversations/" + first + "/status", new JsonObject().put("status", "resolved"));
    long other = conversation(team.inboxId, "ret-other");
    waitUntil(() -> assignee(other) != null);
    long second = admin.inbound(team.inboxId, "ret-2", "cap-ret-1", "Cliente ret-1", "vuelvo a escribir")
        .bodyAsJsonObject().getLong("conversationId");
    waitUntil(() -> assignee(second) != null);
    assertEquals(served, assignee(second));
    JsonArray history = admin.get("/api/v1/conversations/" + second + "/assignments").bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals("returning_customer", history.getJsonObject(0).getString("reason"));

    long target = team.agentIds.stream().filter(id -> id != served).findFirst().orElseThrow();
    var manual = admin.post("/api/v1/conversations/" + second + "/assignment", new JsonObject().put("assigneeId", target));
    assertEquals(200, manual.statusCode());
    assertEquals(target, manual.bodyAsJsonObject().getLong("assigneeId"));
    history = admin.get("/api/v1/conversations/" + second + "/assignments").bodyAsJsonObject().getJsonArray("items");
    assertEquals("manual", history.getJsonObject(history.size() - 1).getString("reason"));
    assertTrue(admin.get("/api/v1/presence").bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(o -> ((JsonObject) o).getLong("userId") == target
            && "online".equals(((JsonObject) o).getString("availability"))));
  }

  @Test
  @DisplayName("a conversation with no first reply in the inbox's time moves to the next agent and supervisors are told")
  void lateFirstReplyIsReassigned() throws Exception {
    TeamFixture team = TeamFixture.create(admin, 2, null, new JsonObject().put("firstReplyMinutes", 0));
    team.presence(vertx, hub.port(), 0, "online");
    team.presence(vertx, hub.port(), 1, "online");
    long id = conversation(team.inboxId, "late-1");
    waitUntil(() -> count("select count(*) from assignments where conversation_id = " + id + " and reason = 'reassignment'") > 0);
    JsonArray history = admin.get("/api/v1/conversations/" + id + "/assignments").bodyAsJsonObject().getJsonArray("items");
    JsonObject moved = history.stream().map(o -> (JsonObject) o).filter(h -> "reassignment".equals(h.getString("reason")))
        .findFirst().orElseThrow();
    assertTrue(!moved.getLong("assigneeId").equals(moved.getLong("previousAssigneeId")));
  }
}
