package com.conecta.hub.bench;

import static com.conecta.hub.bench.Latencies.summary;
import static com.conecta.hub.bench.Latencies.waitUntil;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The agents' event streams of the load generator: opened with one session each, then webhooks while they listen, and
 * for each message the time from its 200 to its message.created event in every stream.
 */
final class AgentStreams {
  private static final String KEY = "\"providerMessageId\":\"";
  /** The hub's first frame on a stream, written once it has subscribed the stream to its events. */
  private static final String CONNECTED = ": connected";
  /** An event later than this after the last 200 is counted missing. */
  private static final long LATE_EVENT_MS = 2_000;
  private static final long POLL_MS = 10;

  /** One agent's open event stream. */
  private static final class Stream {
    final int index;
    final StringBuilder pending = new StringBuilder();
    volatile boolean connected;

    Stream(int index) {
      this.index = index;
    }
  }

  private final Vertx vertx;
  private final int port;
  private final long timeoutMs;
  private final WebhookBodies bodies;
  private final Function<Buffer, Future<HttpClientResponse>> post;
  private final List<Stream> streams = new ArrayList<>();
  /** Arrival times of message.created events by provider message id, one slot per stream. */
  private final Map<String, long[]> arrivals = new ConcurrentHashMap<>();
  private final AtomicLong duplicateEvents = new AtomicLong();
  private HttpClient sseClient;

  AgentStreams(Vertx vertx, int port, long timeoutMs, WebhookBodies bodies,
      Function<Buffer, Future<HttpClientResponse>> post) {
    this.vertx = vertx;
    this.port = port;
    this.timeoutMs = timeoutMs;
    this.bodies = bodies;
    this.post = post;
  }

  /** Opens a stream per cookie; answers once every opened stream is connected (or after the time-out). */
  JsonObject open(JsonObject cmd) throws Exception {
    JsonArray cookies = cmd.getJsonArray("cookies");
    sseClient = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(cookies.size() + 10));
    List<Future<Integer>> opened = new ArrayList<>();
    for (int i = 0; i < cookies.size(); i++) {
      Stream s = new Stream(i);
      streams.add(s);
      opened.add(sseClient.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/v1/events")
              .putHeader("cookie", cookies.getString(i)).putHeader("accept", "text/event-stream"))
          .compose(req -> req.send()).map(res -> {
            res.handler(buf -> onData(s, buf));
            return res.statusCode();
          }));
    }
    Future.join(opened).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    long good = opened.stream().filter(f -> f.succeeded() && f.result() == 200).count();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (connected() < good && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MS); // polling the condition: every opened stream has its first frame
    }
    return new JsonObject().put("opened", good).put("asked", cookies.size()).put("connected", connected());
  }

  private long connected() {
    return streams.stream().filter(s -> s.connected).count();
  }

  private void onData(Stream s, Buffer buf) {
    long now = System.nanoTime();
    synchronized (s.pending) {
      s.pending.append(buf.toString(StandardCharsets.UTF_8));
      int end;
      while ((end = s.pending.indexOf("\n\n")) >= 0) {
        String block = s.pending.substring(0, end);
        s.pending.delete(0, end + 2);
        if (block.contains(CONNECTED)) {
          s.connected = true;
        }
        if (!block.startsWith("event: message.created")) {
          continue;
        }
        int k = block.indexOf(KEY);
        if (k < 0) {
          continue;
        }
        int from = k + KEY.length();
        String wamid = block.substring(from, block.indexOf('"', from));
        long[] at = arrivals.get(wamid);
        if (at != null) {
          if (at[s.index] != 0) {
            duplicateEvents.incrementAndGet();
          } else {
            at[s.index] = now;
          }
        }
      }
    }
  }

  /**
   * Webhooks at {@code rate} for {@code seconds} while every stream listens: for each message, the time from its
   * 200 to its message.created event in each agent's stream.
   */
  JsonObject run(JsonObject cmd) throws InterruptedException {
    double rate = cmd.getDouble("rate");
    int n = (int) Math.round(rate * cmd.getDouble("seconds"));
    String tag = cmd.getString("tag");
    SplittableRandom rnd = new SplittableRandom(tag.hashCode());
    int agents = streams.size();
    String[] wamids = new String[n];
    Buffer[] posts = new Buffer[n];
    for (int i = 0; i < n; i++) {
      wamids[i] = "wamid.bench." + tag + "." + i;
      posts[i] = bodies.webhook(rnd, wamids[i], WebhookBodies.DEFAULT_CONTACT_BASE);
      arrivals.put(wamids[i], new long[agents]);
    }
    long[] answered = new long[n];
    long[] intendedAt = new long[n];
    AtomicInteger ok = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    long start = System.nanoTime() + 5_000_000;
    for (int i = 0; i < n; i++) {
      long intended = start + (long) (i * 1e9 / rate);
      intendedAt[i] = intended;
      waitUntil(intended);
      int idx = i;
      post.apply(posts[i]).onComplete(ar -> {
        if (ar.succeeded() && ar.result().statusCode() == 200) {
          answered[idx] = System.nanoTime();
          ok.incrementAndGet();
        }
        done.countDown();
      });
    }
    done.await(timeoutMs + 5_000, TimeUnit.MILLISECONDS);
    awaitEvents(wamids, answered);
    return figures(n, agents, wamids, answered, intendedAt).put("ok", ok.get())
        .put("expectedEvents", (long) ok.get() * agents).put("rate", rate);
  }

  /** Until every answered message's event is in every stream, or the last events' time to arrive is over. */
  private void awaitEvents(String[] wamids, long[] answered) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LATE_EVENT_MS);
    while (System.nanoTime() < deadline && !allArrived(wamids, answered)) {
      Thread.sleep(POLL_MS); // polling the condition
    }
  }

  private boolean allArrived(String[] wamids, long[] answered) {
    for (int i = 0; i < wamids.length; i++) {
      if (answered[i] != 0 && Arrays.stream(arrivals.get(wamids[i])).anyMatch(at -> at == 0)) {
        return false;
      }
    }
    return true;
  }

  private JsonObject figures(int n, int agents, String[] wamids, long[] answered, long[] intendedAt) {
    long[] samples = new long[n * agents];
    long[] fromSend = new long[n * agents];
    long[] webhook = new long[n];
    int answeredCount = 0;
    int count = 0;
    long missing = 0;
    long early = 0;
    for (int i = 0; i < n; i++) {
      if (answered[i] == 0) {
        continue;
      }
      webhook[answeredCount++] = answered[i] - intendedAt[i];
      long[] at = arrivals.get(wamids[i]);
      for (int a = 0; a < agents; a++) {
        if (at[a] == 0) {
          missing++;
        } else {
          fromSend[count] = at[a] - intendedAt[i];
          long d = at[a] - answered[i];
          if (d < 0) {
            early++; // the event reached the stream before the 200 reached the sender
            d = 0;
          }
          samples[count++] = d;
        }
      }
    }
    JsonObject res = summary(Arrays.copyOf(samples, count), count);
    res.put("sendToEvent", summary(Arrays.copyOf(fromSend, count), count))
        .put("webhookLatency", summary(Arrays.copyOf(webhook, answeredCount), answeredCount));
    return res.put("messages", n).put("agents", agents).put("receivedEvents", count).put("missingEvents", missing)
        .put("duplicateEvents", duplicateEvents.get()).put("eventBefore200", early);
  }

  JsonObject close() {
    if (sseClient != null) {
      sseClient.close();
    }
    int n = streams.size();
    streams.clear();
    arrivals.clear();
    return new JsonObject().put("closed", n);
  }
}
