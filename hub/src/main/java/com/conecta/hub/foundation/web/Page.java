package com.conecta.hub.foundation.web;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.ToLongFunction;

/** One page of a list and the cursor of the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

  /**
   * The page from {@code limit + 1} rows fetched in id order (the extra row only tells that there is a next page),
   * whose cursor is the last row's sort key and id.
   */
  public static Page<JsonObject> fromOneMore(List<JsonObject> rows, int limit, ToLongFunction<JsonObject> sortKey) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<JsonObject> items = rows.subList(0, limit);
    JsonObject last = items.get(limit - 1);
    return new Page<>(items, new Cursor(sortKey.applyAsLong(last), last.getLong("id")).encode());
  }
}
