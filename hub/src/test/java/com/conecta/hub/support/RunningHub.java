package com.conecta.hub.support;

import com.conecta.connectors.sandbox.twilio.FakeTwilioApi;
import com.conecta.hub.Hub;
import com.conecta.hub.foundation.runtime.PeriodicPasses;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One test class's hub (what {@link ConectaHub} starts): the node, its database, its fakes, signed-in clients for
 * the demo company's users, and its periodic passes to run on demand. Demo data as in {@link HubTestBase}.
 */
public final class RunningHub implements AutoCloseable {
  public static final String TWILIO_TOKEN = "twilio-test-token";
  public static final String MARKETING = "marketing@demo.conecta.cl";

  private final Vertx vertx;
  private final String dbUrl;
  private final String redisPrefix;
  private final JsonObject config;
  private final FakeGraph graph;
  private final FakeTwilioApi twilio;
  private final GreenMail mail;
  private final Hub hub;
  private final Pool sql;
  private final Map<String, Api> signedIn = new ConcurrentHashMap<>();
  private final List<Hub> moreNodes = new ArrayList<>();

  private RunningHub(Vertx vertx, String dbUrl, String redisPrefix, JsonObject config, FakeGraph graph,
      FakeTwilioApi twilio, GreenMail mail) {
    this.vertx = vertx;
    this.dbUrl = dbUrl;
    this.redisPrefix = redisPrefix;
    this.config = config;
    this.graph = graph;
    this.twilio = twilio;
    this.mail = mail;
    this.hub = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, config);
    this.sql = com.conecta.hub.foundation.platform.Database.pool(vertx, dbUrl, 2);
    if (graph != null) {
      graph.wire(hub);
    }
  }

  static RunningHub start(ConectaHub settings) {
    Vertx vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put("bot.enabled", String.valueOf(settings.bot()));
    FakeGraph graph = settings.fakeGraph() ? FakeGraph.start(vertx) : null;
    if (graph != null) {
      config.mergeIn(graph.config());
    }
    FakeTwilioApi twilio = null;
    if (settings.fakeTwilio()) {
      twilio = new FakeTwilioApi(vertx, TWILIO_TOKEN);
      twilio.start().await();
      config.put("twilio.api-base-url", twilio.baseUrl());
    }
    GreenMail mail = null;
    if (settings.mail()) {
      mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      mail.start();
      config.put("notifications.smtp.host", "127.0.0.1").put("notifications.smtp.port", mail.getSmtp().getPort())
          .put("notifications.smtp.security", "none").put("notifications.smtp.from", "avisos@demo.conecta.cl");
    }
    for (String setting : settings.config()) {
      int eq = setting.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("@ConectaHub config takes key=value, was '" + setting + "'");
      }
      config.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }
    return new RunningHub(vertx, TestEnvironment.freshDatabase(), TestEnvironment.redisPrefix(), config, graph,
        twilio, mail);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Hub node() {
    return hub;
  }

  public int port() {
    return hub.port();
  }

  public String dbUrl() {
    return dbUrl;
  }

  /** The node's periodic passes: {@code jobs().run("reminder").await()} instead of waiting for a tick. */
  public PeriodicPasses jobs() {
    return hub.jobs();
  }

  /** Runs one periodic pass now and waits for it. */
  public void run(String pass) {
    hub.jobs().run(pass).await();
  }

  /** Waits until nothing is queued or in flight in the outbox: what the passes queued has reached its provider. */
  public void awaitOutboxSent() {
    Await.until(() -> count("select count(*) from outbox where status in ('pending', 'sending')") == 0,
        "the outbox sent everything queued");
  }

  /**
   * Waits until the reactions to every stored inbound message (bot, assignment, survey answers, opt-outs ...) have run on
   * some node: what they did not do by then they will not do. How a test proves that a message changed nothing without
   * sleeping (a webhook's 200 comes after its message and its reaction job are committed).
   */
  public void awaitReactionsDone() {
    Await.until(() -> count("select count(*) from reaction_jobs where done_at is null") == 0,
        "every inbound message's reactions ran");
  }

  public Api admin() {
    return signedIn(Api.ADMIN, Api.ADMIN_PASSWORD);
  }

  /** A demo agent by first name: ana, bruno or carla. */
  public Api agent(String name) {
    return signedIn(name + "@demo.conecta.cl", Api.AGENT_PASSWORD);
  }

  /** A marketing user (made on first use; the demo company has none). */
  public Api marketing() {
    return signedIn.computeIfAbsent(MARKETING, email -> {
      var res = admin().post("/api/v1/users", new JsonObject().put("email", email).put("name", "Mara Marketing")
          .put("role", "marketing").put("password", Api.AGENT_PASSWORD));
      if (res.statusCode() != 201) {
        throw new IllegalStateException("marketing user not made: " + res.statusCode() + " " + res.bodyAsString());
      }
      return Api.signedIn(vertx, port(), email, Api.AGENT_PASSWORD);
    });
  }

  /** A client signed in as any user, kept for the class. */
  public Api signedIn(String email, String password) {
    return signedIn.computeIfAbsent(email, e -> Api.signedIn(vertx, port(), e, password));
  }

  /** The fake Graph API and its customers. */
  public FakeGraph graph() {
    if (graph == null) {
      throw new IllegalStateException("this hub has no fake Graph API: @ConectaHub(fakeGraph = true)");
    }
    return graph;
  }

  /** A WhatsApp customer writing to the demo Ventas number. */
  public WhatsAppCustomer customer(String waId, String name) {
    return graph().customer(waId, name);
  }

  public FakeTwilioApi twilio() {
    if (twilio == null) {
      throw new IllegalStateException("this hub has no fake Twilio: @ConectaHub(fakeTwilio = true)");
    }
    return twilio;
  }

  public GreenMail mail() {
    if (mail == null) {
      throw new IllegalStateException("this hub has no SMTP server: @ConectaHub(mail = true)");
    }
    return mail;
  }

  /** A pool on the hub's database, to check what was (or was not) stored. */
  public Pool sql() {
    return sql;
  }

  public long count(String sqlText) {
    return sql.query(sqlText).execute().await().iterator().next().getLong(0);
  }

  /** A second (third ...) node on the same database and Redis, with the same settings; stopped with the class. */
  public Hub anotherNode() {
    Hub node = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, config);
    moreNodes.add(node);
    return node;
  }

  @Override
  public void close() {
    moreNodes.forEach(n -> n.stop().await());
    sql.close().await();
    hub.stop().await();
    if (graph != null) {
      graph.close();
    }
    if (twilio != null) {
      twilio.close().await();
    }
    if (mail != null) {
      mail.stop();
    }
    vertx.close().await();
  }
}
