package com.conecta.hub.operations.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TeamFixture;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Round-robin across three hub nodes")
class RoundRobinAcrossNodesTest extends HubTestBase {

  @Test
  @DisplayName("300 new conversations arriving at once on 3 nodes go 60 to each of 5 agents, none twice, none lost")
  void evenAcrossNodes() throws Exception {
    TeamFixture team = TeamFixture.create(admin, 5, 100, new JsonObject());
    for (int i = 0; i < 5; i++) {
      team.presence(vertx, hub.port(), i, "online");
    }
    Hub b = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix);
    Hub c = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix);
    try {
      List<Api> nodes = List.of(admin, Api.admin(vertx, b.port()), Api.admin(vertx, c.port()));
      List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        posts.add(nodes.get(i % 3).postAsync("/api/v1/inboxes/" + team.inboxId + "/messages",
            Api.inboundBody("rr-" + i, "rr-contact-" + i, "Prospecto " + i, "hola, quiero cotizar")));
      }
      Future.all(posts).await();
      assertTrue(posts.stream().allMatch(f -> f.result().statusCode() == 201));
      waitUntil(() -> count("select count(*) from conversations where inbox_id = " + team.inboxId
          + " and assignee_id is null") == 0);
      Map<Long, Long> perAgent = new HashMap<>();
      for (Row r : sql.query("select assignee_id, count(*) from conversations where inbox_id = " + team.inboxId
          + " group by assignee_id").execute().await()) {
        perAgent.put(r.getLong(0), r.getLong(1));
      }
      assertEquals(5, perAgent.size(), perAgent.toString());
      perAgent.values().forEach(n -> assertTrue(n >= 59 && n <= 61, "uneven: " + perAgent));
      assertEquals(300, count("select count(*) from assignments a join conversations c on c.id = a.conversation_id "
          + "where c.inbox_id = " + team.inboxId + " and a.reason = 'round_robin'"));
      assertEquals(0, count("select count(*) from (select conversation_id from assignments group by conversation_id "
          + "having count(*) > 1) twice"));
    } finally {
      b.stop().await();
      c.stop().await();
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    Await.until(condition, "condition not reached in 30 s", java.time.Duration.ofSeconds(30));
  }
}
