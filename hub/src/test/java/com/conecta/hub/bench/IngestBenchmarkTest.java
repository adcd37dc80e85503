package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Ingest speed through the API channel: 64 concurrent senders (closed loop), messages per second sustained and
 * latency percentiles, beside pgbench's reference on the same server. Prints figures; asserts only correctness.
 * Run: ./mvnw -B -pl hub -am verify -Pbench
 */
@Tag("benchmark")
// Superseded by HubBenchmarkTest (separate processes, open model); kept for comparison with earlier figures.
@EnabledIfSystemProperty(named = "bench.legacy", matches = "true",
    disabledReason = "closed-loop, in-JVM benchmark superseded by HubBenchmarkTest; run with -Dbench.legacy=true")
@DisplayName("Ingest benchmark (API channel, 64 concurrent senders)")
class IngestBenchmarkTest extends HubTestBase {
  private static final int SENDERS = 64;
  private static final int SECONDS = Integer.getInteger("bench.seconds", 20);

  @Test
  @DisplayName("prints messages per second and p50/p99 latency, and the pgbench reference")
  void ingestRate() throws Exception {
    warmUp();
    long[] latencies = new long[2_000_000];
    AtomicInteger recorded = new AtomicInteger();
    AtomicLong sequence = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    long end = System.nanoTime() + SECONDS * 1_000_000_000L;
    Future<?>[] loops = new Future<?>[SENDERS];
    long started = System.nanoTime();
    for (int s = 0; s < SENDERS; s++) {
      Promise<Void> done = Promise.promise();
      loops[s] = done.future();
      sendLoop(end, sequence, latencies, recorded, errors, done);
    }
    Future.all(Arrays.asList(loops)).await();
    double seconds = (System.nanoTime() - started) / 1e9;
    int n = recorded.get();
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    double rate = n / seconds;
    long stored = count("select count(*) from messages where provider_message_id like 'bench-%'");
    var server = com.conecta.hub.support.TestEnvironment.server();
    String hostPort = server.substring(server.indexOf('@') + 1, server.lastIndexOf('/'));
    double reference = PgbenchReference.run(hostPort.split(":")[0], Integer.parseInt(hostPort.split(":")[1]), 20);
    System.out.printf("%nINGEST BENCHMARK (API channel, %d concurrent senders, %d s, %d cores)%n", SENDERS, SECONDS,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("  messages stored      %d (errors %d)%n", stored, errors.get());
    System.out.printf("  hub rate             %.0f msg/s%n", rate);
    System.out.printf("  latency p50/p99/max  %.1f / %.1f / %.1f ms%n", pct(sorted, 0.50), pct(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    System.out.printf("  pgbench reference    %s tx/s%n", reference < 0 ? "n/a (pgbench or ../shared/bench missing)"
        : String.format("%.0f", reference));
    if (reference > 0) {
      System.out.printf("  hub / reference      %.2f%n", rate / reference);
    }
    assertEquals(n, stored, "every acknowledged message is stored exactly once");
    assertEquals(0, errors.get());
  }

  private void warmUp() {
    for (int i = 0; i < 300; i++) {
      admin.inbound(API_INBOX, "warm-" + i, "warm-" + (i % 50), "Calentando", "hola");
    }
  }

  private void sendLoop(long end, AtomicLong sequence, long[] latencies, AtomicInteger recorded, AtomicInteger errors,
      Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    long i = sequence.incrementAndGet();
    long t0 = System.nanoTime();
    admin.postAsync("/api/v1/inboxes/" + API_INBOX + "/messages", Api.inboundBody("bench-" + i,
            "cliente-" + (i % 5000), "Cliente " + (i % 5000),
            "Hola, quisiera una cotización para un equipo de aire acondicionado de 12000 BTU"))
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 201) {
            int slot = recorded.getAndIncrement();
            if (slot < latencies.length) {
              latencies[slot] = System.nanoTime() - t0;
            }
          } else {
            errors.incrementAndGet();
          }
          sendLoop(end, sequence, latencies, recorded, errors, done);
        });
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
