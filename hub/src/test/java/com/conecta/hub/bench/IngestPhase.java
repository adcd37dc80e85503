package com.conecta.hub.bench;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/**
 * Ingest with the bot off: the highest rate with p99 under 100 ms (a {@link RateSearch}), the tail at half of it and at
 * a steady low rate, the hub's CPU figures, pgbench's reference on the same server, and a check that every
 * acknowledged webhook was stored once.
 */
final class IngestPhase {
  private final BenchRig rig;

  IngestPhase(BenchRig rig) {
    this.rig = rig;
  }

  void run() throws Exception {
    BenchMode mode = rig.mode();
    CommandedJvm gen = rig.gen();
    HubProcess hub = rig.hub();
    Pool sql = rig.sql();
    BenchReport report = rig.report();
    JsonObject warm = gen.call(RateSearch.webhooks(50, 4, "warm")); // JIT, pools and caches of both processes
    hub.awaitQuiet();
    HubProcess.CpuSnapshot loadStart = hub.cpu();
    RateSearch.Result search = new RateSearch(gen, hub, mode, "", WebhookBodies.DEFAULT_CONTACT_BASE)
        .run(mode.firstRate(), mode.maxSteps());
    double best = search.best();
    double half = Math.max(2, Math.round(best / 2));
    JsonObject halfRun = gen.call(RateSearch.webhooks(half, mode.halfSeconds(), "half"));
    HubProcess.CpuSnapshot loadEnd = hub.cpu();
    hub.awaitQuiet();
    JsonObject steady = gen.call(RateSearch.webhooks(mode.steadyRate(), mode.steadySeconds(), "steady"));
    System.out.printf("  ingest at a steady %.0f msg/s: p50 %.1f ms, p99 %.1f ms, errors %d%n", mode.steadyRate(),
        steady.getDouble("p50"), steady.getDouble("p99"), steady.getInteger("errors"));
    // At 50 msg/s at least: at a few messages a second the idle hub's own CPU (timers, passes) would be the figure.
    JsonObject cpu = new CpuFigures(rig).measure(Math.max(half, 50), best, halfRun.getInteger("sent"));
    cpu.put("eventLoopsDuringSteps", loadEnd.eventLoopShares(loadStart))
        .put("busiestEventLoopShare", loadEnd.busiestEventLoopShare(loadStart));
    report.json.put("hubCpu", cpu);
    double reference = BenchHost.pgbenchReference(mode);
    long sent = search.sent() + halfRun.getLong("sent") + steady.getLong("sent");
    long ok = search.ok() + halfRun.getLong("ok") + steady.getLong("ok");
    long rows = storedOnce(sql, report, "ingest", ok, sent, "wamid.bench.step%", "wamid.bench.bisect%", "wamid.bench.down%",
        "wamid.bench.half.%", "wamid.bench.steady.%");
    report.json.put("ingest", new JsonObject().put("warmUp", warm).put("steps", search.steps())
        .put("maxRateP99Under100ms", best).put("firstRateOver", search.failed()).put("halfRate", halfRun)
        .put("steadyRate", steady).put("pgbenchReferenceTps", reference)
        .put("hubOverReference", reference > 0 ? best / reference : null)
        .put("acknowledged", ok).put("sent", sent).put("stored", rows));
  }

  /**
   * Counts the messages stored under the given provider-id patterns; reports a problem if one was stored twice, or if
   * fewer were stored than acknowledged or more than sent. Answers the count.
   */
  static long storedOnce(Pool sql, BenchReport report, String what, long ok, long sent, String... patterns) {
    String where = java.util.stream.IntStream.rangeClosed(1, patterns.length)
        .mapToObj(i -> "provider_message_id like $" + i).collect(java.util.stream.Collectors.joining(" or "));
    Row stored = sql.preparedQuery("select count(*), count(distinct provider_message_id) from messages where " + where)
        .execute(io.vertx.sqlclient.Tuple.from(patterns)).await().iterator().next();
    long rows = stored.getLong(0);
    if (rows != stored.getLong(1)) {
      report.problem(what + ": " + (rows - stored.getLong(1)) + " webhook messages stored twice");
    }
    if (rows < ok || rows > sent) {
      report.problem(what + ": " + ok + " acknowledged, " + sent + " sent, but " + rows + " stored");
    }
    return rows;
  }
}
