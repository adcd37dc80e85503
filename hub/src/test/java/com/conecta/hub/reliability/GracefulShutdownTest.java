package com.conecta.hub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.Hub;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A hub node stopped gracefully while it works")
class GracefulShutdownTest {
  private static final int RECIPIENTS = 400;

  @Test
  @DisplayName("a slow request started before the stop gets its answer, sends in flight finish, the node holds no "
      + "claim afterwards and the other node sends the rest of the campaign, each recipient once")
  void gracefulStop() throws Exception {
    Vertx vertx = Vertx.vertx();
    FakeWhatsAppCloudApi fake = com.conecta.hub.support.FakeGraph.start(vertx).api();
    String db = TestEnvironment.freshDatabase();
    String prefix = TestEnvironment.redisPrefix();
    JsonObject extra = new JsonObject().put("whatsapp.app-secret", MetaLikeSender.SECRET)
        .put("whatsapp.graph-base-url", fake.baseUrl());
    Hub a = TestHub.start(vertx, db, TestEnvironment.redis(), prefix, extra);
    Hub b = null;
    Pool sql = Database.pool(vertx, db, 3);
    try {
      fake.callbacks("http://127.0.0.1:" + a.port() + "/webhooks/whatsapp", MetaLikeSender.SECRET).statusDelayMs(20)
          .onlySentStatus(true).retryCallbacks(true);
      Api adminA = Api.admin(vertx, a.port());
      var inbox = adminA.post("/api/v1/inboxes", new JsonObject().put("name", "WA stop").put("channel", "whatsapp")
          .put("channelAccountId", "100000000000776").put("teamId", 1)
          .put("settings", new JsonObject().put("accessToken", "t").put("sendRatePerSecond", 50)));
      assertEquals(201, inbox.statusCode(), inbox.bodyAsString());
      sql.query("insert into contacts (name, phone) select 'Cliente ' || g, '5695' || lpad(g::text, 7, '0') "
          + "from generate_series(1, " + RECIPIENTS + ") g").execute().await();
      sql.query("insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', phone from contacts "
          + "where phone like '5695%'").execute().await();
      // Every send takes a while at the provider, so that the node has sends in flight when it is stopped.
      fake.delayFor(120_000, 400);
      var created = adminA.post("/api/v1/campaigns", new JsonObject().put("name", "Parada").put("inboxId",
              inbox.bodyAsJsonObject().getLong("id"))
          .put("template", new JsonObject().put("name", "promocion_general").put("language", "es"))
          .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "5%")))
          .put("segment", new JsonObject()));
      long campaign = created.bodyAsJsonObject().getLong("id");
      assertEquals(200, adminA.post("/api/v1/campaigns/" + campaign + "/launch", new JsonObject()).statusCode());
      Tally.waitUntil("node A has sends in flight", Duration.ofSeconds(30), () -> Tally.count(sql,
          "select count(*) from outbox where status = 'sending'") > 0);
      String nodeA = sql.query("select claimed_by from outbox where status = 'sending' limit 1").execute().await()
          .iterator().next().getString(0);
      b = TestHub.start(vertx, db, TestEnvironment.redis(), prefix, extra);

      // A slow request: its insert waits for a lock this test holds.
      SqlConnection locker = sql.getConnection().await();
      Transaction tx = locker.begin().await();
      locker.query("lock table messages in exclusive mode").execute().await();
      Future<HttpResponse<Buffer>> slow = adminA.postAsync("/api/v1/inboxes/5/messages",
          Api.inboundBody("slow-1", "slow-contact", "Cliente Lento", "una pregunta lenta"));
      // Stop only once the request is really inside the hub, waiting on that lock.
      Tally.waitUntil("the slow request waits on the lock", Duration.ofSeconds(30), () -> Tally.count(sql,
          "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()") > 0);
      long sentBeforeStop = fake.sent().size();
      System.out.println("before stop: provider requests " + fake.requests() + ", accepted " + sentBeforeStop
          + ", outbox sent " + Tally.count(sql, "select count(*) from outbox where status = 'sent'"));
      Future<Void> stopping = a.stop();
      Thread.sleep(700);
      assertFalse(slow.isComplete(), "the slow request is still being worked on");
      assertFalse(stopping.isComplete(), "the stop waits for it");
      tx.commit().await();
      locker.close().await();
      HttpResponse<Buffer> answer = slow.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals(201, answer.statusCode(), "the request started before the stop got its answer: " + answer.bodyAsString());
      stopping.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      a = null;
      long claimedByStopped = Tally.count(sql, "select count(*) from outbox where status = 'sending' and claimed_by = '"
          + nodeA + "'");
      assertEquals(0, claimedByStopped, "the stopped node holds no claim");
      long sentAtStop = fake.sent().size();

      fake.callbacks("http://127.0.0.1:" + b.port() + "/webhooks/whatsapp", MetaLikeSender.SECRET);
      Api adminB = Api.admin(vertx, b.port());
      Tally.waitUntil("node B completed the campaign", Duration.ofSeconds(90), () -> "completed".equals(
          adminB.get("/api/v1/campaigns/" + campaign).bodyAsJsonObject().getString("status")));
      Map<String, Long> perRecipient = fake.sent().stream().collect(Collectors.groupingBy(FakeWhatsAppCloudApi.Sent::to,
          Collectors.counting()));
      long doubled = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
      long inDoubt = Tally.count(sql, "select coalesce(sum(in_doubt_count), 0) from outbox");
      long slowStored = Tally.count(sql, "select count(*) from messages where provider_message_id = 'slow-1'");
      new Tally("graceful-shutdown").put("faults", 1).put("recipients", RECIPIENTS).put("sentBeforeStop", sentBeforeStop)
          .put("sentByStoppedNode", sentAtStop).put("sentByOtherNode", fake.sent().size() - sentAtStop)
          .put("claimsLeftByStoppedNode", claimedByStopped).put("inDoubt", inDoubt).put("slowRequestStored", slowStored)
          .put("doubled", doubled).put("lost", RECIPIENTS - perRecipient.size()).print();
      assertEquals(1, slowStored);
      assertTrue(fake.sent().size() > sentAtStop, "the other node sent what was left");
      assertEquals(RECIPIENTS, perRecipient.size(), "every recipient got the campaign");
      assertEquals(0, doubled, "none twice");
      assertEquals(0, inDoubt, "a graceful stop leaves no send in doubt: in-flight sends finished first");
    } finally {
      sql.close().await();
      if (a != null) {
        a.stop().await();
      }
      if (b != null) {
        b.stop().await();
      }
      fake.close().await();
      vertx.close().await();
    }
  }
}
