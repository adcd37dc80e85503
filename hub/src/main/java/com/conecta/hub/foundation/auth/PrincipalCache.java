package com.conecta.hub.foundation.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Principals looked up in the last few seconds, so that a burst of API calls costs one lookup. A change to a user's
 * sign-ins is broadcast by {@link SignInInvalidations} and drops that user's entries on every node at once; the short
 * lifetime is what still bounds staleness when Redis is away.
 */
public final class PrincipalCache {
  static final Duration LIFETIME = Duration.ofSeconds(3);

  private final Cache<String, Principal> recent =
      Caffeine.newBuilder().expireAfterWrite(LIFETIME).maximumSize(10_000).build();
  /**
   * Bumped by every invalidation: a lookup that started before one may have read the old row, so its answer is
   * used for that request but not remembered.
   */
  private final AtomicLong generation = new AtomicLong();
  private final SignInInvalidations invalidations;

  public PrincipalCache(SignInInvalidations invalidations) {
    this.invalidations = invalidations;
    if (invalidations != null) {
      invalidations.onUser(this::forgetLocally);
    }
  }

  public Future<Principal> get(String key, Supplier<Future<Principal>> load) {
    Principal hit = recent.getIfPresent(key);
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    long before = generation.get();
    return load.get().onSuccess(p -> {
      if (p != null && generation.get() == before) {
        recent.put(key, p);
      }
    });
  }

  /** Forgets one key on this node only: a session signed out here is deleted from the database in the same step. */
  public void forgetKey(String key) {
    generation.incrementAndGet();
    recent.invalidate(key);
  }

  /** Forgets every cached sign-in of the user, here and on every other node. */
  public Future<Void> forgetUser(long userId) {
    if (invalidations == null) {
      forgetLocally(userId);
      return Future.succeededFuture();
    }
    return invalidations.publish(userId);
  }

  private void forgetLocally(long userId) {
    generation.incrementAndGet();
    recent.asMap().values().removeIf(p -> p.userId() == userId);
  }
}
