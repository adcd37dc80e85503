package com.conecta.hub.bench;

import com.conecta.hub.support.TestEnvironment;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run is on: its cores and memory, the versions of what the hub runs on, its database server. */
final class BenchHost {
  private BenchHost() {}

  /**
   * The fake's JVM: -Dbench.fake.jvm="..." replaces the default flags (to compare collectors). By default a small heap
   * and a small young generation, so that the fake's own pauses bunch its arrival stamps as little as possible: its
   * young collections took 3-19 ms (5 ms on average, about one a second) in a run of 24 November, and each bunches the
   * sends of its pause; with ZGC its concurrent work on two shared cores bunched them more (a busiest window of 1,045
   * where the hub's sends were no different); with Epsilon (no collection at all) the busiest window was no lower.
   */
  static List<String> fakeJvm() {
    String flags = System.getProperty("bench.fake.jvm", "");
    return flags.isBlank() ? List.of("-Xmx512m", "-Xmn32m", "-XX:+UseSerialGC") : List.of(flags.trim().split("\\s+"));
  }

  static JsonObject machine() throws Exception {
    String cpu = "?";
    long memKb = 0;
    for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (l.startsWith("model name")) {
        cpu = l.substring(l.indexOf(':') + 1).trim();
        break;
      }
    }
    for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (l.startsWith("MemTotal:")) {
        memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return new JsonObject().put("cores", Runtime.getRuntime().availableProcessors()).put("cpu", cpu)
        .put("memoryGb", Math.round(memKb / 1024.0 / 1024.0 * 10) / 10.0)
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  static JsonObject versions(Pool sql, String redisUrl) {
    String pg = sql.query("show server_version").execute().await().iterator().next().getString(0);
    String redis = "?";
    if (redisUrl != null) {
      java.net.URI u = java.net.URI.create(redisUrl);
      try (Socket s = new Socket(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort())) {
        s.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
        BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("redis_version:")) {
            redis = line.substring("redis_version:".length()).trim();
            break;
          }
        }
      } catch (Exception e) {
        redis = "unknown (" + e.getMessage() + ")";
      }
    }
    return new JsonObject().put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"))
        .put("postgresql", pg).put("redis", redis);
  }

  /** The database server's host and port, as pgbench and dropdb take them. */
  static String[] serverHostAndPort() {
    String server = TestEnvironment.server();
    return server.substring(server.indexOf('@') + 1, server.lastIndexOf('/')).split(":");
  }

  /** pgbench's ../shared/bench reference on the same server, in transactions per second (-1 without pgbench). */
  static double pgbenchReference(BenchMode mode) throws Exception {
    String[] hostPort = serverHostAndPort();
    return PgbenchReference.run(hostPort[0], Integer.parseInt(hostPort[1]), mode.pgbenchSeconds());
  }

  static void dropDatabase(String dbUrl) {
    try {
      String name = dbUrl.substring(dbUrl.lastIndexOf('/') + 1);
      String[] hostPort = serverHostAndPort();
      new ProcessBuilder("dropdb", "-h", hostPort[0], "-p", hostPort[1], "-U", "postgres",
          "--if-exists", name).redirectErrorStream(true).start().waitFor();
    } catch (Exception e) {
      System.out.println("could not drop the benchmark database: " + e);
    }
  }
}
