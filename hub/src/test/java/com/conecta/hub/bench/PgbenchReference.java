package com.conecta.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs ../shared/bench's ingest-limit with pgbench on the same server, as the reference the hub is divided by. */
final class PgbenchReference {
  private PgbenchReference() {}

  /** Transactions per second, or -1 when pgbench or the bench files are not available here. */
  static double run(String host, int port, int seconds) throws IOException, InterruptedException {
    Path bench = Path.of(System.getProperty("conecta.shared.dir", "../../shared"), "bench");
    if (!Files.exists(bench.resolve("ingest-limit.sql")) || !onPath("pgbench")) {
      return -1;
    }
    String db = "ingest_limit_" + System.nanoTime();
    exec(List.of("createdb", "-h", host, "-p", String.valueOf(port), "-U", "postgres", db));
    try {
      exec(List.of("psql", "-q", "-h", host, "-p", String.valueOf(port), "-U", "postgres", "-f",
          bench.resolve("ingest-limit-schema.sql").toString(), db));
      String out = exec(List.of("pgbench", "-n", "-c", "16", "-j", "2", "-T", String.valueOf(seconds), "-h", host, "-p",
          String.valueOf(port), "-U", "postgres", "-f", bench.resolve("ingest-limit.sql").toString(), db));
      Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
      return m.find() ? Double.parseDouble(m.group(1)) : -1;
    } finally {
      exec(List.of("dropdb", "-h", host, "-p", String.valueOf(port), "-U", "postgres", db));
    }
  }

  private static boolean onPath(String tool) {
    try {
      return new ProcessBuilder("which", tool).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String exec(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    return out;
  }
}
