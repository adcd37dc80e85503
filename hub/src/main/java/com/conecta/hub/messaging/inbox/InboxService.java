package com.conecta.hub.messaging.inbox;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import java.util.List;

/** Which inboxes a user may see, and finding the inbox a provider's event belongs to. */
public final class InboxService {
  /** Inboxes change rarely and are read on every webhook: a short cache saves a query per message. */
  private static final java.time.Duration CACHE = java.time.Duration.ofSeconds(10);
  private final InboxStore store;
  private final com.github.benmanes.caffeine.cache.Cache<String, Inbox> recent =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(CACHE).maximumSize(10_000).build();

  public InboxService(InboxStore store) {
    this.store = store;
  }

  private Future<Inbox> cached(String key, java.util.function.Supplier<Future<Inbox>> load) {
    Inbox hit = recent.getIfPresent(key);
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    return load.get().onSuccess(i -> {
      if (i != null) {
        recent.put(key, i);
      }
    });
  }

  public Future<List<Inbox>> visible(Principal p) {
    return store.list(p.inboxFilter());
  }

  public Future<Inbox> byIdVisible(Principal p, long id) {
    return byId(id).map(inbox -> {
      if (inbox == null || !p.canSeeInbox(id)) {
        throw ApiError.notFound("inbox " + id);
      }
      return inbox;
    });
  }

  public Future<Inbox> byChannelAccount(String channel, String accountId) {
    return cached(channel + ":" + accountId, () -> store.byChannelAccount(channel, accountId));
  }

  public Future<Inbox> create(String name, String channel, String accountId, Long teamId,
      io.vertx.core.json.JsonObject settings) {
    return store.insert(name, channel, accountId, teamId, settings).recover(e -> {
      if (com.conecta.hub.foundation.platform.PgErrors.isUniqueViolation(e)) {
        return Future.failedFuture(ApiError.conflict("inbox_exists", "an inbox already uses this channel account"));
      }
      if (com.conecta.hub.foundation.platform.PgErrors.isMissingReference(e)) {
        return Future.failedFuture(ApiError.invalid("teamId", "no team with this id"));
      }
      return Future.failedFuture(e);
    });
  }

  public Future<List<Inbox>> byChannel(String channel) {
    return store.list(null).map(all -> all.stream().filter(i -> channel.equals(i.channel())).toList());
  }

  public Future<Inbox> byId(long id) {
    return cached("id:" + id, () -> store.byId(id));
  }
}
