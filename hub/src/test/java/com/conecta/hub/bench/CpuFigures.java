package com.conecta.hub.bench;

import io.vertx.core.json.JsonObject;

/**
 * The hub's CPU per inbound text message and per status receipt: process CPU over a run at a steady rate, less what
 * the idle hub spends in as long (timers, passes), divided by the requests answered 200. The receipts run at three
 * times the highest sustained message rate (a number's sends bring back about three each) and are receipts of the
 * messages stored by the half-rate run (the benchmark has no outbound sends of its own at this point).
 */
final class CpuFigures {
  /** The idle hub's CPU is measured over this long: a window, not a wait. */
  private static final long IDLE_WINDOW_MS = 3_000;

  private final BenchRig rig;

  CpuFigures(BenchRig rig) {
    this.rig = rig;
  }

  JsonObject measure(double rate, double best, int halfCount) throws Exception {
    BenchMode mode = rig.mode();
    CommandedJvm gen = rig.gen();
    HubProcess hub = rig.hub();
    hub.awaitQuiet();
    HubProcess.CpuSnapshot idleStart = hub.cpu();
    long idleT0 = System.nanoTime();
    Thread.sleep(IDLE_WINDOW_MS);
    double idleNanosPerSecond = hub.cpu().processSince(idleStart) / ((System.nanoTime() - idleT0) / 1e9);

    HubProcess.CpuSnapshot textStart = hub.cpu();
    long textT0 = System.nanoTime();
    JsonObject text = gen.call(RateSearch.webhooks(rate, mode.halfSeconds(), "text").put("textOnly", true));
    HubProcess.CpuSnapshot textEnd = hub.cpu();
    double textSeconds = (System.nanoTime() - textT0) / 1e9;
    hub.awaitQuiet();

    double receiptRate = Math.max(6, 3 * best);
    HubProcess.CpuSnapshot statusStart = hub.cpu();
    long statusT0 = System.nanoTime();
    JsonObject statuses = gen.call(new JsonObject().put("cmd", "statuses").put("rate", receiptRate)
        .put("seconds", mode.halfSeconds()).put("ofTag", "half").put("count", halfCount));
    HubProcess.CpuSnapshot statusEnd = hub.cpu();
    double statusSeconds = (System.nanoTime() - statusT0) / 1e9;
    System.out.printf("  text messages at %.0f/s: p99 %.1f ms; status receipts at %.0f/s: p99 %.1f ms, errors %d%n",
        rate, text.getDouble("p99"), receiptRate, statuses.getDouble("p99"), statuses.getInteger("errors"));

    return new JsonObject().put("idleCpuMsPerSecond", idleNanosPerSecond / 1e6)
        .put("textRun", text).put("statusRun", statuses)
        .put("microsPerTextMessage", perRequestMicros(textEnd.processSince(textStart), idleNanosPerSecond * textSeconds,
            text.getInteger("ok")))
        .put("microsPerTextMessageWithIdle", perRequestMicros(textEnd.processSince(textStart), 0, text.getInteger("ok")))
        .put("microsPerStatusReceipt", perRequestMicros(statusEnd.processSince(statusStart),
            idleNanosPerSecond * statusSeconds, statuses.getInteger("ok")))
        .put("eventLoopsDuringText", textEnd.eventLoopShares(textStart))
        .put("eventLoopsDuringReceipts", statusEnd.eventLoopShares(statusStart));
  }

  private static double perRequestMicros(long cpuNanos, double idleNanos, int requests) {
    return cpuNanos < 0 || requests == 0 ? -1 : Math.round((cpuNanos - idleNanos) / 1e3 / requests * 10) / 10.0;
  }
}
