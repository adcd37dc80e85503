package com.conecta.hub.operations.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TeamFixture;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Leads of a team get owners by the same round-robin")
class LeadOwnersRoundRobinTest extends HubTestBase {

  @Test
  @DisplayName("30 leads created at once for a team of 3 online agents go 10 to each; an away agent gets none")
  void leadsShareEvenly() {
    TeamFixture team = TeamFixture.create(admin, 4, null, new JsonObject());
    for (int i = 0; i < 3; i++) {
      team.presence(vertx, hub.port(), i, "online");
    }
    team.presence(vertx, hub.port(), 3, "away");
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      posts.add(admin.postAsync("/api/v1/leads", new JsonObject().put("title", "Prospecto web " + i)
          .put("source", "webform").put("teamId", team.teamId)));
    }
    Future.all(posts).await();
    Map<Long, Integer> owners = new HashMap<>();
    for (var p : posts) {
      assertEquals(201, p.result().statusCode(), p.result().bodyAsString());
      owners.merge(p.result().bodyAsJsonObject().getLong("assigneeId"), 1, Integer::sum);
    }
    assertEquals(Map.of(team.agentIds.get(0), 10, team.agentIds.get(1), 10, team.agentIds.get(2), 10), owners);
    var explicit = admin.post("/api/v1/leads", new JsonObject().put("teamId", team.teamId).put("assigneeId", 1));
    assertEquals(1, explicit.bodyAsJsonObject().getLong("assigneeId"), "an owner given by hand wins");
    var noTeam = admin.post("/api/v1/leads", new JsonObject().put("title", "sin equipo"));
    assertNull(noTeam.bodyAsJsonObject().getLong("assigneeId"));
  }
}
