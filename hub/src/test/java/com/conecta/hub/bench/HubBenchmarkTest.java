package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Fixtures;
import com.conecta.hub.support.TestEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one benchmark command (issue 10): starts the hub as its own process on the machine's PostgreSQL and Redis,
 * drives it from a separate load-generator JVM with an open model, and prints a table of what users feel —
 * ingest (step search for the highest rate with p99 under 100 ms, then the tail at half of it and at a steady
 * 20 msg/s, beside pgbench's reference on the same server), the hub's CPU per message and per receipt, live delivery
 * to 500 agents' event streams, inbox reads over 1,000,000 messages, a 100,000-recipient campaign at 1,000 msg/s
 * against the fake Graph API, the bot's classification time, the hub's footprint, and last the same step search on a
 * hub restarted with the sales bot answering — then issue 23's targets, each with its goal. Writes the figures as
 * JSON under target/bench/. Asserts only that nothing was lost or doubled.
 *
 * <pre>
 * ./mvnw -B -pl hub -am verify -Pbench -Dtest=HubBenchmarkTest -Dbench.mode=short   (about five minutes)
 * ./mvnw -B -pl hub -am verify -Pbench -Dtest=HubBenchmarkTest -Dbench.mode=full
 * </pre>
 */
@Tag("benchmark")
@DisplayName("Hub benchmark: one command, a separate load generator, a table and a JSON file")
class HubBenchmarkTest {
  static final String SECRET = "bench-app-secret";
  static final String PHONE_NUMBER_ID = "100000000000001"; // the demo company's WhatsApp Ventas inbox (bot flow: sales)

  private final BenchReport report = new BenchReport();

  @Test
  @DisplayName("measures the hub end to end, prints the table, writes JSON; nothing is lost or doubled")
  void benchmark() throws Exception {
    BenchMode mode = BenchMode.of(System.getProperty("bench.mode", "short"));
    Path out = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(out);
    Vertx vertx = Vertx.vertx();
    String dbUrl = TestEnvironment.freshDatabase();
    String redisUrl = TestEnvironment.redis();
    CommandedJvm fake = new CommandedJvm(FakeGraphServer.class, BenchHost.fakeJvm(),
        new JsonObject(), out.resolve("fake-graph.log"));
    List<String> mediaIds = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      String id = "bench-media-" + i;
      fake.call(new JsonObject().put("cmd", "media").put("id", id).put("bytes", 2_000 + i * 3_000));
      mediaIds.add(id);
    }
    JsonObject json = report.json;
    json.put("mode", mode.name()).put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("machine", BenchHost.machine()).put("loadAverageAtStart", BenchHost.loadAverage());
    Map<String, String> env = new HashMap<>();
    env.put("CONECTA_DB_URL", dbUrl);
    env.put("CONECTA_REDIS_URL", redisUrl == null ? "" : redisUrl);
    env.put("CONECTA_REDIS_PREFIX", TestEnvironment.redisPrefix());
    env.put("CONECTA_HTTP_HOST", "127.0.0.1");
    env.put("CONECTA_SANDBOX_ENABLED", "true"); // seeds the demo company (users, teams, inboxes) on the empty database
    env.put("CONECTA_BOT_ENABLED", "false"); // ingest is measured without bot replies; the bot is measured on its own
    env.put("CONECTA_WHATSAPP_APP_SECRET", SECRET);
    env.put("CONECTA_WHATSAPP_GRAPH_BASE_URL", fake.call(new JsonObject().put("cmd", "url")).getString("baseUrl"));
    env.put("CONECTA_DATA_DIR", out.resolve("hub-data-" + UUID.randomUUID().toString().substring(0, 6)).toString());
    Path root = Path.of("").toAbsolutePath().getParent();
    json.put("hubConfig", new JsonObject().put("defaults", "config/conecta.yaml (db.pool-size 8, ingest.batch-size 64)")
        .put("bot", "off during ingest (measured on its own, then on a hub restarted with it on)")
        .put("statusWebhooks", "off (the fake sends no callbacks)")
        .put("jvm", "java com.conecta.hub.Main, no heap flags, local JMX for heap figures"));
    JsonObject generatorConfig = new JsonObject().put("secret", SECRET).put("phoneNumberId", PHONE_NUMBER_ID)
        .put("contacts", mode.contactPool()).put("mediaIds", new JsonArray(mediaIds))
        .put("fixtures", Fixtures.root().resolve("whatsapp-cloud/inbound").toString());

    Pool sql = Database.pool(vertx, dbUrl, 3);
    try {
      json.put("versions", BenchHost.versions(sql, redisUrl));
      try (HubProcess hub = HubProcess.start(env, root, out.resolve("hub.log"))) {
        hub.awaitQuiet(); // its start-up work done, so that the idle figures are idle
        JsonObject footprint = new JsonObject().put("startMillis", hub.startMillis).put("rssIdleMb", hub.rssMb())
            .put("heapIdleMb", hub.heapUsedMb());
        json.put("footprint", footprint);
        try (CommandedJvm gen = generator(generatorConfig, hub, out.resolve("loadgen.log"))) {
          report.phase("bot", () -> json.put("bot", BotUnderstandingPhase.measure(mode)));
          report.phase("ingest", () -> new IngestPhase(new BenchRig(mode, gen, hub, sql, report)).run());
          footprint.put("rssPeakUnderLoadMb", hub.peakRssMb()).put("rssAfterIngestMb", hub.rssMb());
          Api admin = Api.admin(vertx, hub.port);
          List<String> cookies = LiveDeliveryPhase.agents(sql, mode.agents());
          hub.threadDumpLater(out.resolve("threads-live-delivery.txt"), 8_000);
          report.phase("liveDelivery", () -> new LiveDeliveryPhase(new BenchRig(mode, gen, hub, sql, report))
              .run(cookies, sustainedIngest()));
          report.phase("inboxReads", () -> new InboxReadsPhase(report).run(mode, gen, sql, cookies.get(0), hub, out));
          hub.threadDumpLater(out.resolve("threads-campaign.txt"), 15_000);
          report.phase("campaign", () -> new CampaignPhase(report).run(mode, hub, admin, sql, fake));
          footprint.put("rssPeakMb", hub.peakRssMb());
        }
      }
      if (report.runs("botIngest")) {
        // The bot is read from the configuration at start: the same database and data, a hub restarted with it on.
        env.put("CONECTA_BOT_ENABLED", "true");
        try (HubProcess hub = HubProcess.start(env, root, out.resolve("hub-bot.log"));
            CommandedJvm gen = generator(generatorConfig, hub, out.resolve("loadgen-bot.log"))) {
          hub.awaitQuiet();
          report.phase("botIngest", () -> new BotIngestPhase(new BenchRig(mode, gen, hub, sql, report)).run());
        }
      }
    } finally {
      sql.close().await();
      fake.close();
      vertx.close().await();
      BenchHost.dropDatabase(dbUrl);
    }
    report.finish(BenchHost.loadAverage());
    String stamp = json.getString("timestamp").replace(":", "");
    Files.writeString(out.resolve("bench-" + mode.name() + "-" + stamp + ".json"), json.encodePrettily());
    Files.writeString(out.resolve("bench-latest.json"), json.encodePrettily());
    BenchTable.print(mode, report, out);
    assertTrue(report.problems().isEmpty(), "nothing lost or doubled: " + report.problems());
  }

  private static CommandedJvm generator(JsonObject config, HubProcess hub, Path log) throws Exception {
    return new CommandedJvm(LoadGenerator.class, List.of("-Xmx1g"), config.copy().put("port", hub.port), log);
  }

  /** The ingest phase's highest sustained rate, 0 when it did not run. */
  private double sustainedIngest() {
    JsonObject in = report.json.getJsonObject("ingest");
    return in == null ? 0 : in.getDouble("maxRateP99Under100ms");
  }
}
