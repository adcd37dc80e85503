package com.conecta.hub.support;

import com.conecta.hub.Hub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One hub node on a fresh database (with the sandbox's demo company) for the tests of one class. Demo data:
 * inboxes 1 WhatsApp Ventas, 2 WhatsApp Soporte, 3 email, 4 web form, 5 API (Ventas); users 1 admin,
 * 2 ana (Ventas), 3 bruno (Ventas + Soporte), 4 carla (Soporte); teams 1 Ventas, 2 Soporte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HubTestBase {
  public static final long API_INBOX = 5;
  protected Vertx vertx;
  protected String dbUrl;
  protected Hub hub;
  protected Api admin;
  protected Pool sql;
  protected String redisPrefix;
  /** The fake Graph API, when the class started one with {@link #startFakeGraph()} (closed after the class). */
  protected FakeGraph graph;

  @BeforeAll
  void startHub() {
    vertx = Vertx.vertx();
    dbUrl = TestEnvironment.freshDatabase();
    redisPrefix = TestEnvironment.redisPrefix();
    hub = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, extraConfig());
    admin = Api.admin(vertx, hub.port());
    sql = com.conecta.hub.foundation.platform.Database.pool(vertx, dbUrl, 2);
  }

  protected JsonObject extraConfig() {
    return new JsonObject();
  }

  /**
   * Starts the fake Graph API for this class (call it from {@link #extraConfig()}, and point the hub at it with
   * {@code graph.config()} or at least {@code whatsapp.graph-base-url}); {@code graph.wire(hub)} lets it send
   * delivery statuses back.
   */
  protected FakeGraph startFakeGraph() {
    return startFakeGraph(FakeGraph.SECRET);
  }

  protected FakeGraph startFakeGraph(String appSecret) {
    graph = FakeGraph.start(vertx, appSecret);
    return graph;
  }

  @AfterAll
  void stopHub() {
    if (sql != null) {
      sql.close().await();
    }
    if (hub != null) {
      hub.stop().await();
    }
    if (graph != null) {
      graph.close();
    }
    vertx.close().await();
  }

  /** A count straight from the database, to check what was (or was not) stored. */
  protected long count(String sqlText) {
    return sql.query(sqlText).execute().await().iterator().next().getLong(0);
  }

  /** Runs one of the node's periodic passes ("reminder", "quote", ...) now and waits for it, instead of its timer. */
  protected void runPass(String name) {
    hub.jobs().run(name).await();
  }

  /** Waits until nothing is queued or in flight in the outbox: what the passes queued has reached its provider. */
  protected void awaitOutboxSent() {
    Await.until(() -> count("select count(*) from outbox where status in ('pending', 'sending')") == 0,
        "the outbox sent everything queued");
  }

  /**
   * Waits until the reactions to every stored inbound message (bot, assignment, survey answers, opt-outs ...) have run on
   * some node: what they did not do by then they will not do. How a test proves that a message changed nothing without
   * sleeping (a webhook's 200 comes after its message and its reaction job are committed).
   */
  protected void awaitReactionsDone() {
    Await.until(() -> count("select count(*) from reaction_jobs where done_at is null") == 0,
        "every inbound message's reactions ran");
  }

  protected Api signIn(String email) {
    return Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
  }
}
