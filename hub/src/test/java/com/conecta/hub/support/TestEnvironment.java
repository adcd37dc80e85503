package com.conecta.hub.support;

import com.conecta.hub.foundation.platform.EmbeddedServers;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL and Redis the tests run against: the machine's own (127.0.0.1:5432 and :6379) when they answer,
 * else embedded ones started once for this test JVM. Each call to {@link #freshDatabase()} makes a new database.
 */
public final class TestEnvironment {
  private static final Object LOCK = new Object();
  private static String serverUrl;
  private static String redisUrl;
  private static boolean redisChecked;
  private static EmbeddedServers embedded;
  private static String templateName;

  private TestEnvironment() {}

  /**
   * A new database on the test server with every migration applied, as a postgresql:// URL: a clone of a template
   * migrated once per set of migrations (see {@link TemplateDatabase}), so a hub starting on it finds its schema ready.
   */
  public static String freshDatabase() {
    String template;
    synchronized (LOCK) {
      if (templateName == null) {
        templateName = TemplateDatabase.ensure(jdbcServer());
      }
      template = templateName;
    }
    return createDatabase(" template " + template);
  }

  /** A new database with nothing in it, for a test of what the migrations themselves do. */
  public static String emptyDatabase() {
    return createDatabase("");
  }

  private static String createDatabase(String options) {
    String server = server();
    String name = "conecta_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(jdbcServer() + "postgres", "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("create database " + name + options);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create test database on " + server, e);
    }
    return server + name;
  }

  /** The server as a JDBC URL prefix, without the user (given apart) and without a database name. */
  private static String jdbcServer() {
    return "jdbc:" + server().replace("postgresql://postgres:postgres@", "postgresql://")
        .replace("postgresql://postgres@", "postgresql://");
  }

  /** The server URL without a database name, e.g. {@code postgresql://postgres@127.0.0.1:5432/}. */
  public static String server() {
    synchronized (LOCK) {
      if (serverUrl == null) {
        // -Dconecta.test.embedded-postgres=true tries the fallback on a machine that has a PostgreSQL.
        if (answers(5432) && !Boolean.getBoolean("conecta.test.embedded-postgres")) {
          serverUrl = "postgresql://postgres@127.0.0.1:5432/";
        } else {
          try {
            String url = embedded().startPostgres(Files.createTempDirectory("conecta-test-pg"));
            serverUrl = url.substring(0, url.lastIndexOf('/') + 1);
          } catch (Exception e) {
            throw new IllegalStateException("no PostgreSQL at 127.0.0.1:5432 and the embedded one did not start", e);
          }
        }
      }
      return serverUrl;
    }
  }

  /** The Redis URL, or null when neither the machine's nor an embedded one is available. */
  public static String redis() {
    synchronized (LOCK) {
      if (!redisChecked) {
        redisChecked = true;
        redisUrl = answers(6379) ? "redis://127.0.0.1:6379" : embedded().startRedis();
      }
      return redisUrl;
    }
  }

  /** A prefix that keeps one test's Redis keys and channels apart from every other run's. */
  public static String redisPrefix() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  private static EmbeddedServers embedded() {
    if (embedded == null) {
      embedded = new EmbeddedServers();
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    }
    return embedded;
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
