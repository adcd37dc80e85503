package com.conecta.hub.foundation.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL pool and the schema migrations applied at start. */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private Database() {}

  public static PgConnectOptions connectOptions(String url) {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    if (options.getUser() == null) {
      options.setUser("postgres");
    }
    return options.setPipeliningLimit(256).setCachePreparedStatements(true);
  }

  public static Pool pool(Vertx vertx, String url, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setMaxWaitQueueSize(10_000).setShared(false))
        .connectingTo(connectOptions(url))
        .using(vertx)
        .build();
  }

  /**
   * A small pool for reports: statements are not cached, so PostgreSQL plans each report for its actual dates and
   * filters (a cached statement turns generic after five runs and cannot see that a range is short), and long
   * aggregates never take connections from ingest.
   */
  public static Pool reportPool(Vertx vertx, String url, int size) {
    return plannedEachTime(vertx, url, size, 1_000, "reports");
  }

  /**
   * A pool for the sending queue (outbox claims and marks, campaign fan-out), whose statements are planned for the
   * tables as they are at each run: those tables go from empty to hundreds of thousands of rows within a minute, and a
   * plan cached while the outbox was small reads the whole queue for each row once it is full (measured: a claim of
   * 200 rows went from 5 ms to 800 ms, a batch of sent marks from 0.1 to 5 ms), until the next analyze, which a
   * database run without autovacuum never does. Planning costs about 0.1 ms a statement; these run a few hundred
   * times a second.
   */
  public static Pool queuePool(Vertx vertx, String url, int size) {
    return plannedEachTime(vertx, url, size, 10_000, "queue");
  }

  /**
   * A pool whose statements are not cached, so that PostgreSQL plans each one for its parameters and tables now. Named,
   * so that its metrics (vertx.pool.*) are its own and not dropped as a second registration of the default pool's.
   */
  private static Pool plannedEachTime(Vertx vertx, String url, int size, int waitQueue, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions().setName(name).setMaxSize(size).setMaxWaitQueueSize(waitQueue).setShared(false))
        .connectingTo(connectOptions(url).setCachePreparedStatements(false))
        .using(vertx)
        .build();
  }

  /** The pools beside the main one. */
  public record SidePools(Pool reports, Pool queue) {
    public Future<Void> close() {
      return reports.close().eventually(() -> queue.close());
    }
  }

  /** Applies the versioned migrations with Flyway on a worker thread (Flyway is blocking JDBC). */
  public static Future<Void> migrate(Vertx vertx, String url) {
    PgConnectOptions o = connectOptions(url);
    String jdbc = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    return vertx.executeBlocking(() -> {
      var result = Flyway.configure()
          .dataSource(jdbc, o.getUser(), o.getPassword())
          .locations("classpath:db/migration")
          .load()
          .migrate();
      log.info("database schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
          result.migrationsExecuted);
      return null;
    });
  }
}
