package com.conecta.hub.bench;

import static com.conecta.hub.bench.Latencies.summary;
import static com.conecta.hub.bench.Latencies.waitUntil;

import com.conecta.connectors.whatsapp.WhatsAppSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's load generator, run in its own JVM (started by {@link HubBenchmarkTest}) so that it never shares
 * a heap, a JIT or event loops with the hub. It reads one JSON command per line on stdin and answers one
 * {@code RESULT {...}} line on stdout.
 *
 * <p>Open model: request i is due at {@code start + i / rate}; its latency is measured from that intended time, not
 * from when it actually left, so a hub that stalls is charged for the whole queue behind the stall (no coordinated
 * omission). Webhooks ({@link WebhookBodies}) are signed with X-Hub-Signature-256.
 */
public final class LoadGenerator {
  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http;
  private final String secret;
  private final WebhookBodies bodies;
  private final AgentStreams streams;

  private LoadGenerator(JsonObject cfg) throws Exception {
    int port = cfg.getInteger("port");
    this.secret = cfg.getString("secret");
    this.bodies = new WebhookBodies(cfg);
    http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
    streams = new AgentStreams(vertx, port, TIMEOUT_MS, bodies, this::post);
  }

  public static void main(String[] args) throws Exception {
    // Results go to the real stdout; everything else (library logging) to stderr.
    PrintStream results = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    LoadGenerator gen = new LoadGenerator(new JsonObject(args[0]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    results.println("READY");
    String line;
    while ((line = in.readLine()) != null) {
      JsonObject cmd = new JsonObject(line);
      JsonObject result;
      try {
        result = switch (cmd.getString("cmd")) {
          case "webhooks" -> gen.webhooks(cmd);
          case "statuses" -> gen.statuses(cmd);
          case "sse-open" -> gen.streams.open(cmd);
          case "sse-run" -> gen.streams.run(cmd);
          case "sse-close" -> gen.streams.close();
          case "gets" -> gen.gets(cmd);
          case "exit" -> null;
          default -> new JsonObject().put("error", "unknown command");
        };
      } catch (Exception e) {
        result = new JsonObject().put("error", e.toString());
      }
      if (result == null) {
        break;
      }
      results.println("RESULT " + result.encode());
    }
    gen.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  private Future<HttpClientResponse> post(Buffer body) {
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/webhooks/whatsapp")
            .setTimeout(TIMEOUT_MS).putHeader("content-type", "application/json")
            .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(secret, body.getBytes())))
        .compose(req -> req.send(body))
        .compose(res -> res.body().map(b -> res));
  }

  /**
   * Sends {@code rate} signed webhooks per second for {@code seconds}; latency from each intended send time.
   * {@code textOnly} sends text messages only (the run that measures the hub's CPU per text message);
   * {@code contactBase} picks another pool of customers (the run with the bot on takes customers never seen).
   */
  private JsonObject webhooks(JsonObject cmd) throws InterruptedException {
    double rate = cmd.getDouble("rate");
    int n = (int) Math.round(rate * cmd.getDouble("seconds"));
    String tag = cmd.getString("tag");
    boolean textOnly = cmd.getBoolean("textOnly", false);
    int contactBase = cmd.getInteger("contactBase", WebhookBodies.DEFAULT_CONTACT_BASE);
    SplittableRandom rnd = new SplittableRandom(tag.hashCode());
    Buffer[] posts = new Buffer[n];
    for (int i = 0; i < n; i++) {
      String wamid = "wamid.bench." + tag + "." + i;
      posts[i] = textOnly ? bodies.text(rnd, wamid, contactBase) : bodies.webhook(rnd, wamid, contactBase);
    }
    return atRate(posts, rate);
  }

  /** Delivery receipts of the messages {@code wamid.bench.<ofTag>.0 .. count-1}, at {@code rate} for {@code seconds}. */
  private JsonObject statuses(JsonObject cmd) throws InterruptedException {
    double rate = cmd.getDouble("rate");
    int n = (int) Math.round(rate * cmd.getDouble("seconds"));
    int count = Math.max(1, cmd.getInteger("count"));
    Buffer[] posts = new Buffer[n];
    for (int i = 0; i < n; i++) {
      posts[i] = bodies.receipt(cmd.getString("ofTag"), i, count);
    }
    return atRate(posts, rate);
  }

  /** Posts the bodies at {@code rate} per second (open model); latency from each one's intended send time. */
  private JsonObject atRate(Buffer[] posts, double rate) throws InterruptedException {
    int n = posts.length;
    long[] latency = new long[n];
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(n);
    long start = System.nanoTime() + 5_000_000;
    for (int i = 0; i < n; i++) {
      long intended = start + (long) (i * 1e9 / rate);
      waitUntil(intended);
      int idx = i;
      post(posts[i]).onComplete(ar -> {
        latency[idx] = System.nanoTime() - intended;
        if (ar.succeeded() && ar.result().statusCode() == 200) {
          ok.incrementAndGet();
        } else {
          errors.incrementAndGet();
          statuses.computeIfAbsent(ar.succeeded() ? String.valueOf(ar.result().statusCode())
              : ar.cause().getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
        }
        done.countDown();
      });
    }
    long lastDue = System.nanoTime();
    done.await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
    long end = System.nanoTime();
    JsonObject res = summary(latency, done.getCount() == 0 ? n : (int) (n - done.getCount()));
    JsonObject st = new JsonObject();
    statuses.forEach((k, v) -> st.put(k, v.get()));
    return res.put("sent", n).put("ok", ok.get()).put("errors", errors.get()).put("errorKinds", st)
        .put("targetRate", rate).put("achievedRate", ok.get() / ((end - start) / 1e9))
        .put("sendLagMs", (lastDue - (start + (long) ((n - 1) * 1e9 / rate))) / 1e6);
  }

  /** GETs cycling through {@code paths} at {@code rate} per second, signed in with {@code cookie}. */
  private JsonObject gets(JsonObject cmd) throws InterruptedException {
    double rate = cmd.getDouble("rate");
    int n = (int) Math.round(rate * cmd.getDouble("seconds"));
    List<String> paths = cmd.getJsonArray("paths").stream().map(String::valueOf).toList();
    String cookie = cmd.getString("cookie");
    long[] latency = new long[n];
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    CountDownLatch done = new CountDownLatch(n);
    long start = System.nanoTime() + 5_000_000;
    for (int i = 0; i < n; i++) {
      long intended = start + (long) (i * 1e9 / rate);
      waitUntil(intended);
      int idx = i;
      http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(paths.get(i % paths.size()))
              .setTimeout(TIMEOUT_MS).putHeader("cookie", cookie))
          .compose(req -> req.send()).compose(res -> res.body().map(b -> {
            bytes.addAndGet(b.length());
            return res.statusCode();
          }))
          .onComplete(ar -> {
            latency[idx] = System.nanoTime() - intended;
            if (ar.succeeded() && ar.result() == 200) {
              ok.incrementAndGet();
            } else {
              errors.incrementAndGet();
            }
            done.countDown();
          });
    }
    done.await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
    return summary(latency, n).put("ok", ok.get()).put("errors", errors.get()).put("rate", rate)
        .put("meanBytes", ok.get() == 0 ? 0 : bytes.get() / ok.get());
  }
}
