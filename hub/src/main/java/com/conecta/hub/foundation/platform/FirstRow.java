package com.conecta.hub.foundation.platform;

import java.util.Iterator;
import java.util.function.Function;

/** Reads a query that answers one row or none: the stores' "find by key" answers null when there is none. */
public final class FirstRow {
  private FirstRow() {}

  /** The first of {@code rows} mapped, or null when there are none (a row set is iterable). */
  public static <R, T> T orNull(Iterable<R> rows, Function<R, T> map) {
    Iterator<R> it = rows.iterator();
    return it.hasNext() ? map.apply(it.next()) : null;
  }
}
