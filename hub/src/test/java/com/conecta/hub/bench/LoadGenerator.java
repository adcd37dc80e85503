package com.conecta.hub.bench;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's load generator, run in its own JVM (started by {@link HubBenchmarkTest}) so that it never shares
 * a heap, a JIT or event loops with the hub. It reads one JSON command per line on stdin and answers one
 * {@code RESULT {...}} line on stdout.
 *
 * <p>Open model: request i is due at {@code start + i / rate}; its latency is measured from that intended time, not
 * from when it actually left, so a hub that stalls is charged for the whole queue behind the stall (no coordinated
 * omission). Webhooks are real Cloud API bodies (the shapes of ../shared/fixtures: text, image, audio, document,
 * video, sticker, location, contacts, button and list replies), signed with X-Hub-Signature-256.
 */
public final class LoadGenerator {
  private static final long TIMEOUT_MS = 10_000;
  private static final String[] TEXTS = {
      "Hola, quisiera una cotización para un equipo de aire acondicionado de 12000 BTU",
      "buenas tardes, ¿tienen cámaras de seguridad para un local en Maipú?",
      "necesito que venga un técnico el jueves, el equipo gotea agua",
      "el internet no funciona desde ayer en la oficina de Providencia",
      "¿dónde viene mi pedido 12345? me dijeron que llegaba hoy",
      "ya hice la transferencia de la factura 3344, les envío el comprobante",
      "quiero hablar con una persona por favor",
      "ok gracias", "hola", "👍", "sí, me interesa",
      "mi RUT es 12.345.678-5 y el presupuesto es de 2 millones aprox",
      "Hi, I need a quote for 4 cameras and an NVR for a warehouse in Quilicura",
      "¿Cuál es el horario de atención el sábado?",
      "Les escribo por la mantención anual de los equipos de la clínica, son 14 splits de 18000 BTU "
          + "instalados en 2021; necesitamos coordinar la visita antes de fin de mes y una cotización de repuestos",
      "no me manden más promociones"};
  /** Fixture shape → weight in the mix (realistic traffic is mostly text). */
  private static final Map<String, Integer> MIX = Map.of("text.json", 58, "image.json", 8, "audio-voice.json", 7,
      "document.json", 5, "video-with-caption.json", 3, "sticker.json", 3, "location.json", 4, "contacts.json", 3,
      "interactive-button-reply.json", 5, "interactive-list-reply.json", 4);

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http;
  private final int port;
  private final String secret;
  private final String phoneNumberId;
  private final int contacts;
  private final List<String> mediaIds;
  private final List<JsonObject> shapes = new ArrayList<>();
  /** The text shape alone, for the run that measures the hub's CPU per text message. */
  private final JsonObject textShape;
  /** A delivery receipt (Cloud API {@code statuses}), for the status-receipt run. */
  private final JsonObject statusShape;
  private final PrintStream out;
  private final List<Stream> streams = new ArrayList<>();

  private LoadGenerator(JsonObject cfg, PrintStream out) throws Exception {
    this.out = out;
    this.port = cfg.getInteger("port");
    this.secret = cfg.getString("secret");
    this.phoneNumberId = cfg.getString("phoneNumberId");
    this.contacts = cfg.getInteger("contacts");
    this.mediaIds = cfg.getJsonArray("mediaIds").stream().map(String::valueOf).toList();
    Path fixtures = Path.of(cfg.getString("fixtures"));
    MIX.forEach((file, weight) -> {
      try {
        JsonObject shape = new JsonObject(Files.readString(fixtures.resolve(file)));
        for (int i = 0; i < weight; i++) {
          shapes.add(shape);
        }
      } catch (Exception e) {
        throw new IllegalStateException("fixture " + file, e);
      }
    });
    textShape = new JsonObject(Files.readString(fixtures.resolve("text.json")));
    statusShape = new JsonObject(Files.readString(fixtures.resolveSibling("status").resolve("delivered-cbp.json")));
    http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
  }

