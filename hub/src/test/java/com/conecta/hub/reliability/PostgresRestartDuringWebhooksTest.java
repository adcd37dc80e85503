package com.conecta.hub.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.hub.Hub;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL restarted while WhatsApp webhooks arrive")
class PostgresRestartDuringWebhooksTest {
  private static final String PHONE = "100000000000771";
  private static final int MESSAGES = 400;

  @Test
  @DisplayName("webhooks refused during the restart are retried by the provider, every message is stored exactly once, "
      + "and the hub becomes ready again by itself")
  void restartDuringIngest() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FaultyServers servers = new FaultyServers()) {
      String db = servers.startPostgres();
      Hub hub = TestHub.start(vertx, db, TestEnvironment.redis(), TestEnvironment.redisPrefix(),
          new JsonObject().put("whatsapp.app-secret", MetaLikeSender.SECRET));
      try {
        Api admin = Api.admin(vertx, hub.port());
        assertEquals(201, admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA restart").put("channel", "whatsapp")
            .put("channelAccountId", PHONE).put("teamId", 1)
            .put("settings", new JsonObject().put("accessToken", "t"))).statusCode());
        MetaLikeSender meta = new MetaLikeSender(vertx, hub.port());
        Future<Void> all = meta.send(PHONE, "pgr", MESSAGES, 40, 16);
        Tally.waitUntil("a first part acknowledged", Duration.ofSeconds(60), () -> meta.acknowledged.size() >= 100);
        long before = meta.acknowledged.size();
        servers.stopPostgres();
        Thread.sleep(2_000);
        long refusedWhileDown = meta.refusals.get();
        servers.startPostgres();
        all.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);

        Tally.waitUntil("/ready answers 200 again", Duration.ofSeconds(30),
            () -> admin.get("/ready").statusCode() == 200);
        Buffer fresh = WhatsAppPayloads.text(PHONE, "56989999999", "Nuevo", "pgr-after", "después").toBuffer();
        int status = WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/webhooks/whatsapp")
            .putHeader("content-type", "application/json")
            .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(MetaLikeSender.SECRET, fresh.getBytes()))
            .sendBuffer(fresh).await().statusCode();
        assertEquals(200, status, "a new webhook is taken on its first attempt, without restarting the hub");

        Pool sql = Database.pool(vertx, db, 2);
        long stored = Tally.count(sql, "select count(*) from messages where provider_message_id like 'pgr-%' "
            + "and provider_message_id <> 'pgr-after'");
        long distinct = Tally.count(sql, "select count(distinct provider_message_id) from messages "
            + "where provider_message_id like 'pgr-%' and provider_message_id <> 'pgr-after'");
        new Tally("postgres-restart").put("faults", servers.faults).put("webhooks", MESSAGES)
            .put("ackedBeforeRestart", before).put("attempts", meta.attempts.get()).put("refusedOrTimedOut", meta.refusals.get())
            .put("acknowledged", meta.acknowledged.size()).put("stored", stored).put("doubled", stored - distinct)
            .put("lost", MESSAGES - distinct).print();
        assertTrue(refusedWhileDown > 0 || meta.refusals.get() > 0, "the restart was felt: some webhooks were refused");
        assertEquals(MESSAGES, meta.acknowledged.size(), "every webhook was acknowledged in the end");
        assertEquals(MESSAGES, stored, "every message stored exactly once");
        assertEquals(MESSAGES, distinct);
        sql.close().await();
      } finally {
        hub.stop().await();
        vertx.close().await();
      }
    }
  }
}
