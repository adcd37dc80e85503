package com.conecta.hub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.Hub;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.EventStreamClient;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redis stopped and started again under two hub nodes")
class RedisOutageTest {
  private static final String PHONE = "100000000000772";
  private static final String CUSTOMER = "56981000001";

  @Test
  @DisplayName("while Redis is away webhooks are stored, the inbox reads and replies go out; afterwards real-time "
      + "events flow between nodes again without a restart, and nothing was lost or doubled")
  void redisOutage() throws Exception {
    Vertx vertx = Vertx.vertx();
    FakeWhatsAppCloudApi fake = com.conecta.hub.support.FakeGraph.start(vertx).api();
    try (FaultyServers servers = new FaultyServers()) {
      String redis = servers.startRedis();
      String db = TestEnvironment.freshDatabase();
      JsonObject extra = new JsonObject().put("whatsapp.app-secret", MetaLikeSender.SECRET)
          .put("whatsapp.graph-base-url", fake.baseUrl());
      Hub a = TestHub.start(vertx, db, redis, "outage:", extra);
      Hub b = TestHub.start(vertx, db, redis, "outage:", extra);
      fake.callbacks("http://127.0.0.1:" + a.port() + "/webhooks/whatsapp", MetaLikeSender.SECRET).statusDelayMs(20);
      Pool sql = Database.pool(vertx, db, 2);
      Api adminA = Api.admin(vertx, a.port());
      EventStreamClient eventsOnA = new EventStreamClient(vertx, a.port(), adminA.cookie());
      try {
        assertEquals(201, adminA.post("/api/v1/inboxes", new JsonObject().put("name", "WA outage").put("channel", "whatsapp")
            .put("channelAccountId", PHONE).put("teamId", 1)
            .put("settings", new JsonObject().put("accessToken", "t").put("sendRatePerSecond", 50))).statusCode());
        MetaLikeSender toA = new MetaLikeSender(vertx, a.port());
        MetaLikeSender toB = new MetaLikeSender(vertx, b.port());
        deliver(toB, "rd-first", "antes de la caída");
        eventsOnA.await(e -> e.encode().contains("antes de la caída"), Duration.ofSeconds(10));

        servers.stopRedis();
        Future.all(toA.send(PHONE, "rdA", 40, 10, 4), toB.send(PHONE, "rdB", 40, 10, 4))
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(0, toA.refusals.get() + toB.refusals.get(), "every webhook is taken on its first attempt without Redis");
        var ready = adminA.get("/ready");
        assertEquals(200, ready.statusCode(), "the node stays in service, degraded: " + ready.bodyAsString());
        assertEquals("down", ready.bodyAsJsonObject().getString("redis"));
        long conversation = Tally.count(sql, "select c.id from conversations c join contact_identities ci "
            + "on ci.contact_id = c.contact_id where ci.value = '" + CUSTOMER + "'");
        var list = adminA.get("/api/v1/conversations?status=open&assignee=all&limit=50");
        assertEquals(200, list.statusCode(), list.bodyAsString());
        assertTrue(list.bodyAsJsonObject().getJsonArray("items").size() > 0, "the inbox lists conversations");
        assertEquals(200, adminA.get("/api/v1/conversations/" + conversation + "/messages").statusCode());
        var reply = adminA.post("/api/v1/conversations/" + conversation + "/messages",
            new JsonObject().put("text", "respuesta durante la caída"));
        assertEquals(201, reply.statusCode(), reply.bodyAsString());
        Tally.waitUntil("the reply reached the provider while Redis is down", Duration.ofSeconds(20),
            () -> fake.sentTo(CUSTOMER).stream().anyMatch(s -> s.body().encode().contains("respuesta durante la caída")));
        long sentWhileDown = fake.sent().size();

        servers.restartRedis();
        int[] probes = {0};
        Tally.waitUntil("events from node B reach node A's browsers again", Duration.ofSeconds(30), () -> {
          String text = "después " + probes[0]++;
          deliver(toB, "rd-probe-" + probes[0], text);
          try {
            eventsOnA.await(e -> e.encode().contains(text), Duration.ofSeconds(1));
            return true;
          } catch (AssertionError | InterruptedException e) {
            return false;
          }
        });
        Tally.waitUntil("/ready says ready again", Duration.ofSeconds(10),
            () -> "ready".equals(adminA.get("/ready").bodyAsJsonObject().getString("status")));

        long acknowledged = toA.acknowledged.size() + toB.acknowledged.size();
        long stored = Tally.count(sql, "select count(*) from messages where provider_message_id like 'rd%'");
        long distinct = Tally.count(sql, "select count(distinct provider_message_id) from messages where provider_message_id like 'rd%'");
        long replies = fake.sentTo(CUSTOMER).stream().filter(s -> s.body().encode().contains("respuesta durante la caída")).count();
        new Tally("redis-outage").put("faults", servers.faults).put("acknowledged", acknowledged).put("stored", stored)
            .put("doubled", stored - distinct).put("lost", acknowledged - distinct).put("sentWhileDown", sentWhileDown)
            .put("replySends", replies).put("probesUntilEventsFlowed", probes[0]).print();
        assertEquals(acknowledged, stored, "every acknowledged webhook stored once");
        assertEquals(stored, distinct);
        assertEquals(1, replies, "the reply went out exactly once");
      } finally {
        eventsOnA.close();
        sql.close().await();
        a.stop().await();
        b.stop().await();
        fake.close().await();
        vertx.close().await();
      }
    }
  }

  private static void deliver(MetaLikeSender meta, String wamid, String text) {
    meta.deliver(wamid, WhatsAppPayloads.text(PHONE, CUSTOMER, "Cliente Redis", wamid, text).toBuffer(), 0)
        .toCompletionStage().toCompletableFuture().join();
  }
}
