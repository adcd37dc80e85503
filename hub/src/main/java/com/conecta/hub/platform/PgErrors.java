package com.conecta.hub.platform;

import io.vertx.pgclient.PgException;

/** The PostgreSQL errors a business action answers as a client error rather than a failure. */
public final class PgErrors {
  private PgErrors() {}

  /** A unique constraint refused a second copy (SQLSTATE 23505). */
  public static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  /** A foreign key pointed at a row that does not exist (SQLSTATE 23503). */
  public static boolean isMissingReference(Throwable e) {
    return e instanceof PgException pg && "23503".equals(pg.getSqlState());
  }
}
