package com.conecta.hub.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.Hub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * The WhatsApp side of a test: Meta's Graph API faked on a free port (what the hub sends lands in {@link #api()}),
 * the app secret the hub checks webhooks with, and customers that write signed webhooks. Start it before the hub and
 * give the hub {@link #config()}; {@link #wire(Hub)} then lets the fake call the hub back with delivery statuses.
 */
public final class FakeGraph {
  /** The demo company's WhatsApp Ventas number (inbox 1). */
  public static final String VENTAS_NUMBER = "100000000000001";
  public static final String SECRET = "test-app-secret";
  public static final String VERIFY_TOKEN = "verify-me";

  private final Vertx vertx;
  private final FakeWhatsAppCloudApi api;
  private final String secret;
  private final WebClient http;

  private FakeGraph(Vertx vertx, FakeWhatsAppCloudApi api, String secret) {
    this.vertx = vertx;
    this.api = api;
    this.secret = secret;
    this.http = WebClient.create(vertx);
  }

  /** A started fake with the kit's app secret. */
  public static FakeGraph start(Vertx vertx) {
    return start(vertx, SECRET);
  }

  public static FakeGraph start(Vertx vertx, String secret) {
    FakeWhatsAppCloudApi api = new FakeWhatsAppCloudApi(vertx);
    api.start(0).await();
    return new FakeGraph(vertx, api, secret);
  }

  /** The hub's settings that point it at this fake and make it check webhooks with this secret. */
  public JsonObject config() {
    return new JsonObject().put("whatsapp.graph-base-url", api.baseUrl()).put("whatsapp.app-secret", secret)
        .put("whatsapp.verify-token", VERIFY_TOKEN);
  }

  /** Lets the fake send the hub's delivery statuses (sent, delivered, read) back to it, as Meta does. */
  public FakeGraph wire(Hub hub) {
    api.callbacks("http://127.0.0.1:" + hub.port() + "/webhooks/whatsapp", secret);
    return this;
  }

  /** The fake itself: what was sent, to whom, and its failure switches. */
  public FakeWhatsAppCloudApi api() {
    return api;
  }

  public String secret() {
    return secret;
  }

  /** A customer writing to the demo Ventas number of the hub given to {@link #wire(Hub)}. */
  public WhatsAppCustomer customer(String waId, String name) {
    return customer(VENTAS_NUMBER, waId, name);
  }

  public WhatsAppCustomer customer(String phoneNumberId, String waId, String name) {
    return new WhatsAppCustomer(vertx, secret, phoneNumberId, waId, name);
  }

  /** Posts raw bytes as a webhook signed with the secret, as Meta would. */
  public HttpResponse<Buffer> postSigned(int hubPort, byte[] body) {
    return http.post(hubPort, "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(secret, body)).sendBuffer(Buffer.buffer(body)).await();
  }

  /** Posts a webhook payload and checks that the hub took it. */
  public void post(int hubPort, JsonObject payload) {
    HttpResponse<Buffer> res = postSigned(hubPort, payload.toBuffer().getBytes());
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  public void close() {
    // Tolerant: a class may already have closed it itself.
    api.close().otherwiseEmpty().await();
  }
}
