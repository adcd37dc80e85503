package com.conecta.hub.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one benchmark run found: the figures as JSON (written under target/bench and printed as the table), the
 * problems (anything lost or doubled, the only thing the benchmark asserts) and each phase's duration.
 */
final class BenchReport {
  final JsonObject json = new JsonObject();
  private final List<String> problems = new ArrayList<>();
  private final JsonObject phaseSeconds = new JsonObject();
  /** -Dbench.only=campaign,bot runs only those phases (to work on one figure); all of them by default. */
  private final Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
      .map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());

  interface Phase {
    void run() throws Exception;
  }

  boolean runs(String name) {
    return only.isEmpty() || only.contains(name);
  }

  void phase(String name, Phase p) throws Exception {
    if (!runs(name)) {
      System.out.printf("bench: %s skipped (bench.only=%s)%n", name, String.join(",", only));
      return;
    }
    long t0 = System.nanoTime();
    System.out.printf("bench: %s ...%n", name);
    try {
      p.run();
    } finally {
      phaseSeconds.put(name, Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      json.put("phaseSeconds", phaseSeconds);
    }
  }

  void problem(String what) {
    problems.add(what);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  JsonObject finish(String loadAverageAtEnd) {
    return json.put("loadAverageAtEnd", loadAverageAtEnd).put("problems", new JsonArray(problems));
  }
}
