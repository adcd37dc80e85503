package com.conecta.hub.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A hub node in its own operating-system process ({@code java -cp <test classpath> com.conecta.hub.Main}), so that it
 * can be killed with SIGKILL ({@link Process#destroyForcibly()}) and started again on the same port.
 */
final class HubProcess {
  private final Map<String, String> env = new HashMap<>();
  private final int port;
  private final Path log;
  private Process process;
  int kills;

  HubProcess(String dbUrl, String redisUrl, String redisPrefix, Map<String, String> extra) throws IOException {
    port = FaultyServers.freePort();
    Path dir = Files.createTempDirectory("conecta-node");
    log = Path.of("target", "reliability-hub-" + port + ".log");
    env.put("CONECTA_DB_URL", dbUrl);
    env.put("CONECTA_DB_POOL_SIZE", "8");
    env.put("CONECTA_REDIS_URL", redisUrl);
    env.put("CONECTA_REDIS_PREFIX", redisPrefix);
    env.put("CONECTA_HTTP_PORT", String.valueOf(port));
    env.put("CONECTA_HTTP_HOST", "127.0.0.1");
    env.put("CONECTA_DATA_DIR", dir.toString());
    env.put("CONECTA_SANDBOX_ENABLED", "true");
    env.put("CONECTA_BOT_ENABLED", "false");
    env.put("CONECTA_WHATSAPP_APP_SECRET", MetaLikeSender.SECRET);
    env.putAll(extra);
  }

  int port() {
    return port;
  }

  /** Where the process's output goes. */
  Path log() {
    return log;
  }

  /** The folder the node keeps its data in (CONECTA_DATA_DIR): the embedded PostgreSQL's, when it runs one. */
  Path dataDir() {
    return Path.of(env.get("CONECTA_DATA_DIR"));
  }

  void start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), "com.conecta.hub.Main");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    awaitReady(Duration.ofSeconds(90));
  }

  /** SIGKILL: no shutdown hook runs, nothing is handed back. */
  void kill() throws InterruptedException {
    kills++;
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the graceful stop; answers whether the process ended by itself within the time. */
  boolean stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return true;
    }
    process.destroy();
    if (process.waitFor(45, java.util.concurrent.TimeUnit.SECONDS)) {
      return true;
    }
    process.destroyForcibly();
    process.waitFor();
    return false;
  }

  void awaitReady(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    try {
      com.conecta.hub.support.Await.value(() -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("hub process exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
        }
        try {
          return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
          return false; // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }, ok -> ok, "hub process ready; see " + log.toAbsolutePath(), timeout);
    } catch (org.opentest4j.AssertionFailedError e) {
      throw new IllegalStateException("hub process not ready after " + timeout + "; see " + log.toAbsolutePath(), e);
    }
  }

  static String classpathNote() {
    return System.getProperty("java.class.path").split(File.pathSeparator).length + " classpath entries";
  }
}
