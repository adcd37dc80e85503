package com.conecta.hub.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's figures as the printed table (also written to target/bench/bench-&lt;mode&gt;-table.md): one row per
 * figure users feel, then issue 23's targets, each beside its goal and whether this run met it. Row titles are kept
 * from run to run so that tables of two runs compare line by line.
 */
final class BenchTable {
  private BenchTable() {}

  static void print(BenchMode mode, BenchReport report, Path out) {
    JsonObject json = report.json;
    JsonObject m = json.getJsonObject("machine");
    JsonObject v = json.getJsonObject("versions");
    JsonObject in = json.getJsonObject("ingest");
    JsonObject live = json.getJsonObject("liveDelivery");
    JsonObject reads = json.getJsonObject("inboxReads");
    JsonObject c = json.getJsonObject("campaign");
    JsonObject bot = json.getJsonObject("bot");
    JsonObject f = json.getJsonObject("footprint");
    List<String[]> rows = new ArrayList<>();
    if (in != null) {
      JsonObject half = in.getJsonObject("halfRate");
      Double ratio = in.getDouble("hubOverReference");
      rows.addAll(List.of(
          row("ingest: highest rate with p99 < 100 ms", fmt("%,.0f msg/s (signed webhooks, open model)",
              in.getDouble("maxRateP99Under100ms"))),
          row("  steps (rate:p99)", steps(in)),
          row(fmt("ingest at half that rate (%,.0f msg/s)", half.getDouble("targetRate")),
              latencies(half)),
          row("pgbench reference, same server", in.getDouble("pgbenchReferenceTps") < 0 ? "n/a (pgbench missing)"
              : fmt("%,.0f tx/s", in.getDouble("pgbenchReferenceTps"))),
          row("hub ÷ reference", ratio == null ? "n/a" : fmt("%.2f", ratio))));
      JsonObject steady = in.getJsonObject("steadyRate");
      if (steady != null) {
        rows.add(row(fmt("ingest at a steady %.0f msg/s", steady.getDouble("targetRate")), latencies(steady)));
      }
    }
    JsonObject withBot = json.getJsonObject("ingestWithBot");
    if (withBot != null) {
      Double ratio = withBot.getDouble("hubOverReference");
      rows.addAll(List.of(
          row("ingest with the sales bot answering: highest rate with p99 < 100 ms", fmt("%,.0f msg/s (%,d bot "
              + "replies)", withBot.getDouble("maxRateP99Under100ms"), withBot.getLong("botReplies"))),
          row("  steps with the bot (rate:p99)", steps(withBot)),
          row("hub with the bot ÷ reference", ratio == null ? "n/a" : fmt("%.2f", ratio))));
    }
    JsonObject cpu = json.getJsonObject("hubCpu");
    if (cpu != null) {
      JsonObject text = cpu.getJsonObject("textRun");
      JsonObject receipts = cpu.getJsonObject("statusRun");
      rows.addAll(List.of(
          row("hub CPU per inbound text message / per status receipt", fmt("%.0f µs / %.0f µs (process CPU less idle; "
              + "with idle %.0f µs per text message)", cpu.getDouble("microsPerTextMessage"),
              cpu.getDouble("microsPerStatusReceipt"), cpu.getDouble("microsPerTextMessageWithIdle"))),
          row(fmt("  text messages at %.0f/s", text.getDouble("targetRate")), fmt("p50 %.1f ms · p99 %.1f ms (%d errors)",
              text.getDouble("p50"), text.getDouble("p99"), text.getInteger("errors"))),
          row(fmt("status receipts at %.0f/s (3 × the highest message rate)", receipts.getDouble("targetRate")),
              fmt("p50 %.1f ms · p99 %.1f ms (%d errors)", receipts.getDouble("p50"), receipts.getDouble("p99"),
                  receipts.getInteger("errors"))),
          row("busiest event loop's share of the loops' CPU under load", fmt("%.0f %%",
              100 * cpu.getDouble("busiestEventLoopShare")))));
    }
    if (live != null) {
      rows.addAll(List.of(
          row(fmt("live delivery, %d agents' SSE streams", live.getInteger("agents")),
              fmt("200 → event p50 %.1f ms · p99 %.1f ms (%.0f %% of events were in the streams before the 200)",
                  live.getDouble("p50"), live.getDouble("p99"), live.getLong("receivedEvents") == 0 ? 0.0
                      : 100.0 * live.getLong("eventBefore200") / live.getLong("receivedEvents"))),
          row("  webhook sent → event in every stream", fmt("p50 %.1f ms · p99 %.1f ms (%,d events, %.0f msg/s, %d/%d answered 200, %d missing)",
              live.getJsonObject("sendToEvent").getDouble("p50"), live.getJsonObject("sendToEvent").getDouble("p99"),
              live.getLong("receivedEvents"), live.getDouble("rate"), live.getInteger("ok"), live.getInteger("messages"),
              live.getLong("missingEvents")))));
    }
    if (reads != null) {
      JsonObject list = reads.getJsonObject("conversationList");
      JsonObject msgs = reads.getJsonObject("newestMessages");
      rows.addAll(List.of(
          row(fmt("inbox: conversation list (%,d msgs, %,d convs)", reads.getLong("messages"),
                  reads.getLong("conversations")),
              fmt("p50 %.1f ms · p99 %.1f ms at %.0f req/s", list.getDouble("p50"), list.getDouble("p99"),
                  list.getDouble("rate"))),
          row("inbox: a conversation's newest messages", fmt("p50 %.1f ms · p99 %.1f ms at %.0f req/s",
              msgs.getDouble("p50"), msgs.getDouble("p99"), msgs.getDouble("rate")))));
    }
    if (c != null) {
      rows.addAll(List.of(
          row(fmt("campaign: %,d recipients, limit %,d/s", c.getInteger("recipients"), c.getInteger("limitPerSecond")),
              fmt((c.getBoolean("timeBoxed") ? "TIME-BOXED, " + c.getInteger("sent") + " sent: " : "")
                  + "%.1f msg/s (%.2f %% of the limit), busiest sliding 1 s window %,d, busiest clock second %,d",
                  c.getDouble("achievedRate"), c.getDouble("achievedPercentOfLimit"),
                  c.getInteger("busiestOneSecondWindow"), c.getInteger("busiestClockSecond"))),
          row(fmt("  warm-up before it: %,d recipients, another number", json.getJsonObject("campaignWarmUp")
                  .getInteger("recipients")), fmt("%.1f msg/s, busiest 1 s window %,d, first send after %,.0f ms",
              json.getJsonObject("campaignWarmUp").getDouble("achievedRate", 0.0),
              json.getJsonObject("campaignWarmUp").getInteger("busiestOneSecondWindow", 0),
              json.getJsonObject("campaignWarmUp").getDouble("launchToFirstSendMs", 0.0))),
          row("campaign: launch → first send", fmt("%,.0f ms (launch answered in %,.0f ms)",
              c.getDouble("launchToFirstSendMs"), c.getDouble("launchAnswerMs"))),
          row("campaign: hub memory during the run", fmt("heap used max %,.0f MB; RSS %,.0f → %,.0f MB (max %,.0f)",
              c.getDouble("heapUsedMbMax"), c.getDouble("rssMbFirst"), c.getDouble("rssMbLast"),
              c.getDouble("rssMbMax")))));
    }
    if (bot != null) {
      rows.add(row("bot: understanding per message", fmt("mean %.0f µs · p99 %.0f µs (%,d msgs)",
          bot.getDouble("meanMicros"), bot.getDouble("p99Micros"), bot.getInteger("messages"))));
    }
    rows.add(row("footprint: start to /ready", fmt("%,d ms", f.getLong("startMillis"))));
    rows.add(row("footprint: RSS idle / peak under load", fmt("%,.0f MB / %,.0f MB", f.getDouble("rssIdleMb"),
        f.getDouble("rssPeakMb"))));
    StringBuilder t = new StringBuilder();
    t.append(fmt("%nCONECTA BENCHMARK — mode %s, %s%n", mode.name(), json.getString("timestamp")));
    t.append(fmt("machine: %d cores (%s), %.1f GB; %s; PostgreSQL %s; Redis %s; load average %s → %s%n",
        m.getInteger("cores"), m.getString("cpu"), m.getDouble("memoryGb"), v.getString("java"),
        v.getString("postgresql"), v.getString("redis"), json.getString("loadAverageAtStart").split(" ")[0],
        json.getString("loadAverageAtEnd").split(" ")[0]));
    int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
    t.append(fmt("| %-" + w + "s | %s |%n", "what", "figure"));
    t.append("|").append("-".repeat(w + 2)).append("|--------|\n");
    rows.forEach(r -> t.append(fmt("| %-" + w + "s | %s |%n", r[0], r[1])));
    t.append(fmt("phases (s): %s%n", json.getJsonObject("phaseSeconds").encode()));
    t.append(fmt("JSON: %s%n", out.resolve("bench-latest.json")));
    t.append(TargetRows.table(json));
    if (!report.problems().isEmpty()) {
      t.append("PROBLEMS: ").append(report.problems()).append("\n");
    }
    System.out.print(t);
    try {
      Files.writeString(out.resolve("bench-" + mode.name() + "-table.md"), t.toString());
    } catch (Exception e) {
      // the table is printed already
    }
  }

  /** Each step of a rate search as rate:p99, ✗ after the ones the hub did not sustain. */
  private static String steps(JsonObject search) {
    StringBuilder steps = new StringBuilder();
    for (Object o : search.getJsonArray("steps")) {
      JsonObject s = (JsonObject) o;
      steps.append(fmt("%.0f:%.0fms%s ", s.getDouble("targetRate"), s.getDouble("p99"), s.getBoolean("pass") ? "" : "✗"));
    }
    return steps.toString().trim();
  }

  private static String latencies(JsonObject run) {
    return fmt("p50 %.1f ms · p99 %.1f ms · p99.9 %.1f ms (%d msgs, %d errors)", run.getDouble("p50"),
        run.getDouble("p99"), run.getDouble("p999"), run.getInteger("sent"), run.getInteger("errors"));
  }

  static String[] row(String what, String figure) {
    return new String[] {what, figure};
  }

  static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
