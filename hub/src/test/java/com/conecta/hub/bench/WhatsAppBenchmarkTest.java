package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * WhatsApp speed: signed Cloud API webhooks (64 concurrent) beside pgbench's reference, and the send rate against the
 * fake Graph API at a configured 1,000 messages/s. Prints figures; asserts only that nothing is lost or doubled.
 */
@Tag("benchmark")
// Superseded by HubBenchmarkTest (separate processes, open model); kept for comparison with earlier figures.
@EnabledIfSystemProperty(named = "bench.legacy", matches = "true",
    disabledReason = "closed-loop, in-JVM benchmark superseded by HubBenchmarkTest; run with -Dbench.legacy=true")
@DisplayName("WhatsApp benchmark: webhook ingest and send rate")
class WhatsAppBenchmarkTest extends HubTestBase {
  private static final String SECRET = "bench-secret";
  private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
  private static final int SENDS = Integer.getInteger("bench.sends", 50_000);
  private FakeWhatsAppCloudApi fake;

  @Override
  protected JsonObject extraConfig() {
    fake = new FakeWhatsAppCloudApi(vertx);
    fake.start(0).await();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl())
        .put("db.pool-size", 10);
  }

  @Test
  @DisplayName("prints webhook messages/s with latency, and the achieved send rate at a 1,000/s limit")
  void whatsappSpeed() throws Exception {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hub.port()),
        new PoolOptions().setHttp1MaxSize(64));
    long[] latencies = new long[2_000_000];
    AtomicInteger recorded = new AtomicInteger();
    AtomicLong seq = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    for (int i = 0; i < 500; i++) {
      post(client, i, "warm").await();
    }
    long end = System.nanoTime() + SECONDS * 1_000_000_000L;
    long t0 = System.nanoTime();
    Future<?>[] loops = new Future<?>[64];
    for (int s = 0; s < 64; s++) {
      Promise<Void> p = Promise.promise();
      loops[s] = p.future();
      loop(client, end, seq, latencies, recorded, errors, p);
    }
    Future.all(Arrays.asList(loops)).await();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, recorded.get());
    Arrays.sort(sorted);
    var server = com.conecta.hub.support.TestEnvironment.server();
    String hostPort = server.substring(server.indexOf('@') + 1, server.lastIndexOf('/'));
    double reference = PgbenchReference.run(hostPort.split(":")[0], Integer.parseInt(hostPort.split(":")[1]), 20);
    double rate = recorded.get() / seconds;
    System.out.printf("%nWHATSAPP WEBHOOK INGEST (signed Cloud API webhooks, 64 concurrent, %d s, %d cores)%n", SECONDS,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("  hub rate             %.0f msg/s (errors %d)%n", rate, errors.get());
    System.out.printf("  latency p50/p99      %.1f / %.1f ms%n", pct(sorted, .5), pct(sorted, .99));
    System.out.printf("  pgbench reference    %s tx/s%n", reference < 0 ? "n/a" : String.format("%.0f", reference));
    if (reference > 0) {
      System.out.printf("  hub / reference      %.2f%n", rate / reference);
    }
    assertEquals(recorded.get(), count("select count(*) from messages where provider_message_id like 'wamid.bench.%'"));

    sendRate();
  }

  private void sendRate() throws Exception {
    long inbox = admin.post("/api/v1/inboxes", new JsonObject().put("name", "Bench send").put("channel", "whatsapp")
        .put("channelAccountId", "200000000000009").put("teamId", 1)
        .put("settings", new JsonObject().put("accessToken", "t").put("sendRatePerSecond", 1000)
            .put("autoAssign", false))).bodyAsJsonObject().getLong("id");
    int conversations = 5_000;
    int perConversation = SENDS / conversations;
    for (String q : List.of(
        "insert into contacts (name) select 'Destinatario ' || g from generate_series(1, " + conversations + ") g",
        "insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', '569' || lpad(id::text, 8, '0') "
            + "from contacts where name like 'Destinatario %'",
        "insert into conversations (inbox_id, contact_id, last_inbound_at) select " + inbox + ", id, now() from contacts "
            + "where name like 'Destinatario %'",
        "insert into messages (conversation_id, inbox_id, direction, sender_kind, content_type, text, status) "
            + "select c.id, " + inbox + ", 'out', 'bot', 'text', 'Oferta ' || g, 'queued' from conversations c, "
            + "generate_series(1, " + perConversation + ") g where c.inbox_id = " + inbox)) {
      sql.query(q).execute().await();
    }
    long start = System.nanoTime();
    sql.query("insert into outbox (message_id, inbox_id, conversation_id, channel, idempotency_key) "
        + "select id, inbox_id, conversation_id, 'whatsapp', 'bench:' || id from messages where inbox_id = " + inbox
        + " order by id").execute().await();
    int total = conversations * perConversation;
    try {
      // Polled by the count alone: copying the sends at each poll would load the JVM that runs the hub being measured.
      com.conecta.hub.support.Await.until(() -> fake.sentCount("200000000000009") >= total, "every send at the fake",
          java.time.Duration.ofSeconds(300));
    } catch (AssertionError e) {
      // measured as far as it went, as before
    }
    List<FakeWhatsAppCloudApi.Sent> sent = fake.sent();
    long first = sent.get(0).nanoTime();
    long last = sent.get(sent.size() - 1).nanoTime();
    double achieved = (sent.size() - 1) / ((last - first) / 1e9);
    int worstSecond = 0;
    int j = 0;
    for (int i = 0; i < sent.size(); i++) {
      while (sent.get(i).nanoTime() - sent.get(j).nanoTime() >= 1_000_000_000L) {
        j++;
      }
      worstSecond = Math.max(worstSecond, i - j + 1);
    }
    System.out.printf("%nWHATSAPP SEND RATE (limit 1,000/s, %d messages to %d recipients)%n", total, conversations);
    System.out.printf("  achieved rate        %.1f msg/s (%.2f%% of the limit)%n", achieved, achieved / 10.0);
    System.out.printf("  busiest 1 s window   %d messages%n", worstSecond);
    System.out.printf("  first send after     %.0f ms%n", (first - start) / 1e6);
    assertEquals(total, sent.size(), "every message sent once");
    assertEquals(total, sent.stream().map(FakeWhatsAppCloudApi.Sent::wamid).distinct().count());
  }

  private Future<?> post(WebClient client, long i, String tag) {
    Buffer body = WhatsAppPayloads.text("100000000000001", "569" + (10_000_000 + i % 5000), "Cliente " + (i % 5000),
        "wamid." + tag + "." + i, "Hola, quisiera una cotización para un equipo de aire acondicionado de 12000 BTU").toBuffer();
    return client.post("/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body.getBytes())).sendBuffer(body);
  }

  private void loop(WebClient client, long end, AtomicLong seq, long[] lat, AtomicInteger rec, AtomicInteger errors,
      Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    long i = seq.incrementAndGet();
    long t0 = System.nanoTime();
    post(client, i, "bench").onComplete(ar -> {
      if (ar.succeeded() && ((io.vertx.ext.web.client.HttpResponse<?>) ar.result()).statusCode() == 200) {
        int slot = rec.getAndIncrement();
        if (slot < lat.length) {
          lat[slot] = System.nanoTime() - t0;
        }
      } else {
        errors.incrementAndGet();
      }
      loop(client, end, seq, lat, rec, errors, done);
    });
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
