package com.conecta.hub.foundation.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The PostgreSQL and Redis a hub starts for itself when none is configured (sandbox, a developer's laptop).
 * Blocking: call from a worker thread.
 */
public final class EmbeddedServers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
  private EmbeddedPostgres postgres;
  private RedisServer redis;

  /** Starts PostgreSQL with its data under {@code dataDir/postgres}, kept across restarts; answers its URL. */
  public String startPostgres(Path dataDir) throws IOException {
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(pgData);
    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(dataDir.resolve("pg-binaries").toFile())
        .setPort(freePort())
        .setServerConfig("max_connections", "100")
        // The node's own shutdown hook stops PostgreSQL after the node has stopped: the library's hook would stop it
        // at the same time, under the node handing back its claimed work.
        .setRegisterShutdownHook(false)
        .start();
    log.info("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
    return "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  /** Starts Redis on a free port; answers its URL, or null when it cannot start here. */
  public String startRedis() {
    try {
      int port = freePort();
      redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
      redis.start();
      log.info("embedded Redis started on port {}", port);
      return "redis://127.0.0.1:" + port;
    } catch (Exception | LinkageError e) {
      log.warn("embedded Redis could not start ({}); running single-node: real-time events stay on this node", e.toString());
      redis = null;
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops Redis, then PostgreSQL; a second call does nothing (the shutdown hook and a failed start may both call). */
  @Override
  public synchronized void close() {
    RedisServer r = redis;
    redis = null;
    stopQuietly("Redis", r == null ? null : r::stop);
    EmbeddedPostgres pg = postgres;
    postgres = null;
    stopQuietly("PostgreSQL", pg == null ? null : pg::close);
  }

  /** One server that does not stop cleanly is logged, not thrown: the other still has to stop. */
  private static void stopQuietly(String what, Stop stop) {
    if (stop == null) {
      return;
    }
    try {
      stop.run();
    } catch (IOException e) {
      log.warn("embedded {} did not stop cleanly: {}", what, e.toString());
    }
  }

  private interface Stop {
    void run() throws IOException;
  }
}
