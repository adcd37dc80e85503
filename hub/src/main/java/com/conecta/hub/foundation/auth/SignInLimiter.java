package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.platform.RedisLink;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per account and per client address in fixed windows. The counters live in Redis so that
 * every node sees them; when Redis does not answer, this node counts alone (an attacker spread over nodes gets
 * more tries, never unlimited ones).
 */
public final class SignInLimiter {
  /** Sign-in is refused until {@code retryAfterSeconds} have passed. */
  public record Verdict(boolean allowed, long retryAfterSeconds) {}

  private final RedisLink redis;
  private final String namespace;
  private final int perAccount;
  private final int perIp;
  private final long windowSeconds;
  private final ConcurrentHashMap<String, long[]> local = new ConcurrentHashMap<>();

  public SignInLimiter(RedisLink redis, int perAccount, int perIp, int windowMinutes) {
    this(redis, "signin", perAccount, perIp, windowMinutes);
  }

  /** {@code namespace} keeps the counters of another kind of attempt (password reset requests) apart. */
  public SignInLimiter(RedisLink redis, String namespace, int perAccount, int perIp, int windowMinutes) {
    this.namespace = namespace;
    this.redis = redis;
    this.perAccount = perAccount;
    this.perIp = perIp;
    this.windowSeconds = windowMinutes * 60L;
  }

  /** Whether this account and address may try now; nothing is counted. */
  public Future<Verdict> check(String email, String ip) {
    long window = window();
    String account = key("acct", email, window);
    String address = key("ip", ip, window);
    Future<long[]> counts = redis.configured()
        ? redis.api().compose(api -> api.mget(List.of(account, address)))
            .map(r -> new long[] {asLong(r.get(0)), asLong(r.get(1))})
        : Future.failedFuture("no redis");
    return counts.recover(e -> Future.succeededFuture(new long[] {localGet(account, window), localGet(address, window)}))
        .map(c -> c[0] >= perAccount || c[1] >= perIp ? new Verdict(false, retryAfter(window)) : new Verdict(true, 0));
  }

  /** Counts one failed attempt against the account and the address. */
  public Future<Void> failed(String email, String ip) {
    long window = window();
    String account = key("acct", email, window);
    String address = key("ip", ip, window);
    // Counted here too, so that a Redis outage in the middle of an attack still finds this node's tally.
    localIncrement(account, window);
    localIncrement(address, window);
    if (!redis.configured()) {
      return Future.succeededFuture();
    }
    String ttl = String.valueOf(windowSeconds + 5);
    return redis.api()
        .compose(api -> api.incr(account).compose(n -> api.expire(List.of(account, ttl)))
            .compose(n -> api.incr(address)).compose(n -> api.expire(List.of(address, ttl))))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  private long window() {
    return System.currentTimeMillis() / 1000 / windowSeconds;
  }

  private long retryAfter(long window) {
    return Math.max(1, (window + 1) * windowSeconds - System.currentTimeMillis() / 1000);
  }

  /** The email is hashed so that Redis never holds who tried to sign in. */
  private String key(String kind, String value, long window) {
    String v = kind.equals("acct") ? Tokens.sha256(value.trim().toLowerCase(Locale.ROOT)) : value;
    return redis.key(namespace + ":" + kind + ":" + v + ":" + window);
  }

  private long localGet(String key, long window) {
    long[] c = local.get(key);
    return c == null || c[0] != window ? 0 : c[1];
  }

  private void localIncrement(String key, long window) {
    if (local.size() > 100_000) {
      local.entrySet().removeIf(e -> e.getValue()[0] != window);
    }
    local.compute(key, (k, v) -> v == null || v[0] != window ? new long[] {window, 1} : new long[] {window, v[1] + 1});
  }

  private static long asLong(Response r) {
    return r == null ? 0 : r.toLong();
  }
}
