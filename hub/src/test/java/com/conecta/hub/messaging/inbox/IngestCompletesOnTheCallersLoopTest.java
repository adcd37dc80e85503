package com.conecta.hub.messaging.inbox;

import static org.junit.jupiter.api.Assertions.*;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.EventLoops;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The ingest batcher shared by every HTTP event loop")
class IngestCompletesOnTheCallersLoopTest extends HubTestBase {

  private static InboundMessage message(String sourceId) {
    return new InboundMessage("api", null, sourceId, new SenderProfile(
        List.of(new ChannelIdentity(ChannelIdentity.API, "loop-" + sourceId)), "Cliente " + sourceId, null, null, null),
        ContentType.TEXT, "hola " + sourceId, List.of(), null, Instant.now(), null, null);
  }

  @Test
  @DisplayName("messages from two loops share transactions, and each one's answer continues on the loop that sent it")
  void eachAnswerOnItsOwnLoop() throws Exception {
    Pool pool = Database.pool(vertx, dbUrl, 2);
    try {
      // One transaction at a time: what arrives meanwhile waits and goes in the next batch, which the first batch's
      // completion starts on its own loop, so messages of the other loop are stored by it.
      IngestBatcher batcher = new IngestBatcher(new IngestStore(pool), 64, 1);
      List<Context> loops = EventLoops.distinct(vertx, 2);
      int perLoop = 20;
      List<String> wrongLoop = new CopyOnWriteArrayList<>();
      List<Future<IngestResult>> results = new CopyOnWriteArrayList<>();
      CountDownLatch answered = new CountDownLatch(2 * perLoop);
      for (int l = 0; l < 2; l++) {
        int loop = l;
        loops.get(l).runOnContext(v -> {
          String own = Thread.currentThread().getName();
          for (int i = 0; i < perLoop; i++) {
            Future<IngestResult> f = batcher.submit(new IngestStore.Item(API_INBOX, message("L" + loop + "-" + i)));
            results.add(f);
            f.onComplete(ar -> {
              if (!Thread.currentThread().getName().equals(own)) {
                wrongLoop.add("a message of " + own + " was answered on " + Thread.currentThread().getName());
              }
              answered.countDown();
            });
          }
        });
      }
      assertTrue(answered.await(30, TimeUnit.SECONDS), "every message is answered");
      assertEquals(List.of(), wrongLoop);
      assertTrue(results.stream().allMatch(f -> f.succeeded() && f.result().created()));
      assertEquals(2L * perLoop, count("select count(*) from messages where provider_message_id like 'L_-%'"));
    } finally {
      pool.close().await();
    }
  }
}
