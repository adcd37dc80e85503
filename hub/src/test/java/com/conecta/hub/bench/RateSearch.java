package com.conecta.hub.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The step search for the highest webhook rate the hub sustains (every request answered 200, p99 under 100 ms, the
 * answers keeping up with the arrivals): rates rising by the mode's ratio until one fails, stepping down instead when
 * even the first fails, then bisecting between the last pass and the first failure. Between steps it waits until the
 * hub has finished the previous step's work, so that no step is charged with another's backlog.
 */
final class RateSearch {
  /** best: the highest passing rate (0 if none); failed: the first failing rate (0 if none); steps: every step's figures. */
  record Result(double best, double failed, JsonArray steps) {
    long sent() {
      return steps.stream().mapToLong(o -> ((JsonObject) o).getLong("sent")).sum();
    }

    long ok() {
      return steps.stream().mapToLong(o -> ((JsonObject) o).getLong("ok")).sum();
    }
  }

  private final CommandedJvm gen;
  private final HubProcess hub;
  private final BenchMode mode;
  /** Prefixed to the tags (and so to the message ids) of this search's steps, to tell two searches' messages apart. */
  private final String tagPrefix;
  /** The first customer number of this search's contacts (see LoadGenerator's webhook bodies). */
  private final int contactBase;

  RateSearch(CommandedJvm gen, HubProcess hub, BenchMode mode, String tagPrefix, int contactBase) {
    this.gen = gen;
    this.hub = hub;
    this.mode = mode;
    this.tagPrefix = tagPrefix;
    this.contactBase = contactBase;
  }

  Result run(double firstRate, int maxSteps) throws Exception {
    JsonArray steps = new JsonArray();
    double best = 0;
    double failed = 0;
    double rate = firstRate;
    for (int i = 0; i < maxSteps; i++) {
      if (!step(rate, "step" + i, steps)) {
        failed = rate;
        break;
      }
      best = rate;
      rate = Math.round(rate * mode.ratio());
    }
    // A machine so busy that even the first rate is too much: step down instead, so the table still has a figure.
    for (double down = firstRate / 2; best == 0 && down >= 4; down = Math.round(down / 2)) {
      if (step(down, "down" + (int) down, steps)) {
        best = down;
      }
    }
    for (int b = 0; b < mode.bisections() && failed > 0 && failed - best > best * 0.05; b++) {
      double mid = Math.round((best + failed) / 2);
      if (step(mid, "bisect" + b, steps)) {
        best = mid;
      } else {
        failed = mid;
      }
    }
    return new Result(best, failed, steps);
  }

  /** Webhooks at {@code rate} for the mode's step; true if the hub sustained it. */
  private boolean step(double rate, String tag, JsonArray steps) throws Exception {
    JsonObject r = gen.call(webhooks(rate, mode.stepSeconds(), tagPrefix + tag).put("contactBase", contactBase));
    boolean pass = passes(r);
    steps.add(r.put("pass", pass));
    System.out.printf("  %singest step %.0f msg/s: p99 %.1f ms, errors %d -> %s%n", tagPrefix, rate, r.getDouble("p99"),
        r.getInteger("errors"), pass ? "ok" : "over");
    hub.awaitQuiet();
    return pass;
  }

  static JsonObject webhooks(double rate, int seconds, String tag) {
    return new JsonObject().put("cmd", "webhooks").put("rate", rate).put("seconds", seconds).put("tag", tag);
  }

  /** Sustained: every request answered 200, p99 under 100 ms, and the answers kept up with the arrivals. */
  static boolean passes(JsonObject r) {
    return r.getInteger("errors") == 0 && r.getDouble("p99") < 100
        && r.getDouble("achievedRate") >= 0.95 * r.getDouble("targetRate");
  }
}
