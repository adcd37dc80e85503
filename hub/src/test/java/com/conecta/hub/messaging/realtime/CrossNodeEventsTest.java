package com.conecta.hub.messaging.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.EventStreamClient;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real-time events across hub nodes")
class CrossNodeEventsTest extends HubTestBase {

  @Test
  @DisplayName("a message ingested on node A reaches an agent's event stream connected to node B")
  void eventCrossesNodes() throws Exception {
    Hub nodeB = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix);
    try {
      Api adminOnB = Api.admin(vertx, nodeB.port());
      Api anaOnB = Api.signedIn(vertx, nodeB.port(), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
      Api carlaOnB = Api.signedIn(vertx, nodeB.port(), "carla@demo.conecta.cl", Api.AGENT_PASSWORD);
      try (EventStreamClient adminStream = new EventStreamClient(vertx, nodeB.port(), adminOnB.cookie());
          EventStreamClient anaStream = new EventStreamClient(vertx, nodeB.port(), anaOnB.cookie());
          EventStreamClient carlaStream = new EventStreamClient(vertx, nodeB.port(), carlaOnB.cookie())) {
        assertEquals(200, adminStream.status());
        Thread.sleep(200);
        var res = admin.inbound(API_INBOX, "x-node-1", "erp-xnode", "Nodo Cruzado", "hola desde el nodo A");
        assertEquals(201, res.statusCode());
        JsonObject event = adminStream.await(e -> "message.created".equals(e.getString("type"))
            && "hola desde el nodo A".equals(e.getJsonObject("data").getString("text")), Duration.ofSeconds(5));
        assertEquals(res.bodyAsJsonObject().getLong("conversationId"), event.getLong("conversationId"));
        anaStream.await(e -> "message.created".equals(e.getString("type")), Duration.ofSeconds(5));
        adminStream.await(e -> "conversation.created".equals(e.getString("type")), Duration.ofSeconds(5));
        Thread.sleep(300);
        assertTrue(carlaStream.events().stream().noneMatch(e -> e.getLong("inboxId") == API_INBOX),
            "an agent of another team receives nothing of this inbox");
      }
    } finally {
      nodeB.stop().await();
    }
  }
}
