package com.conecta.hub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 23: what reacts to a message (here the bot, and STOP/BAJA opt-outs) is durable work written with the message.
 * A node is killed with SIGKILL the moment its last webhook is acknowledged, with reactions still to run; a second
 * node (a new process on the same database) takes over, and every reaction happens exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Reactions to acknowledged messages survive a node killed with SIGKILL")
class ReactionsSurviveAKilledNodeTest {
  private static final String BOT_NUMBER = "100000000000881";
  private static final String OPT_OUT_NUMBER = "100000000000882";
  private Vertx vertx;
  private FakeWhatsAppCloudApi fake;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeWhatsAppCloudApi(vertx);
    fake.start(0).await();
    fake.onlySentStatus(true).autoRead(false);
  }

  @AfterAll
  void stop() {
    fake.close().await();
    vertx.close().await();
  }

  private HubProcess node(String db) throws Exception {
    HubProcess node = new HubProcess(db, TestEnvironment.redis(), TestEnvironment.redisPrefix(), Map.of(
        "CONECTA_WHATSAPP_GRAPH_BASE_URL", fake.baseUrl(),
        "CONECTA_BOT_ENABLED", "true",
        "CONECTA_REACTIONS_LEASE_SECONDS", "3"));
    node.start();
    return node;
  }

  @Test
  @DisplayName("after the kill a second node runs what was left: each message got one bot step, each BAJA one opt-out")
  void everyReactionOnceAfterAKill() throws Exception {
    String db = TestEnvironment.freshDatabase();
    HubProcess first = node(db);
    Pool sql = Database.pool(vertx, db, 2);
    int botMessages = 300;
    int optOuts = 200;
    try {
      Api admin = Api.admin(vertx, first.port());
      assertEquals(201, admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA bot kill").put("channel", "whatsapp")
          .put("channelAccountId", BOT_NUMBER).put("teamId", 1)
          .put("settings", new JsonObject().put("accessToken", "t").put("botFlow", "sales"))).statusCode());
      assertEquals(201, admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA bajas kill").put("channel", "whatsapp")
          .put("channelAccountId", OPT_OUT_NUMBER).put("teamId", 1)
          .put("settings", new JsonObject().put("accessToken", "t").put("autoAssign", false))).statusCode());
      MetaLikeSender meta = new MetaLikeSender(vertx, first.port());
      List<Future<Void>> all = new ArrayList<>();
      for (int i = 0; i < botMessages; i++) {
        String wamid = "react-bot-" + i;
        all.add(meta.deliver(wamid, WhatsAppPayloads.text(BOT_NUMBER, "5695" + String.format("%07d", i), "Cliente " + i,
            wamid, "Hola, quiero cotizar extintores para mi empresa").toBuffer(), 0));
      }
      for (int i = 0; i < optOuts; i++) {
        String wamid = "react-baja-" + i;
        all.add(meta.deliver(wamid, WhatsAppPayloads.text(OPT_OUT_NUMBER, "5694" + String.format("%07d", i), "Baja " + i,
            wamid, "BAJA").toBuffer(), 0));
      }
      Future.all(all).toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
      first.kill();
      long pendingAtKill = Tally.count(sql, "select count(*) from reaction_jobs");
      long stepsAtKill = Tally.count(sql, "select count(*) from bot_sessions where last_message_id is not null");

      // A new process on the same data folder (its secrets key) and port: a new node id, the dead one's claims expire.
      first.start();
      Tally.waitUntil("every reaction job ended", Duration.ofSeconds(180),
          () -> Tally.count(sql, "select count(*) from reaction_jobs") == 0);

      long stored = Tally.count(sql, "select count(*) from messages where provider_message_id like 'react-%'");
      long botConversations = Tally.count(sql, "select count(*) from conversations c join inboxes i on i.id = c.inbox_id "
          + "where i.channel_account_id = '" + BOT_NUMBER + "'");
      // One step per message: the session records the message it took, and the step's replies carry its id.
      long stepped = Tally.count(sql, "select count(*) from bot_sessions s join messages m on m.id = s.last_message_id "
          + "where m.provider_message_id like 'react-bot-%'");
      long withoutReply = Tally.count(sql, "select count(*) from messages m where m.provider_message_id like 'react-bot-%' "
          + "and not exists (select 1 from outbox o where o.idempotency_key like 'bot:' || m.id || ':%')");
      long botRepliesNotFromTheirStep = Tally.count(sql, "select count(*) from messages r join conversations c "
          + "on c.id = r.conversation_id join inboxes i on i.id = c.inbox_id where i.channel_account_id = '" + BOT_NUMBER
          + "' and r.sender_kind = 'bot' and not r.private and not exists (select 1 from outbox o where o.message_id = r.id "
          + "and o.idempotency_key like 'bot:%')");
      long optedOut = Tally.count(sql, "select count(*) from contacts ct where ct.do_not_contact and exists (select 1 "
          + "from conversations c join inboxes i on i.id = c.inbox_id where c.contact_id = ct.id and i.channel_account_id = '"
          + OPT_OUT_NUMBER + "')");
      long confirmations = Tally.count(sql, "select count(*) from messages where (content ->> 'optOutConfirmation')::boolean");
      long contactsConfirmedTwice = Tally.count(sql, "select count(*) from (select conversation_id from messages where "
          + "(content ->> 'optOutConfirmation')::boolean group by conversation_id having count(*) > 1) x");
      new Tally("reactions-after-kill").put("webhooks", botMessages + optOuts).put("acknowledged", meta.acknowledged.size())
          .put("stored", stored).put("jobsPendingAtKill", pendingAtKill).put("botStepsAtKill", stepsAtKill)
          .put("botSteps", stepped).put("messagesWithoutBotReply", withoutReply)
          .put("botRepliesOutsideTheirStep", botRepliesNotFromTheirStep).put("optedOut", optedOut)
          .put("optOutConfirmations", confirmations).put("confirmedTwice", contactsConfirmedTwice).print();
      assertEquals(botMessages + optOuts, stored);
      assertTrue(pendingAtKill > 0, "the kill must leave reactions to run, or this test proves nothing");
      assertEquals(botMessages, botConversations);
      assertEquals(botMessages, stepped, "each bot message took exactly one step");
      assertEquals(0, withoutReply, "no message lost its bot answer");
      assertEquals(0, botRepliesNotFromTheirStep, "no bot answer outside its message's one step");
      assertEquals(optOuts, optedOut, "every BAJA opted its contact out");
      assertEquals(optOuts, confirmations, "one confirmation per contact");
      assertEquals(0, contactsConfirmedTwice);
    } finally {
      sql.close().await();
      first.stop();
    }
  }
}
