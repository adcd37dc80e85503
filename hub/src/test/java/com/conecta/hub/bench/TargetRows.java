package com.conecta.hub.bench;

import static com.conecta.hub.bench.BenchTable.fmt;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 23's targets, each as a row with this run's figure, the goal and "met" or "not met", so that one run of the
 * benchmark says where the hub stands on all of them (the figures are the table's; a skipped phase is "not measured").
 */
final class TargetRows {
  private TargetRows() {}

  /** A target: its figure in this run (null if not measured), how it is shown, the goal and whether it is met. */
  private record Target(String what, Double figure, String shown, String goal, Boolean met) {
    String verdict() {
      return figure == null ? "not measured" : met == null ? "reported" : met ? "met" : "not met";
    }
  }

  static String table(JsonObject json) {
    JsonObject in = json.getJsonObject("ingest", new JsonObject());
    JsonObject withBot = json.getJsonObject("ingestWithBot", new JsonObject());
    JsonObject cpu = json.getJsonObject("hubCpu", new JsonObject());
    JsonObject live = json.getJsonObject("liveDelivery", new JsonObject());
    JsonObject steady = in.getJsonObject("steadyRate", new JsonObject());
    JsonObject receipts = cpu.getJsonObject("statusRun", new JsonObject());
    List<Target> targets = new ArrayList<>();
    targets.add(atLeast("highest rate with p99 < 100 ms ÷ pgbench reference, bot off", ratio(in), 1.0));
    targets.add(atLeast("highest rate with p99 < 100 ms ÷ pgbench reference, sales bot answering", ratio(withBot), 0.5));
    targets.add(under(fmt("ingest p99 at a steady %.0f msg/s", steady.getDouble("targetRate", 20.0)),
        steady.getDouble("p99"), 15, "ms"));
    targets.add(under(fmt("status receipts at 3 × the highest rate (%.0f/s): p99", receipts.getDouble("targetRate", 0.0)),
        receipts.getDouble("p99"), 100, "ms"));
    targets.add(under(fmt("webhook → %d agents' streams: p99", live.getInteger("agents", 500)),
        live.getJsonObject("sendToEvent", new JsonObject()).getDouble("p99"), 100, "ms"));
    targets.add(cpuPerRequest("hub CPU per inbound text message", cpu.getDouble("microsPerTextMessage"),
        cpu.getDouble("microsPerTextMessageWithIdle"), 250.0));
    targets.add(cpuPerRequest("hub CPU per status receipt", cpu.getDouble("microsPerStatusReceipt"), null, null));
    Double share = cpu.getDouble("busiestEventLoopShare");
    targets.add(new Target("busiest event loop's share of the loops' CPU under load", share,
        share == null ? "" : fmt("%.0f %%", 100 * share), "goal ≤ 60 %", share == null ? null : share <= 0.60));
    int w = targets.stream().mapToInt(t -> t.what().length()).max().orElse(10);
    StringBuilder t = new StringBuilder(fmt("targets of issue 23, this run:%n"));
    t.append(fmt("| %-" + w + "s | %-24s | %-15s | %s |%n", "target", "this run", "goal", "verdict"));
    t.append("|").append("-".repeat(w + 2)).append("|--------------------------|-----------------|---------|\n");
    targets.forEach(x -> t.append(fmt("| %-" + w + "s | %-24s | %-15s | %s |%n", x.what(),
        x.figure() == null ? "–" : x.shown(), x.goal(), x.verdict())));
    return t.toString();
  }

  /** The hub's highest rate over pgbench's reference, with both figures. */
  private static Target atLeast(String what, Double[] ratio, double goal) {
    Double r = ratio == null ? null : ratio[0];
    return new Target(what, r, r == null ? "" : fmt("%.2f (%,.0f msg/s ÷ %,.0f tx/s)", r, ratio[1], ratio[2]),
        fmt("goal ≥ %.1f", goal), r == null ? null : r >= goal);
  }

  private static Target under(String what, Double figure, double goal, String unit) {
    return new Target(what, figure, figure == null ? "" : fmt("%.1f %s", figure, unit), fmt("goal < %.0f %s", goal, unit),
        figure == null ? null : figure < goal);
  }

  /** ratio, rate, reference of a rate search; null when it did not run or pgbench was missing. */
  private static Double[] ratio(JsonObject search) {
    Double ratio = search.getDouble("hubOverReference");
    return ratio == null ? null : new Double[] {ratio, search.getDouble("maxRateP99Under100ms"),
        search.getDouble("pgbenchReferenceTps")};
  }

  /**
   * A CPU figure per request (process CPU less the idle hub's). Below zero the idle baseline was taken while the hub
   * was still busy (a loaded machine): then the figure with the idle CPU in, an upper bound, is judged instead when
   * there is one. -1 means the hub's CPU could not be read.
   */
  private static Target cpuPerRequest(String what, Double lessIdle, Double withIdle, Double goal) {
    boolean baselineTooHigh = lessIdle != null && lessIdle < 0 && lessIdle != -1;
    Double figure = lessIdle == null || lessIdle == -1 ? null : baselineTooHigh ? withIdle : lessIdle;
    String shown = figure == null ? "" : fmt("%.0f µs", figure) + (baselineTooHigh ? " (idle CPU not subtracted)" : "");
    if (goal == null) {
      return new Target(what, figure, shown, "no goal of its own", null);
    }
    return new Target(what, figure, shown, fmt("goal < %.0f µs", goal), figure == null ? null : figure < goal);
  }
}
