package com.conecta.hub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.Hub;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The WhatsApp provider answering time-outs, 500 and 429 for a while")
class ProviderOutageTest {
  private static final String PHONE = "100000000000773";
  private static final int CONVERSATIONS = 8;
  private static final int REPLIES = 5;

  @Test
  @DisplayName("replies wait while the provider fails and then go out, in order per conversation, none twice — "
      + "sends that timed out are recognised from the provider's receipts instead of being sent again")
  void providerOutage() throws Exception {
    Vertx vertx = Vertx.vertx();
    FakeWhatsAppCloudApi fake = com.conecta.hub.support.FakeGraph.start(vertx).api();
    String db = TestEnvironment.freshDatabase();
    Hub hub = TestHub.start(vertx, db, TestEnvironment.redis(), TestEnvironment.redisPrefix(), new JsonObject()
        .put("whatsapp.app-secret", MetaLikeSender.SECRET).put("whatsapp.graph-base-url", fake.baseUrl())
        .put("outbox.whatsapp-timeout-ms", 700).put("outbox.in-doubt-seconds", 2));
    fake.callbacks("http://127.0.0.1:" + hub.port() + "/webhooks/whatsapp", MetaLikeSender.SECRET).statusDelayMs(20)
        .retryCallbacks(true);
    Pool sql = Database.pool(vertx, db, 2);
    try {
      Api admin = Api.admin(vertx, hub.port());
      assertEquals(201, admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA provider").put("channel", "whatsapp")
          .put("channelAccountId", PHONE).put("teamId", 1)
          .put("settings", new JsonObject().put("accessToken", "t").put("sendRatePerSecond", 50))).statusCode());
      MetaLikeSender meta = new MetaLikeSender(vertx, hub.port());
      List<Long> conversations = new ArrayList<>();
      for (int c = 0; c < CONVERSATIONS; c++) {
        String wamid = "po-in-" + c;
        meta.deliver(wamid, WhatsAppPayloads.text(PHONE, customer(c), "Cliente " + c, wamid, "hola").toBuffer(), 0)
            .toCompletionStage().toCompletableFuture().join();
        conversations.add(Tally.count(sql, "select conversation_id from messages where provider_message_id = '" + wamid + "'"));
      }

      // Time-outs (answers after the hub gave up), then 500s, then 429s.
      fake.delayFor(1_000, 1_500);
      vertx.setTimer(1_000, t -> fake.failFor(2_000, 500, 1, "An unknown error occurred"));
      vertx.setTimer(3_000, t -> fake.failFor(2_000, 429, 130429, "Rate limit hit"));
      for (int k = 0; k < REPLIES; k++) {
        for (int c = 0; c < CONVERSATIONS; c++) {
          var res = admin.post("/api/v1/conversations/" + conversations.get(c) + "/messages",
              new JsonObject().put("text", "respuesta " + c + "-" + k));
          assertEquals(201, res.statusCode(), res.bodyAsString());
        }
      }
      int total = CONVERSATIONS * REPLIES;
      Tally.waitUntil("every reply sent", Duration.ofSeconds(90), () -> Tally.count(sql,
          "select count(*) from outbox where status = 'sent' and inbox_id = (select id from inboxes where channel_account_id = '"
              + PHONE + "')") == total);

      long doubled = 0;
      long outOfOrder = 0;
      long delivered = 0;
      for (int c = 0; c < CONVERSATIONS; c++) {
        List<String> texts = fake.sentTo(customer(c)).stream().sorted(Comparator.comparingLong(FakeWhatsAppCloudApi.Sent::nanoTime))
            .map(s -> s.body().getJsonObject("text").getString("body")).toList();
        delivered += texts.size();
        doubled += texts.size() - texts.stream().distinct().count();
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < REPLIES; k++) {
          expected.add("respuesta " + c + "-" + k);
        }
        if (!texts.equals(expected)) {
          outOfOrder++;
          System.out.println("conversation " + c + " got " + texts);
        }
      }
      long inDoubt = Tally.count(sql, "select coalesce(sum(in_doubt_count), 0) from outbox");
      long closedFromReceipts = Tally.count(sql, "select count(*) from outbox where last_error like 'closed from%'");
      long failed = Tally.count(sql, "select count(*) from messages where direction = 'out' and status = 'failed'");
      new Tally("provider-outage").put("faults", fake.refused() + inDoubt).put("refused500or429", fake.refused())
          .put("timedOut", inDoubt).put("closedFromReceipts", closedFromReceipts).put("replies", total)
          .put("providerRequests", fake.requests()).put("acceptedByProvider", delivered).put("doubled", doubled)
          .put("outOfOrder", outOfOrder).put("failed", failed).print();
      assertTrue(fake.refused() > 0, "the provider did refuse sends");
      assertTrue(inDoubt > 0, "some sends timed out");
      assertEquals(0, doubled, "no reply reached the customer twice");
      assertEquals(total, delivered, "every reply reached the provider exactly once");
      assertEquals(0, outOfOrder, "each conversation's replies left in the order they were written");
      assertEquals(0, failed);
    } finally {
      sql.close().await();
      hub.stop().await();
      fake.close().await();
      vertx.close().await();
    }
  }

  private static String customer(int c) {
    return "5698200000" + c;
  }
}
