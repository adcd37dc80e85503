package com.conecta.hub.inbox;

import com.conecta.hub.auth.Principal;
import com.conecta.hub.web.ApiError;
import io.vertx.core.Future;
import java.util.List;

/** Which inboxes a user may see, and finding the inbox a provider's event belongs to. */
public final class InboxService {
  private final InboxStore store;

  public InboxService(InboxStore store) {
    this.store = store;
  }

  public Future<List<Inbox>> visible(Principal p) {
    return store.list(p.inboxFilter());
  }

  public Future<Inbox> byIdVisible(Principal p, long id) {
    return store.byId(id).map(inbox -> {
      if (inbox == null || !p.canSeeInbox(id)) {
        throw ApiError.notFound("inbox " + id);
      }
      return inbox;
    });
  }

  public Future<Inbox> byChannelAccount(String channel, String accountId) {
    return store.byChannelAccount(channel, accountId);
  }

  public Future<Inbox> create(String name, String channel, String accountId, Long teamId,
      io.vertx.core.json.JsonObject settings) {
    return store.insert(name, channel, accountId, teamId, settings).recover(e -> {
      if (e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
        return Future.failedFuture(ApiError.conflict("inbox_exists", "an inbox already uses this channel account"));
      }
      if (e instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState())) {
        return Future.failedFuture(ApiError.invalid("teamId", "no team with this id"));
      }
      return Future.failedFuture(e);
    });
  }

  public Future<Inbox> byId(long id) {
    return store.byId(id);
  }
}
