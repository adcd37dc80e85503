package com.conecta.hub.messaging.sending;

import com.conecta.hub.foundation.platform.RedisLink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send rate of each sending number, shared by every hub node.
 *
 * <p>A send is let go only at the moment it may go, never reserved ahead: a reserved slot that is late (a busy event
 * loop, a garbage-collection pause) would go together with the slots after it and the provider would see a burst.
 * Each node queues its own sends per number, and one pump per number asks Redis for as many slots as it has sends
 * waiting. Redis (one Lua script, Redis's own clock) keeps two things per number for all nodes: a token bucket that
 * paces the sends evenly, and the times of the sends of the last second, so that no one-second window ever holds more
 * than the cap, whatever the pauses. The bucket paces at {@link #PACE} of the configured limit, below the cap
 * ({@link #CAP} of the limit), and holds 20 ms of sends, so that a pump that comes back late (a busy machine) catches
 * up instead of losing the slots. The cap must not become the pacer: if it did, sends that went together would be let
 * go again together exactly one second later, as the first ones leave the window, and that echo repeats every second,
 * bursts a second apart that a provider counting arrivals sees as more than the cap in one second. So the bucket paces
 * below the cap, and once a one-second window has filled to the cap the bucket gives one send at a time, at its pace,
 * rather than what it filled up with meanwhile. The margin under the limit absorbs the time between our hand-off and
 * the provider's clock.
 *
 * <p>Redis counts a slot when it gives it, so a node that sees the answer late (its event loop busy, a collection, the
 * machine's cores taken by the database) would send slots counted in the past together with the next ones, and the
 * provider would see more in a second than Redis counted. An answer that took 2 ms ({@link #LATE_NANOS}) longer than
 * usual is therefore given back (taken out of the window, owed to the bucket) and asked for again, once: the next
 * answer is used however late, so that a slow link to Redis still sends. In the campaign benchmark this took the
 * busiest second at the provider from 994-1,002 to 992-993 at the same pace, which is what let the pace and the cap
 * go up by 0.1 % of the limit each.
 *
 * <p>Without Redis each node falls back to the same bookkeeping in its own memory (correct for one node; several
 * nodes may then exceed the limit together).
 */
public final class SendRateLimiter {
  /** The share of the configured limit that is sent: the margin is for network jitter between us and the provider. */
  static final double PACE = 0.985;
  /** No one-second window holds more than this share of the limit. */
  static final double CAP = 0.989;

  /** Sends the bucket holds: 20 ms worth at the paced rate. */
  static int burst(int perSecond) {
    return Math.max(1, (int) Math.floor(perSecond * PACE / 50));
  }
  private static final long WINDOW_MICROS = 1_000_000;

  private static final String SCRIPT = """
      local rate = tonumber(ARGV[1])
      local burst = tonumber(ARGV[2])
      local cap = tonumber(ARGV[3])
      local want = tonumber(ARGV[4])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local state = redis.call('HMGET', KEYS[1], 'ts', 'tokens', 'capped', 'returned')
      local ts = tonumber(state[1]) or now
      local tokens = tonumber(state[2]) or 1
      tokens = math.min(burst, tokens + (now - ts) * rate / 1000000)
      if state[3] == '1' then tokens = math.min(tokens, 1) end
      tokens = tokens + (tonumber(state[4]) or 0)
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000000)
      local recent = redis.call('ZCARD', KEYS[2])
      local grant = math.max(0, math.min(want, math.floor(tokens), cap - recent))
      for i = 1, grant do
        redis.call('ZADD', KEYS[2], now, ARGV[5] .. ':' .. i)
      end
      tokens = tokens - grant
      local capped = '0'
      if recent + grant >= cap then capped = '1' end
      local wait = 0
      if grant < want then
        if tokens < 1 then wait = math.ceil((1 - tokens) * 1000000 / rate) end
        if recent + grant >= cap then
          local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
          if oldest[2] then wait = math.max(wait, tonumber(oldest[2]) + 1000000 - now + 1) end
        end
      end
      redis.call('HSET', KEYS[1], 'ts', now, 'tokens', tostring(tokens), 'capped', capped, 'returned', 0)
      redis.call('PEXPIRE', KEYS[1], 60000)
      redis.call('PEXPIRE', KEYS[2], 2000)
      return {grant, wait}""";

  /** Takes back the slots of one ask: out of the window, and owed to the bucket's next ask. */
  private static final String GIVE_BACK = """
      local n = tonumber(ARGV[2])
      for i = 1, n do
        redis.call('ZREM', KEYS[2], ARGV[1] .. ':' .. i)
      end
      redis.call('HINCRBY', KEYS[1], 'returned', n)
      redis.call('PEXPIRE', KEYS[1], 60000)
      return n""";

  /** A grant whose answer took this much longer than usual is given back rather than sent late. */
  private static final long LATE_NANOS = 2_000_000;

  private final Vertx vertx;
  private final RedisLink redis;
  private final String nodeNonce = Long.toString(System.nanoTime(), 36);
  private final AtomicLong calls = new AtomicLong();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();

  public SendRateLimiter(Vertx vertx, RedisLink redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  /**
   * Waits for the moment a send from {@code sender} may go at {@code perSecond}: completes with null then (send at
   * once), or at once with the time to come back when this node already has a second's worth of sends waiting for
   * that number (nothing is taken then, and the row can go back to the queue for any node).
   */
  public Future<Duration> acquire(String sender, int perSecond) {
    Lane lane = lanes.computeIfAbsent(sender, Lane::new);
    Promise<Duration> done = Promise.promise();
    int waiting;
    boolean startPump;
    synchronized (lane) {
      waiting = lane.waiting.size();
      if (waiting >= Math.max(1, perSecond)) {
        done.complete(Duration.ofMillis(Math.max(1, waiting * 1000L / Math.max(1, perSecond))));
        return done.future();
      }
      lane.perSecond = perSecond;
      lane.waiting.add(done);
      startPump = !lane.pumping;
      lane.pumping = true;
    }
    if (startPump) {
      pump(lane);
    }
    return done.future();
  }

  /** Sends waiting on this node for one number, and whether a pump is asking for slots for them. */
  private static final class Lane {
    final String sender;
    final Deque<Promise<Duration>> waiting = new ArrayDeque<>();
    boolean pumping;
    int perSecond;
    /** Redis's usual answer time for this lane's asks (a moving average), in nanoseconds. */
    private double usualNanos = 500_000;
    /** The last grant was given back: the next one is sent however late, so that a slow link still sends. */
    private boolean gaveBack;

    Lane(String sender) {
      this.sender = sender;
    }

    /** Whether an answer that took {@code nanos} came late enough to give its slots back (at most once in a row). */
    synchronized boolean late(long nanos) {
      boolean late = !gaveBack && nanos > usualNanos + LATE_NANOS;
      gaveBack = late;
      usualNanos += (Math.min(nanos, usualNanos * 4) - usualNanos) / 32;
      return late;
    }
  }

  private void pump(Lane lane) {
    int want;
    int perSecond;
    synchronized (lane) {
      want = lane.waiting.size();
      perSecond = lane.perSecond;
      if (want == 0) {
        lane.pumping = false;
        return;
      }
    }
    double rate = Math.max(0.1, perSecond * PACE);
    int cap = Math.max(1, (int) Math.floor(perSecond * CAP));
    int burst = burst(perSecond);
    // Few slots per ask: slots are counted when Redis gives them, so a batch that this node sends late (a pause
    // between Redis's answer and the wire) is all that can land in a later second than the one it was counted in.
    int perAsk = Math.max(1, perSecond / 200);
    String nonce = nodeNonce + ":" + calls.incrementAndGet();
    long asked = System.nanoTime();
    slots(lane.sender, rate, burst, cap, Math.min(want, perAsk), nonce).onComplete(ar -> {
      Slots got = ar.succeeded() ? ar.result() : new Slots(0, 50_000, false);
      if (got.shared() && got.grant() > 0 && lane.late(System.nanoTime() - asked)) {
        // Counted at Redis's moment but to be sent only now, these would land together with the slots given after
        // the pause and crowd a one-second window at the provider: they go back and are asked for again.
        giveBack(lane.sender, nonce, got.grant()).onComplete(back -> {
          if (back.succeeded()) {
            pump(lane);
          } else {
            handOut(lane, got);
          }
        });
        return;
      }
      handOut(lane, got);
    });
  }

  /** Lets go as many waiting sends as slots were given, and comes back when the next slot may be. */
  private void handOut(Lane lane, Slots got) {
    List<Promise<Duration>> go = new java.util.ArrayList<>();
    synchronized (lane) {
      for (int i = 0; i < got.grant() && !lane.waiting.isEmpty(); i++) {
        go.add(lane.waiting.poll());
      }
    }
    go.forEach(p -> p.complete(null));
    long waitMs = Math.max(1, (got.waitMicros() + 999) / 1000);
    if (got.grant() > 0 && got.waitMicros() == 0) {
      vertx.runOnContext(v -> pump(lane));
    } else {
      vertx.setTimer(waitMs, t -> pump(lane));
    }
  }

  /** Slots given by one ask, microseconds until the next may be, and whether Redis (not this node alone) gave them. */
  private record Slots(long grant, long waitMicros, boolean shared) {}

  /** Takes up to {@code want} slots now, counted in the window under {@code nonce}. */
  private Future<Slots> slots(String sender, double rate, int burst, int cap, int want, String nonce) {
    if (!redis.configured()) {
      return Future.succeededFuture(localSlots(sender, rate, burst, cap, want));
    }
    return redis.api().compose(api -> api.eval(List.of(SCRIPT, "2", bucketKey(sender), windowKey(sender),
            String.valueOf(rate), String.valueOf(burst), String.valueOf(cap), String.valueOf(want), nonce)))
        .map(r -> new Slots(r.get(0).toLong(), r.get(1).toLong(), true))
        .recover(e -> Future.succeededFuture(localSlots(sender, rate, burst, cap, want)));
  }

  private Future<Void> giveBack(String sender, String nonce, long grant) {
    return redis.api().compose(api -> api.eval(List.of(GIVE_BACK, "2", bucketKey(sender), windowKey(sender), nonce,
        String.valueOf(grant)))).mapEmpty();
  }

  private String bucketKey(String sender) {
    return redis.key("rate:" + sender);
  }

  private String windowKey(String sender) {
    return redis.key("rate-window:" + sender);
  }

  private Slots localSlots(String sender, double rate, int burst, int cap, int want) {
    return local.computeIfAbsent(sender, s -> new LocalWindow()).take(rate, burst, cap, want);
  }

  /** The same bucket and one-second window in this node's memory, for when Redis does not answer. */
  private static final class LocalWindow {
    private long ts = System.nanoTime() / 1000;
    private double tokens = 1;
    /** The window was full at the last ask: the bucket gives one at a time until it no longer is. */
    private boolean capped;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    synchronized Slots take(double rate, int burst, int cap, int want) {
      long now = System.nanoTime() / 1000;
      tokens = Math.min(burst, tokens + (now - ts) * rate / 1_000_000);
      if (capped) {
        tokens = Math.min(tokens, 1);
      }
      ts = now;
      while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW_MICROS) {
        recent.pollFirst();
      }
      int grant = (int) Math.max(0, Math.min(Math.min(want, Math.floor(tokens)), cap - recent.size()));
      for (int i = 0; i < grant; i++) {
        recent.addLast(now);
      }
      tokens -= grant;
      capped = recent.size() >= cap;
      long wait = 0;
      if (grant < want) {
        if (tokens < 1) {
          wait = (long) Math.ceil((1 - tokens) * 1_000_000 / rate);
        }
        if (recent.size() >= cap && !recent.isEmpty()) {
          wait = Math.max(wait, recent.peekFirst() + WINDOW_MICROS - now + 1);
        }
      }
      return new Slots(grant, wait, false);
    }
  }
}