  public static void main(String[] args) throws Exception {
    // Results go to the real stdout; everything else (library logging) to stderr.
    PrintStream results = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    LoadGenerator gen = new LoadGenerator(new JsonObject(args[0]), results);
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
          case "sse-open" -> gen.openStreams(cmd);
          case "sse-run" -> gen.liveDelivery(cmd);
          case "sse-close" -> gen.closeStreams();
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

  /** One realistic signed webhook body; wamid is unique per run and tag. */
  private Buffer webhook(SplittableRandom rnd, String wamid) {
    return webhook(rnd, wamid, shapes.get(rnd.nextInt(shapes.size())));
  }

  private Buffer webhook(SplittableRandom rnd, String wamid, JsonObject shape) {
    JsonObject body = shape.copy();
    JsonObject value = body.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0)
        .getJsonObject("value");
    value.getJsonObject("metadata").put("phone_number_id", phoneNumberId).put("display_phone_number", "56950000000");
    int c = rnd.nextInt(contacts);
    String waId = "569" + (20_000_000 + c);
    value.getJsonArray("contacts").getJsonObject(0).put("wa_id", waId)
        .put("profile", new JsonObject().put("name", "Cliente " + c));
    JsonObject m = value.getJsonArray("messages").getJsonObject(0);
    m.put("from", waId).put("id", wamid).put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    String type = m.getString("type");
    switch (type) {
      case "text" -> m.getJsonObject("text").put("body", TEXTS[rnd.nextInt(TEXTS.length)]);
      case "image", "audio", "document", "video", "sticker" ->
          m.getJsonObject(type).put("id", mediaIds.get(rnd.nextInt(mediaIds.size())));
      default -> { }
    }
    return body.toBuffer();
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
   * {@code textOnly} sends text messages only (the run that measures the hub's CPU per text message).
   */
  private JsonObject webhooks(JsonObject cmd) throws InterruptedException {
    double rate = cmd.getDouble("rate");
    int n = (int) Math.round(rate * cmd.getDouble("seconds"));
    String tag = cmd.getString("tag");
    boolean textOnly = cmd.getBoolean("textOnly", false);
    SplittableRandom rnd = new SplittableRandom(tag.hashCode());
    Buffer[] bodies = new Buffer[n];
    for (int i = 0; i < n; i++) {
      String wamid = "wamid.bench." + tag + "." + i;
      bodies[i] = textOnly ? webhook(rnd, wamid, textShape) : webhook(rnd, wamid);
    }
    return atRate(bodies, rate);
  }

  /**
   * Delivery receipts ({@code sent}, then {@code delivered}, then {@code read}) for the messages
   * {@code wamid.bench.<ofTag>.0 .. count-1}, at {@code rate} per second for {@code seconds}: the receipts that a
   * number's sends bring back, about three per message.
   */
  private JsonObject statuses(JsonObject cmd) throws InterruptedException {
    double rate = cmd.getDouble("rate");
    int n = (int) Math.round(rate * cmd.getDouble("seconds"));
    String ofTag = cmd.getString("ofTag");
    int count = Math.max(1, cmd.getInteger("count"));
    String[] steps = {"sent", "delivered", "read"};
    Buffer[] bodies = new Buffer[n];
    for (int i = 0; i < n; i++) {
      JsonObject body = statusShape.copy();
      JsonObject value = body.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0)
          .getJsonObject("value");
      value.getJsonObject("metadata").put("phone_number_id", phoneNumberId).put("display_phone_number", "56950000000");
      value.getJsonArray("statuses").getJsonObject(0).put("id", "wamid.bench." + ofTag + "." + (i % count))
          .put("status", steps[Math.min(2, i / count)]).put("recipient_id", "569" + (20_000_000 + i % contacts))
          .put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
      bodies[i] = body.toBuffer();
    }
    return atRate(bodies, rate);
  }

  /** Posts the bodies at {@code rate} per second (open model); latency from each one's intended send time. */
  private JsonObject atRate(Buffer[] bodies, double rate) throws InterruptedException {
    int n = bodies.length;
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
      post(bodies[i]).onComplete(ar -> {
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

  private static void waitUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private static JsonObject summary(long[] nanos, int count) {
    long[] sorted = Arrays.copyOf(nanos, nanos.length);
    Arrays.sort(sorted);
    return new JsonObject().put("count", count).put("p50", pct(sorted, .50)).put("p90", pct(sorted, .90))
        .put("p99", pct(sorted, .99)).put("p999", pct(sorted, .999))
        .put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** One agent's open event stream; arrival times of message.created events by provider message id. */
  private static final class Stream {
    final int index;
    final StringBuilder pending = new StringBuilder();
    HttpClientResponse response;

    Stream(int index) {
      this.index = index;
    }
  }

  private HttpClient sseClient;
  private final Map<String, long[]> arrivals = new ConcurrentHashMap<>();
  private final AtomicLong duplicateEvents = new AtomicLong();

  private JsonObject openStreams(JsonObject cmd) throws Exception {
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
            s.response = res;
            res.handler(buf -> onStreamData(s, buf));
            return res.statusCode();
          }));
    }
    Future.join(opened).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    long good = opened.stream().filter(f -> f.succeeded() && f.result() == 200).count();
    return new JsonObject().put("opened", good).put("asked", cookies.size());
  }

  private static final String KEY = "\"providerMessageId\":\"";

  private void onStreamData(Stream s, Buffer buf) {
    long now = System.nanoTime();
    synchronized (s.pending) {
      s.pending.append(buf.toString(StandardCharsets.UTF_8));
      int end;
      while ((end = s.pending.indexOf("\n\n")) >= 0) {
        String block = s.pending.substring(0, end);
        s.pending.delete(0, end + 2);
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
  private JsonObject liveDelivery(JsonObject cmd) throws InterruptedException {
    double rate = cmd.getDouble("rate");
    int n = (int) Math.round(rate * cmd.getDouble("seconds"));
    String tag = cmd.getString("tag");
    SplittableRandom rnd = new SplittableRandom(tag.hashCode());
    int agents = streams.size();
    String[] wamids = new String[n];
    Buffer[] bodies = new Buffer[n];
    for (int i = 0; i < n; i++) {
      wamids[i] = "wamid.bench." + tag + "." + i;
      bodies[i] = webhook(rnd, wamids[i]);
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
      post(bodies[i]).onComplete(ar -> {
        if (ar.succeeded() && ar.result().statusCode() == 200) {
          answered[idx] = System.nanoTime();
          ok.incrementAndGet();
        }
        done.countDown();
      });
    }
    done.await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
    Thread.sleep(2_000); // the last events' time to arrive
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
    return res.put("messages", n).put("ok", ok.get()).put("agents", agents).put("expectedEvents", (long) ok.get() * agents)
        .put("receivedEvents", count).put("missingEvents", missing).put("duplicateEvents", duplicateEvents.get())
        .put("eventBefore200", early).put("rate", rate);
  }

  private JsonObject closeStreams() {
    if (sseClient != null) {
      sseClient.close();
    }
    int n = streams.size();
    streams.clear();
    arrivals.clear();
    return new JsonObject().put("closed", n);
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
