package com.conecta.hub.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A PostgreSQL and a Redis of this test class's own (never the machine's shared ones), on fixed ports so that they
 * can be stopped and started again under a running hub: the faults the reliability tests inject.
 */
final class FaultyServers implements AutoCloseable {
  private final Path pgData;
  private final Path pgWork;
  private final int pgPort;
  private final int redisPort;
  private EmbeddedPostgres postgres;
  private RedisServer redis;
  /** Stops and starts done to these servers: the faults injected. */
  int faults;

  FaultyServers() throws IOException {
    Path dir = Files.createTempDirectory("conecta-faults");
    pgData = dir.resolve("pg-data");
    pgWork = dir.resolve("pg-binaries");
    Files.createDirectories(pgData);
    Files.createDirectories(pgWork);
    pgPort = freePort();
    redisPort = freePort();
  }

  String startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(pgWork.toFile()).setPort(pgPort).setServerConfig("max_connections", "100")
        .setServerConfig("fsync", "off").start();
    return postgresUrl();
  }

  String postgresUrl() {
    return "postgresql://postgres:postgres@127.0.0.1:" + pgPort + "/postgres";
  }

  /** A fast shutdown (connections cut, as in a crash or a restart by the operator). */
  void stopPostgres() throws IOException {
    faults++;
    postgres.close();
    postgres = null;
  }

  String startRedis() throws IOException {
    redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
    redis.start();
    return redisUrl();
  }

  String redisUrl() {
    return "redis://127.0.0.1:" + redisPort;
  }

  void stopRedis() throws IOException {
    faults++;
    redis.stop();
  }

  void restartRedis() throws IOException {
    redis.start();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      if (redis != null) {
        redis.stop();
      }
    } catch (IOException ignored) {
      // already stopped
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException ignored) {
      // already stopped
    }
  }
}
