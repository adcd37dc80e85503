package com.conecta.hub.messaging.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Await;
import com.conecta.hub.support.EventStreamClient;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real-time events across hub nodes")
class CrossNodeEventsTest extends HubTestBase {
  private static final String APP_SECRET = "cross-node-app-secret";

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("whatsapp.app-secret", APP_SECRET);
  }

  /** How many connections listen on a Redis channel (PUBSUB NUMSUB). */
  private long subscribers(String channel) {
    Redis redis = Redis.createClient(vertx, TestEnvironment.redis());
    try {
      return redis.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel)).await().get(1).toLong();
    } finally {
      redis.close();
    }
  }

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
        // Node B's stream listens as soon as it answered 200; node B itself hears node A once it has subscribed to
        // this class's events channel in Redis (its own and node A's: two subscribers).
        Await.until(() -> subscribers(redisPrefix + "events") >= 2, "both nodes subscribed to the events channel");
        var res = admin.inbound(API_INBOX, "x-node-1", "erp-xnode", "Nodo Cruzado", "hola desde el nodo A");
        assertEquals(201, res.statusCode());
        JsonObject event = adminStream.await(e -> "message.created".equals(e.getString("type"))
            && "hola desde el nodo A".equals(e.getJsonObject("data").getString("text")), Duration.ofSeconds(5));
        assertEquals(res.bodyAsJsonObject().getLong("conversationId"), event.getLong("conversationId"));
        anaStream.await(e -> "message.created".equals(e.getString("type")), Duration.ofSeconds(5));
        adminStream.await(e -> "conversation.created".equals(e.getString("type")), Duration.ofSeconds(5));
        // A later message on node A in an inbox of Carla's team (WhatsApp Soporte), through the same channel: once it
        // reaches her, anything of the first inbox would have reached her before it.
        new WhatsAppCustomer(vertx, APP_SECRET, "100000000000002", "56970001234", "Nodo Soporte").text(hub.port(),
            "hola soporte");
        carlaStream.await(e -> "message.created".equals(e.getString("type")) && Long.valueOf(2).equals(e.getLong("inboxId")),
            Duration.ofSeconds(10));
        assertTrue(carlaStream.events().stream().noneMatch(e -> e.getLong("inboxId") == API_INBOX),
            "an agent of another team receives nothing of this inbox");
      }
    } finally {
      nodeB.stop().await();
    }
  }
}
