package com.conecta.hub.operations.notify;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The signed-in user's in-app notifications: newest first with the unread count, and marking one read. */
public record NotificationService(NotificationStore store) {
  /** A page of the user's notifications plus how many of all of them are unread. */
  public record Mine(Page<JsonObject> page, long unread) {}

  public Future<Mine> mine(Principal p, String cursor, int limit) {
    Cursor c = Cursor.decode(cursor);
    return Future.all(store.mine(p.userId(), c == null ? null : c.id(), limit + 1), store.unreadCount(p.userId()))
        .map(all -> {
          List<JsonObject> rows = all.resultAt(0);
          long unread = all.resultAt(1);
          return new Mine(Page.fromOneMore(rows, limit, last -> last.getLong("id")), unread);
        });
  }

  public Future<Long> markRead(Principal p, long id) {
    return store.markRead(p.userId(), id).compose(ok -> {
      if (!ok) {
        return Future.failedFuture(ApiError.notFound("notification"));
      }
      return store.unreadCount(p.userId());
    });
  }
}
