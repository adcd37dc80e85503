package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A campaign to the mode's recipients at a 1,000/s sending limit against the fake Graph API (after a tenth-size
 * warm-up from another number): the rate the fake saw, its busiest second, how the sends were spaced, the hub's
 * memory meanwhile, and that each recipient got exactly one message.
 */
final class CampaignPhase {
  private static final String CAMPAIGN_NUMBER = "200000000000009";
  private static final String WARM_UP_NUMBER = "200000000000008";
  private static final int SEND_LIMIT = 1_000;
  /** How often the run is sampled (sends so far, the hub's memory) while it goes. */
  private static final long SAMPLE_MS = 1_000;

  private final BenchReport report;

  CampaignPhase(BenchReport report) {
    this.report = report;
  }

  /** A campaign launched and watched until its last send: what the fake saw, and the hub's memory meanwhile. */
  private record Run(long id, long inboxId, long launched, long launchAnswered, long audience, int sent, JsonArray samples) {}

  private Run launchAndWait(HubProcess hub, Api admin, Pool sql, CommandedJvm fake, String number, String city,
      int n) throws Exception {
    var created = admin.post("/api/v1/inboxes", new JsonObject().put("name", "Campañas " + city).put("channel", "whatsapp")
        .put("channelAccountId", number).put("teamId", 1).put("settings", new JsonObject()
            .put("accessToken", "bench-token").put("sendRatePerSecond", SEND_LIMIT).put("autoAssign", false)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long inboxId = created.bodyAsJsonObject().getLong("id");
    Row range = sql.query("with c as (insert into contacts (name, city) select 'Destinatario ' || g, '" + city + "' "
        + "from generate_series(1, " + n + ") g returning id) select min(id), max(id) from c").execute().await()
        .iterator().next();
    sql.query("insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', '5696' || "
        + "lpad(id::text, 8, '0') from contacts where id between " + range.getLong(0) + " and " + range.getLong(1))
        .execute().await();
    sql.query("analyze contacts").execute().await();
    JsonObject segment = new JsonObject().put("city", city);
    long audience = admin.post("/api/v1/campaigns/audience", new JsonObject().put("inboxId", inboxId)
        .put("segment", segment)).bodyAsJsonObject().getLong("count");
    var campaign = admin.post("/api/v1/campaigns", new JsonObject().put("name", "Bench " + city + " " + n)
        .put("inboxId", inboxId).put("template", new JsonObject().put("name", "promocion_general").put("language", "es"))
        .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "20%")))
        .put("segment", segment));
    assertEquals(201, campaign.statusCode(), campaign.bodyAsString());
    long id = campaign.bodyAsJsonObject().getLong("id");
    JsonArray samples = new JsonArray();
    long launched = System.nanoTime();
    var launch = admin.post("/api/v1/campaigns/" + id + "/launch", new JsonObject());
    long launchAnswered = System.nanoTime();
    assertEquals(200, launch.statusCode(), launch.bodyAsString());
    long deadline = launched + (long) ((n / (double) SEND_LIMIT) * 1.5e9) + 30_000_000_000L;
    int sent = 0;
    while (System.nanoTime() < deadline) {
      Thread.sleep(SAMPLE_MS); // the sampling interval of the figures below, not a wait for a condition
      sent = fake.call(new JsonObject().put("cmd", "count").put("number", number)).getInteger("sent");
      samples.add(new JsonObject().put("t", Math.round((System.nanoTime() - launched) / 1e8) / 10.0).put("sent", sent)
          .put("heapUsedMb", hub.heapUsedMb()).put("rssMb", hub.rssMb()));
      if (sent >= n) {
        break;
      }
    }
    return new Run(id, inboxId, launched, launchAnswered, audience, sent, samples);
  }

  /** One send as the fake Graph API saw it arrive. */
  private record Arrival(String to, long nanoTime) {}

  /** A number's sends in the order they arrived. */
  private static List<Arrival> arrivals(CommandedJvm fake, String number) throws Exception {
    JsonObject r = fake.call(new JsonObject().put("cmd", "sends").put("number", number));
    JsonArray to = r.getJsonArray("to");
    JsonArray at = r.getJsonArray("nanoTime");
    List<Arrival> out = new ArrayList<>();
    for (int i = 0; i < to.size(); i++) {
      out.add(new Arrival(to.getString(i), at.getLong(i)));
    }
    out.sort(java.util.Comparator.comparingLong(Arrival::nanoTime));
    return out;
  }

  /** The most sends in any sliding one-second window, and the index of that window's first send. */
  private static int[] busiestSecond(List<Arrival> sorted) {
    int busiest = 0;
    int at = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (sorted.get(i).nanoTime() - sorted.get(j).nanoTime() >= 1_000_000_000L) {
        j++;
      }
      if (i - j + 1 > busiest) {
        busiest = i - j + 1;
        at = j;
      }
    }
    return new int[] {busiest, at};
  }

  void run(BenchMode mode, HubProcess hub, Api admin, Pool sql, CommandedJvm fake) throws Exception {
    // A campaign of a tenth of the size first, from another number: both JVMs (the hub's sending path, the fake's
    // server) are compiled by then, as on a hub that has been running. Its own figures are kept as "warmUp".
    int w = Math.max(500, mode.recipients() / 10);
    Run warm = launchAndWait(hub, admin, sql, fake, WARM_UP_NUMBER, "Calentópolis", w);
    List<Arrival> warmSends = arrivals(fake, WARM_UP_NUMBER);
    JsonObject warmUp = new JsonObject().put("recipients", w).put("sent", warmSends.size());
    if (warmSends.size() > 1) {
      long f = warmSends.get(0).nanoTime();
      long l = warmSends.get(warmSends.size() - 1).nanoTime();
      warmUp.put("achievedRate", (warmSends.size() - 1) / ((l - f) / 1e9)).put("busiestOneSecondWindow",
          busiestSecond(warmSends)[0]).put("launchToFirstSendMs", (f - warm.launched()) / 1e6);
    }
    report.json.put("campaignWarmUp", warmUp);
    int n = mode.recipients();
    Run run = launchAndWait(hub, admin, sql, fake, CAMPAIGN_NUMBER, "Campañópolis", n);
    long id = run.id();
    long launched = run.launched();
    long launchAnswered = run.launchAnswered();
    long audience = run.audience();
    int sent = run.sent();
    JsonArray samples = run.samples();
    boolean timeBoxed = sent < n;
    if (timeBoxed) {
      // Too slow to finish in the time box on this machine: stop it, and check only that nothing went twice.
      admin.post("/api/v1/campaigns/" + id + "/cancel", new JsonObject());
    }
    // Anything sent twice would be a send still on its way: wait until no send of the campaign's number is in flight.
    try {
      Await.until(() -> inFlight(sql, run.inboxId()) == 0, "the campaign's in-flight sends answered",
          Duration.ofSeconds(60));
    } catch (AssertionError e) {
      report.problem("campaign: " + e.getMessage()); // reported with the figures rather than losing the table
    }
    List<Arrival> sends = arrivals(fake, CAMPAIGN_NUMBER);
    Set<String> recipients = new HashSet<>();
    sends.forEach(s -> recipients.add(s.to()));
    long first = sends.isEmpty() ? launched : sends.get(0).nanoTime();
    long last = sends.isEmpty() ? launched : sends.get(sends.size() - 1).nanoTime();
    double achieved = sends.size() < 2 ? 0 : (sends.size() - 1) / ((last - first) / 1e9);
    int[] busiestWindow = busiestSecond(sends);
    int busiest = busiestWindow[0];
    int busiestAt = busiestWindow[1];
    // As a provider counting per clock second would see it (the sliding window above is the stricter figure).
    Map<Long, Integer> perSecond = new HashMap<>();
    long epochOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    sends.forEach(s -> perSecond.merge((s.nanoTime() + epochOffset) / 1_000_000_000L, 1, Integer::sum));
    int busiestClockSecond = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    // How the sends were spaced, in tenths of a second, from a second before the busiest window.
    JsonArray around = new JsonArray();
    if (!sends.isEmpty()) {
      long from = sends.get(busiestAt).nanoTime() - 1_000_000_000L;
      int[] tenths = new int[30];
      for (Arrival s : sends) {
        long k = (s.nanoTime() - from) / 100_000_000L;
        if (s.nanoTime() >= from && k < 30) {
          tenths[(int) k]++;
        }
      }
      Arrays.stream(tenths).forEach(around::add);
    }
    int[] firstSeconds = new int[10];
    for (Arrival x : sends) {
      long k = (x.nanoTime() - first) / 1_000_000_000L;
      if (k < 10) {
        firstSeconds[(int) k]++;
      }
    }
    // The same per ten seconds over the whole run: where the rate is lost (the start, the end, or all along).
    int[] tens = new int[(int) ((last - first) / 10_000_000_000L) + 1];
    sends.forEach(x -> tens[(int) ((x.nanoTime() - first) / 10_000_000_000L)]++);
    JsonArray perTen = new JsonArray();
    Arrays.stream(tens).forEach(perTen::add);
    JsonArray firstTen = new JsonArray();
    Arrays.stream(firstSeconds).limit(10).forEach(firstTen::add);
    // Where the first seconds lose sends: each pause of 20 ms or more between arrivals, as [ms after the first send,
    // length in ms] (the sender starved, or the machine stalled).
    JsonArray startPauses = new JsonArray();
    for (int i = 1; i < sends.size() && sends.get(i).nanoTime() - first < 10_000_000_000L; i++) {
      long gap = sends.get(i).nanoTime() - sends.get(i - 1).nanoTime();
      if (gap >= 20_000_000L) {
        startPauses.add(new JsonArray().add((sends.get(i - 1).nanoTime() - first) / 1_000_000).add(gap / 1_000_000));
      }
    }
    double[] heap = samples.stream().mapToDouble(o -> ((JsonObject) o).getDouble("heapUsedMb")).toArray();
    double[] rss = samples.stream().mapToDouble(o -> ((JsonObject) o).getDouble("rssMb")).toArray();
    report.json.put("campaign", new JsonObject().put("recipients", n).put("audience", audience).put("limitPerSecond", SEND_LIMIT)
        .put("sent", sends.size()).put("distinctRecipients", recipients.size()).put("achievedRate", achieved)
        .put("achievedPercentOfLimit", achieved * 100.0 / SEND_LIMIT).put("busiestOneSecondWindow", busiest)
        .put("busiestClockSecond", busiestClockSecond)
        .put("launchToFirstSendMs", (first - launched) / 1e6).put("launchAnswerMs", (launchAnswered - launched) / 1e6)
        .put("durationSeconds", (last - first) / 1e9).put("firstSendNanoTime", first)
        .put("heapUsedMbMax", Arrays.stream(heap).max().orElse(-1)).put("rssMbFirst", rss.length == 0 ? -1 : rss[0])
        .put("rssMbLast", rss.length == 0 ? -1 : rss[rss.length - 1]).put("rssMbMax", Arrays.stream(rss).max().orElse(-1))
        .put("samples", samples).put("statusWebhooks", false).put("arrivalsPer100msAroundBusiestSecond", around)
        .put("sendsInEachOfTheFirstTenSeconds", firstTen).put("sendsInEachTenSeconds", perTen)
        .put("pausesOf20msOrMoreInTheFirstTenSeconds", startPauses)
        .put("busiestSecondStartsAfterFirstSendSeconds", sends.isEmpty() ? 0 : (sends.get(busiestAt).nanoTime() - first) / 1e9));
    report.json.getJsonObject("campaign").put("timeBoxed", timeBoxed);
    if (recipients.size() != sends.size()) {
      report.problem("campaign: " + (sends.size() - recipients.size()) + " recipients got more than one message");
    }
    if (!timeBoxed && (audience != n || sends.size() != n || recipients.size() != n)) {
      report.problem("campaign: audience " + audience + ", " + sends.size() + " sends to " + recipients.size()
          + " distinct recipients, expected exactly one each for " + n);
    }
  }


  /** Sends of the inbox claimed by a sender and not yet answered by the provider. */
  private static long inFlight(Pool sql, long inboxId) {
    return sql.preparedQuery("select count(*) from outbox where inbox_id = $1 and status = 'sending'")
        .execute(Tuple.of(inboxId)).await().iterator().next().getLong(0);
  }
}
