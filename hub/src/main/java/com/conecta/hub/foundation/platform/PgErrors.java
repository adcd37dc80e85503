package com.conecta.hub.foundation.platform;

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

  /**
   * A value the database cannot hold as given (SQLSTATE class 22: a NUL character, an unsupported Unicode escape in
   * JSON, a number or date out of range): the caller's input, never the hub's state, so a client error.
   */
  public static boolean isBadValue(Throwable e) {
    return e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22");
  }
}
