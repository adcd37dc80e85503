package com.conecta.hub.messaging.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.support.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The limit is a ceiling, counted as the provider counts it: in any one-second window. Two limiters on one Redis stand
 * for two hub nodes sending from the same number.
 */
class SendRateLimiterTest {
  private static final int LIMIT = 200;
  private Vertx vertx;
  private final List<RedisLink> links = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    links.forEach(l -> l.close().await());
    vertx.close().await();
  }

  private SendRateLimiter node(String redisUrl, String prefix) {
    RedisLink link = new RedisLink(vertx, redisUrl, prefix);
    links.add(link);
    return new SendRateLimiter(vertx, link);
  }

  @Test
  @DisplayName("two nodes sharing one number never send more than the limit in any second, and every send goes")
  void twoNodesShareTheLimit() {
    String prefix = TestEnvironment.redisPrefix();
    String url = TestEnvironment.redis();
    assertNotNull(url, "Redis (the machine's or the embedded one) is needed for the shared limit");
    List<Long> sentAt = send(List.of(node(url, prefix), node(url, prefix)), 3 * LIMIT);
    assertEquals(3 * LIMIT, sentAt.size(), "every send got its slot");
    int busiest = busiestSecond(sentAt);
    assertTrue(busiest <= LIMIT, "busiest one-second window " + busiest + " is above the limit " + LIMIT);
    assertTrue(busiest >= LIMIT * 0.9, "the window is filled, not starved: " + busiest);
  }

  @Test
  @DisplayName("after a pause the sends catch up by at most 20 ms worth at once, and no second holds more than the cap")
  void afterAPauseTheSendsCatchUpByAtMostTwentyMilliseconds() {
    String url = TestEnvironment.redis();
    assertNotNull(url, "Redis (the machine's or the embedded one) is needed for the shared limit");
    SendRateLimiter limiter = node(url, TestEnvironment.redisPrefix());
    String number = "whatsapp:100000000000078";
    List<Long> at = Collections.synchronizedList(new ArrayList<>());
    List<Future<Duration>> all = new ArrayList<>();
    // A first wave, then nothing for longer than it takes to send (the bucket refills), then a second-and-a-half's
    // worth: the second wave is where a large bucket would let a burst go.
    for (int wave = 0; wave < 2; wave++) {
      int n = wave == 0 ? LIMIT / 2 : LIMIT * 3 / 2;
      for (int i = 0; i < n; i++) {
        if (i > 0 && i % 100 == 0) {
          sleep(400);
        }
        all.add(limiter.acquire(number, LIMIT).onSuccess(later -> at.add(System.nanoTime())));
      }
      if (wave == 0) {
        Future.all(all).await();
        sleep(700);
      }
    }
    Future.all(all).await();
    List<Long> sorted = new ArrayList<>(at);
    Collections.sort(sorted);
    assertEquals(2 * LIMIT, sorted.size(), "every send got its slot");
    // At 200/s the pace lets about four go in 20 ms, and a full bucket (after the pause) may add at most another 20 ms
    // worth at once; two more for timer slack. A bucket holding more (the old one held 50 ms) would exceed it.
    int twentyMs = (int) Math.ceil(LIMIT * SendRateLimiter.PACE * 0.020);
    int allowed = 2 * twentyMs + 2;
    int busiest = busiestIn(sorted, 20_000_000L);
    assertTrue(busiest <= allowed, "busiest 20 ms " + busiest + ", evenly paced allows " + allowed);
    assertTrue(busiestSecond(sorted) <= LIMIT * SendRateLimiter.CAP, "a one-second window above the cap");
  }

  @Test
  @DisplayName("slots whose answer comes late are given back and asked for again, not sent long after they were counted")
  void slotsAnsweredLateAreGivenBack() {
    String url = TestEnvironment.redis();
    assertNotNull(url, "Redis (the machine's or the embedded one) is needed for the shared limit");
    java.net.URI redis = java.net.URI.create(url);
    // Every eighth answer 15 ms late: counted by Redis at one moment, seen by the node 15 ms after.
    SlowAnswers slow = SlowAnswers.start(vertx, redis.getHost(), redis.getPort(), 8, 15);
    String prefix = TestEnvironment.redisPrefix();
    SendRateLimiter limiter = node("redis://127.0.0.1:" + slow.port(), prefix);
    RedisLink direct = new RedisLink(vertx, url, prefix);
    links.add(direct);
    long offset = redisClockAhead(direct);
    String number = "whatsapp:100000000000079";
    List<Long> at = Collections.synchronizedList(new ArrayList<>());
    List<Future<Duration>> all = new ArrayList<>();
    // Fewer than a second's worth: the window in Redis still holds every one of them at the end.
    int n = LIMIT / 2;
    for (int i = 0; i < n; i++) {
      all.add(limiter.acquire(number, LIMIT).onSuccess(later -> at.add(System.nanoTime())));
    }
    Future.all(all).await();
    Response window = direct.api().await().eval(List.of("return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')",
        "1", direct.key("rate-window:" + number))).await();
    slow.close().await();
    List<Long> counted = new ArrayList<>();
    for (int i = 1; i < window.size(); i += 2) {
      counted.add(window.get(i).toLong() * 1_000 - offset);
    }
    Collections.sort(counted);
    List<Long> sent = new ArrayList<>(at);
    Collections.sort(sent);
    assertEquals(n, sent.size(), "every send got its slot");
    assertEquals(n, counted.size(), "the window counts each send once: a slot given back is no longer counted");
    long latest = 0;
    for (int i = 0; i < n; i++) {
      latest = Math.max(latest, sent.get(i) - counted.get(i));
    }
    // Kept, the late slots would go 15 ms after Redis counted them (and crowd the window the provider sees).
    assertTrue(latest < 8_000_000, "a send went " + latest / 1_000_000 + " ms after the moment it was counted");
  }

  /** How far Redis's clock (TIME, in nanoseconds) is ahead of this JVM's nanoTime, from the fastest of five asks. */
  private static long redisClockAhead(RedisLink link) {
    long best = Long.MAX_VALUE;
    long offset = 0;
    for (int i = 0; i < 5; i++) {
      long before = System.nanoTime();
      Response t = link.api().await().time().await();
      long after = System.nanoTime();
      if (after - before < best) {
        best = after - before;
        offset = (t.get(0).toLong() * 1_000_000 + t.get(1).toLong()) * 1_000 - (before + after) / 2;
      }
    }
    return offset;
  }

  @Test
  @DisplayName("without Redis a node keeps the same ceiling in its own memory")
  void withoutRedisOneNodeKeepsTheCeiling() {
    List<Long> sentAt = send(List.of(node(null, "x:")), 2 * LIMIT + 50);
    assertEquals(2 * LIMIT + 50, sentAt.size());
    int busiest = busiestSecond(sentAt);
    assertTrue(busiest <= LIMIT, "busiest one-second window " + busiest + " is above the limit " + LIMIT);
  }

  @Test
  @DisplayName("a node with a second's worth of sends waiting says when to come back, and takes nothing")
  void aFullQueueSendsTheRowBack() {
    SendRateLimiter limiter = node(null, "x:");
    List<Future<Duration>> asked = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      asked.add(limiter.acquire("whatsapp:slow", 10));
    }
    // At 10/s a node keeps at most ten waiting (the first may have gone at once): the rest are sent back.
    List<Duration> later = asked.stream().filter(Future::isComplete).map(Future::result).filter(d -> d != null).toList();
    assertTrue(later.size() >= 9 && later.size() <= 10, "sent back: " + later.size());
    assertTrue(later.stream().allMatch(d -> d.toMillis() >= 900), "come back after the queue has gone: " + later);
    List<Future<Duration>> queued = asked.stream().filter(f -> !f.isComplete() || f.result() == null).toList();
    for (Future<Duration> f : queued) {
      assertNull(f.await(), "the queued ones go");
    }
    assertEquals(20 - later.size(), queued.size());
  }

  /** Asks for {@code n} slots spread over the nodes; returns when each was given. */
  private List<Long> send(List<SendRateLimiter> nodes, int n) {
    List<Long> at = Collections.synchronizedList(new ArrayList<>());
    List<Future<Duration>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SendRateLimiter node = nodes.get(i % nodes.size());
      // Asked in waves, as claims arrive, so that no node ever holds more than a second's worth.
      if (i > 0 && i % 100 == 0) {
        sleep(400);
      }
      all.add(node.acquire("whatsapp:100000000000077", LIMIT).map(later -> {
        assertNull(later, "no send is turned away");
        at.add(System.nanoTime());
        return later;
      }));
    }
    Future.all(all).await();
    List<Long> sorted = new ArrayList<>(at);
    Collections.sort(sorted);
    return sorted;
  }

  private static int busiestSecond(List<Long> sorted) {
    return busiestIn(sorted, 1_000_000_000L);
  }

  /** The most sends in any sliding window of {@code nanos}. */
  private static int busiestIn(List<Long> sorted, long nanos) {
    int busiest = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (sorted.get(i) - sorted.get(j) >= nanos) {
        j++;
      }
      busiest = Math.max(busiest, i - j + 1);
    }
    return busiest;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
