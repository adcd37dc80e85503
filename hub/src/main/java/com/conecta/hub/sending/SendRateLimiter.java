package com.conecta.hub.sending;

import com.conecta.hub.platform.RedisLink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The send rate of each sending number, shared by every hub node: a token bucket in Redis (one Lua script, Redis's
 * own clock) that starts empty and holds at most a small burst, so that a busy sender averages the limit and
 * never more. Without Redis each node
 * falls back to a local bucket at the full rate (correct for one node; several nodes may then exceed it).
 */
public final class SendRateLimiter {
  private static final String SCRIPT = """
      local rate = tonumber(ARGV[1])
      local burst = tonumber(ARGV[2])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local state = redis.call('HMGET', KEYS[1], 'ts', 'tokens')
      local ts = tonumber(state[1]) or now
      local tokens = tonumber(state[2]) or 1
      tokens = math.min(burst, tokens + (now - ts) * rate / 1000000)
      local wait = 0
      if tokens - 1 < 0 then wait = math.ceil(-(tokens - 1) * 1000000 / rate) end
      if wait > tonumber(ARGV[3]) then
        redis.call('HSET', KEYS[1], 'ts', now, 'tokens', tostring(tokens))
        redis.call('PEXPIRE', KEYS[1], 60000)
        return -wait
      end
      tokens = tokens - 1
      redis.call('HSET', KEYS[1], 'ts', now, 'tokens', tostring(tokens))
      redis.call('PEXPIRE', KEYS[1], 60000)
      return wait""";

  private final Vertx vertx;
  private final RedisLink redis;
  private final Map<String, LocalBucket> local = new ConcurrentHashMap<>();

  public SendRateLimiter(Vertx vertx, RedisLink redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  /** How far ahead slots are reserved; a sender further behind is told to come back later. */
  private static final long MAX_WAIT_MICROS = 1_000_000;

  /**
   * Reserves the next slot of {@code sender} at {@code perSecond}: completes with null when that slot has come, or
   * with the time to come back when the next free slot is more than a second away (nothing is reserved then).
   */
  public Future<java.time.Duration> acquire(String sender, int perSecond) {
    Promise<java.time.Duration> done = Promise.promise();
    attempt(sender, perSecond, done);
    return done.future();
  }

  private void attempt(String sender, int perSecond, Promise<java.time.Duration> done) {
    int burst = Math.max(1, perSecond / 100);
    Future<Long> waitMicros = redis.configured()
        ? redis.api().compose(api -> api.eval(List.of(SCRIPT, "1", redis.key("rate:" + sender),
                String.valueOf(perSecond), String.valueOf(burst), String.valueOf(MAX_WAIT_MICROS))))
            .map(Response::toLong)
            .recover(e -> Future.succeededFuture(localWait(sender, perSecond, burst)))
        : Future.succeededFuture(localWait(sender, perSecond, burst));
    // The slot is reserved: wait until it comes, then go, without asking again.
    waitMicros.onSuccess(wait -> {
      if (wait < 0) {
        done.complete(java.time.Duration.ofNanos(-wait * 1000));
      } else if (wait == 0) {
        done.complete(null);
      } else {
        vertx.setTimer(Math.max(1, wait / 1000), t -> done.complete(null));
      }
    });
  }

  private long localWait(String sender, int perSecond, int burst) {
    return local.computeIfAbsent(sender, s -> new LocalBucket()).take(perSecond, burst);
  }

  /** The same bucket in this node's memory, for when Redis does not answer. */
  private static final class LocalBucket {
    private long ts = System.nanoTime() / 1000;
    private double tokens = Double.NaN;

    synchronized long take(int rate, int burst) {
      long now = System.nanoTime() / 1000;
      if (Double.isNaN(tokens)) {
        tokens = 1;
      }
      tokens = Math.min(burst, tokens + (now - ts) * (double) rate / 1_000_000);
      ts = now;
      long wait = tokens - 1 >= 0 ? 0 : (long) Math.ceil(-(tokens - 1) * 1_000_000 / rate);
      if (wait > MAX_WAIT_MICROS) {
        return -wait;
      }
      tokens -= 1;
      return wait;
    }
  }
}
