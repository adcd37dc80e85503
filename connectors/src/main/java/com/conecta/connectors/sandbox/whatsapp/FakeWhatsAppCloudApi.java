package com.conecta.connectors.sandbox.whatsapp;

import static com.conecta.connectors.sandbox.whatsapp.GraphErrors.error;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Meta's Graph API that speaks its wire format over real HTTP: it accepts sends, mark-as-read and
 * media calls, records what was sent, fails on demand, and calls the hub back with signed status webhooks — as
 * the real one does. Used by the sandbox, the tests and the benchmarks. The send endpoint is here; media
 * ({@link FakeMediaEndpoints}), status webhooks ({@link FakeStatusCallbacks}), injected failures
 * ({@link FakeSendFailures}) and message templates ({@link FakeMessageTemplates}) are classes of their own.
 */
public final class FakeWhatsAppCloudApi {
  /** One accepted send; {@code nanoTime} is when its request arrived, as a provider's clock would count it. */
  public record Sent(String wamid, String phoneNumberId, String to, JsonObject body, long nanoTime) {}

  private static final String ARRIVED = "fake.arrivedNanos";

  private final Vertx vertx;
  // Appended at every send (100,000 in a benchmark campaign): a copy-on-write list would copy itself each time.
  private final java.util.Queue<Sent> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
  // Counted apart so that a watcher polling progress does not copy the whole queue (a benchmark polls every second).
  private final Map<String, java.util.concurrent.atomic.LongAdder> sentPerNumber = new ConcurrentHashMap<>();
  private final List<JsonObject> readMarks = new CopyOnWriteArrayList<>();
  private final AtomicLong counter = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final FakeSendFailures failures = new FakeSendFailures();
  private final FakeStatusCallbacks callbacks;
  private final FakeMediaEndpoints media;
  // Message templates of WhatsApp Business Accounts (issue 25), their review decisions sent as signed webhooks.
  private final FakeMessageTemplates templates;
  private volatile boolean keepBodies = true;
  private HttpServer server;
  private int port;

  public FakeWhatsAppCloudApi(Vertx vertx) {
    this.vertx = vertx;
    this.callbacks = new FakeStatusCallbacks(vertx);
    this.media = new FakeMediaEndpoints(() -> "media-" + counter.incrementAndGet(), this::baseUrl);
    this.templates = new FakeMessageTemplates(vertx, callbacks::post);
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
    media.register(router);
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
    callbacks.to(webhookUrl, secret);
    return this;
  }

  public FakeWhatsAppCloudApi autoRead(boolean read) {
    callbacks.autoRead(read);
    return this;
  }

  public FakeWhatsAppCloudApi statusDelayMs(long ms) {
    callbacks.statusDelayMs(ms);
    return this;
  }

  /** Status webhooks the hub does not answer with 2xx are posted again with backoff, as Meta does. */
  public FakeWhatsAppCloudApi retryCallbacks(boolean retry) {
    callbacks.retry(retry);
    return this;
  }

  /** Calls back only the "sent" status (fewer webhooks for large runs). */
  public FakeWhatsAppCloudApi onlySentStatus(boolean only) {
    callbacks.onlySentStatus(only);
    return this;
  }

  /** For the next {@code millis}, every send answers this error (e.g. 500 with 1, 429 with 130429). */
  public void failFor(long millis, int httpStatus, int code, String title) {
    failures.failFor(millis, httpStatus, code, title);
  }

  /** For the next {@code millis}, every send is accepted only after {@code delayMs} (time-outs at the caller). */
  public void delayFor(long millis, long delayMs) {
    failures.delayFor(millis, delayMs);
  }

  /** The next {@code count} sends answer this error (e.g. 429 with 130429, 500 with 1). */
  public void failNext(int count, int httpStatus, int code, String title) {
    failures.failNext(count, httpStatus, code, title);
  }

  /** The next {@code count} sends answer only after a delay (to cause time-outs). */
  public void delayNext(int count, long delayMs) {
    failures.delayNext(count, delayMs);
  }

  /** Sends to this recipient are accepted, then fail asynchronously with this code (e.g. 131026). */
  public void failRecipient(String waId, int code) {
    failures.failRecipient(waId, code);
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
    return callbacks.takenAndAbandoned();
  }

  /** Status webhooks posted again after the hub did not take them. */
  public long callbackRetries() {
    return callbacks.retries();
  }

  public void putMedia(String mediaId, Buffer bytes) {
    media.put(mediaId, bytes);
  }

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

  public List<Sent> sentSnapshot() {
    return new ArrayList<>(sent);
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
  }

  /** Posts a signed status webhook to the hub, as Meta does after a send. */
  public void callback(String phoneNumberId, String wamid, String to, String status, Integer code, String title, long delayMs) {
    callbacks.status(phoneNumberId, wamid, to, status, code, title, delayMs);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
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
    FakeSendFailures.Failure f = failures.forThisSend();
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
    callbacks.afterSend(phoneNumberId, wamid, to, failures.recipientFailure(to), body.getString("biz_opaque_callback_data"));
    try {
      ctx.json(new JsonObject().put("messaging_product", "whatsapp")
          .put("contacts", new JsonArray().add(new JsonObject().put("input", to).put("wa_id", to)))
          .put("messages", new JsonArray().add(new JsonObject().put("id", wamid))));
    } catch (IllegalStateException closed) {
      // the caller hung up; the send stands
    }
  }
}
