package com.conecta.connectors.sandbox.whatsapp;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Meta's Graph API that speaks its wire format over real HTTP: it accepts sends, mark-as-read and
 * media calls, records what was sent, fails on demand, and calls the hub back with signed status webhooks — as
 * the real one does. Used by the sandbox, the tests and the benchmarks.
 */
public final class FakeWhatsAppCloudApi {
  /** One accepted send; {@code nanoTime} is when its request arrived, as a provider's clock would count it. */
  public record Sent(String wamid, String phoneNumberId, String to, JsonObject body, long nanoTime) {}

  private static final String ARRIVED = "fake.arrivedNanos";

  private record Failure(int httpStatus, int code, String title, long delayMs) {}

  private final Vertx vertx;
  private final WebClient client;
  // Appended at every send (100,000 in a benchmark campaign): a copy-on-write list would copy itself each time.
  private final java.util.Queue<Sent> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
  // Counted apart so that a watcher polling progress does not copy the whole queue (a benchmark polls every second).
  private final Map<String, java.util.concurrent.atomic.LongAdder> sentPerNumber = new ConcurrentHashMap<>();
  private final List<JsonObject> readMarks = new CopyOnWriteArrayList<>();
  private final Deque<Failure> failures = new ConcurrentLinkedDeque<>();
  private final Map<String, Integer> failingRecipients = new ConcurrentHashMap<>();
  private final Map<String, Buffer> media = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private volatile String callbackUrl;
  private volatile String appSecret;
  private volatile boolean autoRead = true;
  private volatile long statusDelayMs = 50;
  private volatile boolean retryCallbacks;
  private volatile boolean onlySentStatus;
  private volatile Outage outage;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong callbackRetries = new AtomicLong();
  private final AtomicLong callbacksTaken = new AtomicLong();
  private final AtomicLong callbacksAbandoned = new AtomicLong();

  /** Until {@code untilMillis} (epoch) every send answers this error, or (httpStatus 0) accepts after a delay. */
  private record Outage(long untilMillis, Failure failure) {}
  private HttpServer server;
  private int port;
  // Message templates of WhatsApp Business Accounts (issue 25), their review decisions sent as signed webhooks.
  private final FakeMessageTemplates templates;

  public FakeWhatsAppCloudApi(Vertx vertx) {
    this.vertx = vertx;
    // Enough connections that status webhooks keep up with thousands of sends a second instead of queueing.
    this.client = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions(),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    this.templates = new FakeMessageTemplates(vertx, (payload, delay) -> post(payload, delay, 0));
  }

  /** The accounts' message templates (issue 25). */
  public FakeMessageTemplates templates() {
    return templates;
  }

