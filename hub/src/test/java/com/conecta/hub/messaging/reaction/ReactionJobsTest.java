package com.conecta.hub.messaging.reaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.inbox.InboxStore;
import com.conecta.hub.messaging.inbox.IngestResult;
import com.conecta.hub.messaging.inbox.IngestStore;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.foundation.secrets.SecretBox;
import com.conecta.hub.foundation.secrets.SecretSettings;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The durable reactions of issue 23, driven by a worker of the test's own on the hub's database. */
@DisplayName("Reaction jobs: written with the message, run once each, retried alone when they fail")
class ReactionJobsTest extends HubTestBase {

  /** The hub's own worker must not take this test's jobs: it looks only once a minute here. */
  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("reactions.poll-ms", 60_000);
  }

  private static InboundMessage message(String id) {
    return new InboundMessage("api", null, id, new SenderProfile(
        List.of(new ChannelIdentity(ChannelIdentity.API, "reaction-" + id)), "Cliente " + id, null, null, null),
        ContentType.TEXT, "hola " + id, List.of(), null, Instant.now(), null, null);
  }

  private IngestResult ingest(Pool pool, String id) {
    return new IngestStore(pool).ingestAll(List.of(new IngestStore.Item(API_INBOX, message(id)))).await().get(0);
  }

  private ReactionWorker worker(Pool pool, int maxAttempts, Reaction... reactions) {
    InboxService inboxes = new InboxService(new InboxStore(pool, new SecretSettings(new SecretBox(new byte[32], List.of()))));
    return new ReactionWorker(vertx, new ReactionStore(pool), new Reactions(List.of(reactions)), inboxes, "test-node",
        new ReactionSettings(30, 100, 50, maxAttempts, 4));
  }

  private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    com.conecta.hub.support.Await.until(condition, what, java.time.Duration.ofSeconds(20));
  }

  @Test
  @DisplayName("the ingest transaction writes one job for a new message and none for a repeat delivery")
  void oneJobPerStoredMessage() {
    Pool pool = Database.pool(vertx, dbUrl, 2);
    try {
      IngestResult first = ingest(pool, "job-once");
      IngestResult again = ingest(pool, "job-once");
      assertTrue(first.created());
      assertEquals(first.messageId(), again.messageId());
      assertEquals(1, count("select count(*) from reaction_jobs where message_id = " + first.messageId()));
      assertEquals(1, count("select count(*) from reaction_jobs where message_id = " + first.messageId()
          + " and conversation_created"));
    } finally {
      pool.close().await();
    }
  }

  @Test
  @DisplayName("each reaction runs once per message; a failed one runs again alone, and the job ends when all are done")
  void failedReactionRetriedAlone() throws Exception {
    Pool pool = Database.pool(vertx, dbUrl, 2);
    Map<Long, AtomicInteger> counted = new ConcurrentHashMap<>();
    Map<Long, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
    ReactionWorker worker = worker(pool, 5,
        Reaction.of("count", in -> {
          counted.computeIfAbsent(in.result().messageId(), k -> new AtomicInteger()).incrementAndGet();
          return Future.succeededFuture();
        }),
        Reaction.of("flaky", in -> flakyCalls.computeIfAbsent(in.result().messageId(), k -> new AtomicInteger())
            .incrementAndGet() == 1 ? Future.failedFuture("down the first time") : Future.succeededFuture()));
    try {
      long a = ingest(pool, "job-a").messageId();
      long b = ingest(pool, "job-b").messageId();
      vertx.runOnContext(v -> worker.start());
      waitFor("both jobs ended", () -> count("select count(*) from reaction_jobs where message_id in (" + a + ", " + b
          + ")") == 0);
      assertEquals(1, counted.get(a).get(), "the reaction that worked is not run again with the retry");
      assertEquals(1, counted.get(b).get());
      assertEquals(2, flakyCalls.get(a).get(), "the failed reaction ran again");
      assertEquals(2, flakyCalls.get(b).get());
    } finally {
      worker.stop().await();
      pool.close().await();
    }
  }

  @Test
  @DisplayName("a reaction that keeps failing stops after the configured attempts, its error kept on the job")
  void givesUpAfterMaxAttempts() throws Exception {
    Pool pool = Database.pool(vertx, dbUrl, 2);
    AtomicInteger calls = new AtomicInteger();
    ReactionWorker worker = worker(pool, 2, Reaction.of("always fails", in -> {
      calls.incrementAndGet();
      return Future.failedFuture("no luck");
    }));
    try {
      long id = ingest(pool, "job-dead").messageId();
      vertx.runOnContext(v -> worker.start());
      waitFor("the job given up", () -> count("select count(*) from reaction_jobs where message_id = " + id
          + " and done_at is not null") == 1);
      assertEquals(2, calls.get());
      assertEquals(1, count("select count(*) from reaction_jobs where message_id = " + id
          + " and attempts = 2 and last_error like 'always fails: %no luck%'"));
    } finally {
      worker.stop().await();
      pool.close().await();
    }
  }
}
