package com.conecta.hub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A hub node in its own process, killed with SIGKILL in the middle of work and started again. The fake Graph API runs
 * in this JVM, so it outlives the node and counts every request it accepted, per recipient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A hub node killed with SIGKILL and started again")
class HubKilledTest {
  private Vertx vertx;
  private FakeWhatsAppCloudApi fake;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = com.conecta.hub.support.FakeGraph.start(vertx).api();
    fake.retryCallbacks(true).onlySentStatus(true).autoRead(false).statusDelayMs(20);
  }

  @AfterAll
  void stop() {
    fake.close().await();
    vertx.close().await();
  }

  private HubProcess node(String db) throws Exception {
    HubProcess node = new HubProcess(db, TestEnvironment.redis(), TestEnvironment.redisPrefix(), Map.of(
        "CONECTA_WHATSAPP_GRAPH_BASE_URL", fake.baseUrl(),
        "CONECTA_OUTBOX_LEASE_SECONDS", "5",
        "CONECTA_OUTBOX_IN_DOUBT_SECONDS", "20",
        "CONECTA_REMINDERS_TICK_SECONDS", "1"));
    node.start();
    fake.reset();
    fake.callbacks("http://127.0.0.1:" + node.port() + "/webhooks/whatsapp", MetaLikeSender.SECRET);
    return node;
  }

  @Test
  @DisplayName("during ingest: every webhook is acknowledged in the end and stored exactly once")
  void killedDuringIngest() throws Exception {
    String db = TestEnvironment.freshDatabase();
    HubProcess node = node(db);
    Pool sql = Database.pool(vertx, db, 2);
    try {
      Api admin = Api.admin(vertx, node.port());
      assertEquals(201, admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA kill").put("channel", "whatsapp")
          .put("channelAccountId", "100000000000774").put("teamId", 1)
          .put("settings", new JsonObject().put("accessToken", "t"))).statusCode());
      int messages = 1_500;
      MetaLikeSender meta = new MetaLikeSender(vertx, node.port());
      Future<Void> all = meta.send("100000000000774", "kill-in", messages, 150, 32);
      Tally.waitUntil("a first part acknowledged", Duration.ofSeconds(60), () -> meta.acknowledged.size() >= 400);
      long ackedAtKill = meta.acknowledged.size();
      node.kill();
      node.start();
      all.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
      long stored = Tally.count(sql, "select count(*) from messages where provider_message_id like 'kill-in-%'");
      long distinct = Tally.count(sql, "select count(distinct provider_message_id) from messages where provider_message_id like 'kill-in-%'");
      new Tally("kill-during-ingest").put("faults", node.kills).put("webhooks", messages).put("ackedAtKill", ackedAtKill)
          .put("attempts", meta.attempts.get()).put("refusedOrUnanswered", meta.refusals.get())
          .put("acknowledged", meta.acknowledged.size()).put("stored", stored).put("doubled", stored - distinct)
          .put("lost", messages - distinct).print();
      assertEquals(messages, meta.acknowledged.size());
      assertEquals(messages, stored, "acknowledged webhooks == stored messages, exactly");
      assertEquals(messages, distinct);
    } finally {
      sql.close().await();
      node.stop();
    }
  }

  @Test
  @DisplayName("during a 10,000-recipient campaign: after the restart every recipient got the message; only sends in "
      + "flight at the kill whose receipts come later than the in-doubt wait may go twice (counted and printed)")
  void killedDuringCampaign() throws Exception {
    String db = TestEnvironment.freshDatabase();
    HubProcess node = node(db);
    Pool sql = Database.pool(vertx, db, 2);
    int recipients = 10_000;
    try {
      Api admin = Api.admin(vertx, node.port());
      var inbox = admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA campañas").put("channel", "whatsapp")
          .put("channelAccountId", "100000000000775").put("teamId", 1)
          .put("settings", new JsonObject().put("accessToken", "t").put("sendRatePerSecond", 500)));
      assertEquals(201, inbox.statusCode(), inbox.bodyAsString());
      sql.query("insert into contacts (name, phone) select 'Cliente ' || g, '5697' || lpad(g::text, 7, '0') "
          + "from generate_series(1, " + recipients + ") g").execute().await();
      sql.query("insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', phone from contacts "
          + "where phone like '5697%'").execute().await();
      var created = admin.post("/api/v1/campaigns", new JsonObject().put("name", "Kill -9").put("inboxId",
              inbox.bodyAsJsonObject().getLong("id"))
          .put("template", new JsonObject().put("name", "promocion_general").put("language", "es"))
          .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "20%")))
          .put("segment", new JsonObject()));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      long id = created.bodyAsJsonObject().getLong("id");
      assertEquals(200, admin.post("/api/v1/campaigns/" + id + "/launch", new JsonObject()).statusCode());
      Tally.waitUntil("a third of the campaign sent", Duration.ofSeconds(120), () -> fake.sent().size() >= 3_000);
      long sentAtKill = fake.sent().size();
      long killedAt = System.nanoTime();
      node.kill();
      long inFlightRowsAtKill = Tally.count(sql, "select count(*) from outbox where campaign_id = " + id
          + " and status = 'sending'");
      node.start();
      Tally.waitUntil("the campaign completed", Duration.ofSeconds(180), () -> "completed".equals(
          admin.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getString("status")));

      Map<String, Long> perRecipient = fake.sent().stream().collect(Collectors.groupingBy(FakeWhatsAppCloudApi.Sent::to,
          Collectors.counting()));
      long doubled = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
      long missing = recipients - perRecipient.size();
      long inDoubt = Tally.count(sql, "select count(*) from outbox where campaign_id = " + id + " and in_doubt_count > 0");
      long closedFromReceipts = Tally.count(sql, "select count(*) from outbox where campaign_id = " + id
          + " and last_error like 'closed from%'");
      long sentRows = Tally.count(sql, "select count(*) from outbox where campaign_id = " + id + " and status = 'sent'");
      new Tally("kill-during-campaign").put("faults", node.kills).put("recipients", recipients)
          .put("sentBeforeKill", sentAtKill).put("claimedAtKill", inFlightRowsAtKill).put("inDoubtAfterRestart", inDoubt)
          .put("closedFromReceipts", closedFromReceipts).put("providerAccepted", fake.sent().size())
          .put("outboxSent", sentRows).put("doubled", doubled).put("lost", missing)
          .put("receiptsTaken", fake.callbacksTakenAndAbandoned()[0]).put("receiptsAbandoned", fake.callbacksTakenAndAbandoned()[1])
          .put("receiptRetries", fake.callbackRetries()).print();
      perRecipient.entrySet().stream().filter(e -> e.getValue() > 1).limit(3).forEach(e -> fake.sentTo(e.getKey())
          .forEach(s -> System.out.println("doubled " + e.getKey() + " " + s.wamid() + ", ms after the kill: "
              + (s.nanoTime() - killedAt) / 1_000_000)));
      assertEquals(0, missing, "every recipient got a message");
      assertEquals(recipients, sentRows);
      // The window that remains (README, "Reliability"): a send the provider took in the instant before the kill is
      // recognised only if its receipt reaches the hub within lease + in-doubt time; on a loaded machine some receipts
      // come later and those recipients get a second message. Nothing else may ever go twice.
      assertTrue(doubled <= inDoubt, "only sends in flight at the kill may go twice: " + doubled + " > " + inDoubt);
      assertEquals(recipients + doubled, fake.sent().size());
    } finally {
      sql.close().await();
      node.stop();
    }
  }

  @Test
  @DisplayName("while reminders are due: each reminder is sent exactly once")
  void killedWhileRemindersAreDue() throws Exception {
    String db = TestEnvironment.freshDatabase();
    HubProcess node = node(db);
    Pool sql = Database.pool(vertx, db, 2);
    int invoices = 300;
    try {
      sql.query("update inboxes set settings = settings || '{\"sendRatePerSecond\": 100}' "
          + "where channel_account_id = '100000000000001'").execute().await();
      sql.query("insert into contacts (name, phone) select 'Deudor ' || g, '5696' || lpad(g::text, 7, '0') "
          + "from generate_series(1, " + invoices + ") g").execute().await();
      sql.query("insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', phone from contacts "
          + "where phone like '5696%'").execute().await();
      sql.query("insert into invoices (external_id, contact_id, number, amount, due_date) select 'KILL-' || id, id, "
          + "'F-' || id, 1000 + id, (now() at time zone 'America/Santiago')::date from contacts where phone like '5696%'")
          .execute().await();
      Tally.waitUntil("some reminders sent", Duration.ofSeconds(60), () -> fake.sent().size() >= 60);
      long sentAtKill = fake.sent().size();
      node.kill();
      node.start();
      Tally.waitUntil("every reminder sent", Duration.ofSeconds(120), () -> Tally.count(sql,
          "select count(*) from outbox o join reminder_sends r on r.message_id = o.message_id where o.status = 'sent'")
          == invoices);
      Thread.sleep(1_500);
      Map<String, Long> perRecipient = fake.sent().stream().collect(Collectors.groupingBy(FakeWhatsAppCloudApi.Sent::to,
          Collectors.counting()));
      long doubled = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
      long missing = invoices - perRecipient.size();
      long keys = Tally.count(sql, "select count(*) from reminder_sends");
      new Tally("kill-while-reminders-due").put("faults", node.kills).put("due", invoices).put("sentBeforeKill", sentAtKill)
          .put("idempotencyKeys", keys).put("providerAccepted", fake.sent().size()).put("doubled", doubled)
          .put("lost", missing).print();
      assertEquals(invoices, keys, "one idempotency key per reminder");
      assertEquals(0, missing, "every reminder went out");
      assertEquals(0, doubled, "none twice");
    } finally {
      sql.close().await();
      node.stop();
    }
  }

}