  public Future<Integer> start(int requestedPort) {
    Router router = Router.router(vertx);
    // Stamped before the body is read, so that the fake's own work does not move a send in time.
    router.route().handler(ctx -> {
      ctx.put(ARRIVED, System.nanoTime());
      ctx.next();
    });
    router.route().handler(BodyHandler.create(false).setBodyLimit(100L * 1024 * 1024));
    templates.register(router);
    router.post("/:version/:phoneNumberId/messages").handler(this::messages);
    router.post("/:version/:phoneNumberId/media").handler(this::upload);
    router.get("/media-download/:mediaId").handler(this::download);
    router.get("/:version/:mediaId").handler(this::mediaInfo);
    return vertx.createHttpServer().requestHandler(router).listen(requestedPort, "127.0.0.1").map(s -> {
      server = s;
      port = s.actualPort();
      return port;
    });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Where signed status webhooks go, and the App Secret that signs them; null stops them. */
  public FakeWhatsAppCloudApi callbacks(String webhookUrl, String secret) {
    this.callbackUrl = webhookUrl;
    this.appSecret = secret;
    return this;
  }

  public FakeWhatsAppCloudApi autoRead(boolean read) {
    this.autoRead = read;
    return this;
  }

  public FakeWhatsAppCloudApi statusDelayMs(long ms) {
    this.statusDelayMs = ms;
    return this;
  }

  /** Status webhooks the hub does not answer with 2xx are posted again with backoff, as Meta does. */
  public FakeWhatsAppCloudApi retryCallbacks(boolean retry) {
    this.retryCallbacks = retry;
    return this;
  }

  /** Calls back only the "sent" status (fewer webhooks for large runs). */
  public FakeWhatsAppCloudApi onlySentStatus(boolean only) {
    this.onlySentStatus = only;
    return this;
  }

  /** For the next {@code millis}, every send answers this error (e.g. 500 with 1, 429 with 130429). */
  public void failFor(long millis, int httpStatus, int code, String title) {
    outage = new Outage(System.currentTimeMillis() + millis, new Failure(httpStatus, code, title, 0));
  }

  /** For the next {@code millis}, every send is accepted only after {@code delayMs} (time-outs at the caller). */
  public void delayFor(long millis, long delayMs) {
    outage = new Outage(System.currentTimeMillis() + millis, new Failure(0, 0, null, delayMs));
  }

  /** Send requests received, accepted or not. */
  public long requests() {
    return requests.get();
  }

  /** Send requests answered with an injected error. */
  public long refused() {
    return refused.get();
  }

  /** Status webhooks the hub answered 2xx, and those given up on. */
  public long[] callbacksTakenAndAbandoned() {
    return new long[] {callbacksTaken.get(), callbacksAbandoned.get()};
  }

  /** Status webhooks posted again after the hub did not take them. */
  public long callbackRetries() {
    return callbackRetries.get();
  }

  /** The next {@code count} sends answer this error (e.g. 429 with 130429, 500 with 1). */
  public void failNext(int count, int httpStatus, int code, String title) {
    for (int i = 0; i < count; i++) {
      failures.add(new Failure(httpStatus, code, title, 0));
    }
  }

  /** The next {@code count} sends answer only after a delay (to cause time-outs). */
  public void delayNext(int count, long delayMs) {
    for (int i = 0; i < count; i++) {
      failures.add(new Failure(0, 0, null, delayMs));
    }
  }

  /** Sends to this recipient are accepted, then fail asynchronously with this code (e.g. 131026). */
  public void failRecipient(String waId, int code) {
    failingRecipients.put(waId, code);
  }

  public void putMedia(String mediaId, Buffer bytes) {
    media.put(mediaId, bytes);
  }

  private volatile boolean keepBodies = true;

  /**
   * Whether each send's body is kept for inspection (by default). A benchmark of 100,000 sends turns it off: the bodies
   * would be the fake's live heap, and its garbage-collection pauses would bunch the arrival times it measures.
   */
  public FakeWhatsAppCloudApi keepBodies(boolean keep) {
    this.keepBodies = keep;
    return this;
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** How many sends a phone number id has made, without copying them. */
  public long sentCount(String phoneNumberId) {
    var n = sentPerNumber.get(phoneNumberId);
    return n == null ? 0 : n.sum();
  }

  public List<Sent> sentTo(String to) {
    return sent.stream().filter(s -> to.equals(s.to())).toList();
  }

  public List<JsonObject> readMarks() {
    return List.copyOf(readMarks);
  }

  public void reset() {
    sent.clear();
    sentPerNumber.clear();
    readMarks.clear();
    failures.clear();
    failingRecipients.clear();
  }

  private void messages(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 8) {
      error(ctx, 401, 190, "Invalid OAuth access token");
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !"whatsapp".equals(body.getString("messaging_product"))) {
      error(ctx, 400, 100, "Invalid parameter");
      return;
    }
    if ("read".equals(body.getString("status"))) {
      readMarks.add(body);
      ctx.json(new JsonObject().put("success", true));
      return;
    }
    requests.incrementAndGet();
    String notApproved = templates.sendRefusal(body);
    if (notApproved != null) {
      error(ctx, 404, 132001, notApproved);
      return;
    }
    Outage o = outage;
    Failure f = o != null && System.currentTimeMillis() < o.untilMillis() ? o.failure() : failures.poll();
    JsonObject request = body;
    if (f != null && f.delayMs() > 0) {
      vertx.setTimer(f.delayMs(), t -> accept(ctx, request));
      return;
    }
    if (f != null) {
      refused.incrementAndGet();
      error(ctx, f.httpStatus(), f.code(), f.title());
      return;
    }
    accept(ctx, request);
  }

  private void accept(RoutingContext ctx, JsonObject body) {
    String phoneNumberId = ctx.pathParam("phoneNumberId");
    String to = body.getString("to", body.getString("recipient"));
    String wamid = "wamid.FAKE" + counter.incrementAndGet() + "." + UUID.randomUUID().toString().substring(0, 8);
    sent.add(new Sent(wamid, phoneNumberId, to, keepBodies ? body : null, ctx.<Long>get(ARRIVED, System.nanoTime())));
    sentPerNumber.computeIfAbsent(phoneNumberId, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    // Accepted is accepted: the status webhooks follow even when the caller is gone before it reads the answer
    // (a time-out, a killed node), as with Meta.
    Integer failCode = failingRecipients.get(to);
    String opaque = body.getString("biz_opaque_callback_data");
    if (failCode != null) {
      callback(phoneNumberId, wamid, to, "failed", failCode, "Message undeliverable", statusDelayMs, opaque);
    } else {
      callback(phoneNumberId, wamid, to, "sent", null, null, statusDelayMs, opaque);
      if (!onlySentStatus) {
        callback(phoneNumberId, wamid, to, "delivered", null, null, statusDelayMs * 2, opaque);
        if (autoRead) {
          callback(phoneNumberId, wamid, to, "read", null, null, statusDelayMs * 3, opaque);
        }
      }
    }
    try {
      ctx.json(new JsonObject().put("messaging_product", "whatsapp")
          .put("contacts", new JsonArray().add(new JsonObject().put("input", to).put("wa_id", to)))
          .put("messages", new JsonArray().add(new JsonObject().put("id", wamid))));
    } catch (IllegalStateException closed) {
      // the caller hung up; the send stands
    }
  }

  private void callback(String phoneNumberId, String wamid, String to, String status, Integer code, String title,
      long delayMs, String opaque) {
    Buffer payload = WhatsAppPayloads.status(phoneNumberId, wamid, to, status, code, title, opaque).toBuffer();
    post(payload, Math.max(1, delayMs), 0);
  }

  /** Posts a signed status webhook to the hub, as Meta does after a send. */
  public void callback(String phoneNumberId, String wamid, String to, String status, Integer code, String title, long delayMs) {
    Buffer payload = WhatsAppPayloads.status(phoneNumberId, wamid, to, status, code, title).toBuffer();
    post(payload, Math.max(1, delayMs), 0);
  }

  /** Posts to the current callback URL; with retries on, a refusal or no answer is posted again later. */
  private void post(Buffer payload, long delayMs, int attempt) {
    vertx.setTimer(delayMs, t -> {
      String url = callbackUrl;
      String secret = appSecret;
      if (url == null || secret == null) {
        return;
      }
      client.postAbs(url).timeout(30_000)
          .putHeader("content-type", "application/json")
          .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(secret, payload.getBytes()))
          .sendBuffer(payload)
          .onComplete(ar -> {
            boolean taken = ar.succeeded() && ar.result().statusCode() / 100 == 2;
            if (taken) {
              callbacksTaken.incrementAndGet();
            } else if (retryCallbacks && attempt < 40) {
              callbackRetries.incrementAndGet();
              post(payload, Math.min(5_000, 200L << Math.min(attempt, 5)), attempt + 1);
            } else {
              callbacksAbandoned.incrementAndGet();
            }
          });
    });
  }

  private void upload(RoutingContext ctx) {
    String id = "media-" + counter.incrementAndGet();
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    media.put(id, Buffer.buffer(bytes));
    ctx.json(new JsonObject().put("id", id));
  }

  private void mediaInfo(RoutingContext ctx) {
    String id = ctx.pathParam("mediaId");
    Buffer bytes = media.get(id);
    if (bytes == null) {
      error(ctx, 404, 100, "Unsupported get request");
      return;
    }
    ctx.json(new JsonObject().put("messaging_product", "whatsapp").put("id", id).put("mime_type", "image/png")
        .put("sha256", "").put("file_size", bytes.length()).put("url", baseUrl() + "/media-download/" + id));
  }

  private void download(RoutingContext ctx) {
    Buffer bytes = media.get(ctx.pathParam("mediaId"));
    String auth = ctx.request().getHeader("Authorization");
    if (bytes == null || auth == null || !auth.startsWith("Bearer ")) {
      ctx.response().setStatusCode(bytes == null ? 404 : 401).end();
      return;
    }
    ctx.response().putHeader("content-type", "image/png").end(bytes);
  }

  private static void error(RoutingContext ctx, int status, int code, String title) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(new JsonObject()
        .put("error", new JsonObject().put("message", "(#" + code + ") " + title).put("type", "OAuthException")
            .put("code", code).put("error_data", new JsonObject().put("messaging_product", "whatsapp")
                .put("details", title)).put("fbtrace_id", "Fake" + code)).encode());
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public List<Sent> sentSnapshot() {
    return new ArrayList<>(sent);
  }
}
