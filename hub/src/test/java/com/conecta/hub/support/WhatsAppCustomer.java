package com.conecta.hub.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A customer writing to a hub's WhatsApp number: signed Cloud API webhooks of any message type. */
public final class WhatsAppCustomer {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final Vertx vertx;
  private final String secret;
  private final String phoneNumberId;
  public final String waId;
  private final String name;

  public WhatsAppCustomer(Vertx vertx, String secret, String phoneNumberId, String waId, String name) {
    this.vertx = vertx;
    this.secret = secret;
    this.phoneNumberId = phoneNumberId;
    this.waId = waId;
    this.name = name;
  }

  private static String wamid() {
    return "wamid.t-" + System.nanoTime() + "-" + SEQ.incrementAndGet();
  }

  public void text(int port, String body) {
    post(port, WhatsAppPayloads.text(phoneNumberId, waId, name, wamid(), body));
  }

  /** A tap on an interactive button the hub sent (id is the button's payload). */
  public void button(int port, String id, String title) {
    post(port, WhatsAppPayloads.buttonReply(phoneNumberId, waId, name, wamid(), null, id, title));
  }

  /** A tap on a template's quick-reply button. */
  public void quickReply(int port, String payload, String text) {
    post(port, withMessage(new JsonObject().put("type", "button")
        .put("button", new JsonObject().put("payload", payload).put("text", text))));
  }

  public void sticker(int port) {
    post(port, withMessage(new JsonObject().put("type", "sticker").put("sticker", new JsonObject()
        .put("id", "sticker-" + SEQ.incrementAndGet()).put("mime_type", "image/webp").put("sha256", "x")
        .put("animated", false))));
  }

  private JsonObject withMessage(JsonObject message) {
    JsonObject payload = WhatsAppPayloads.text(phoneNumberId, waId, name, wamid(), "x");
    JsonObject m = payload.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0)
        .getJsonObject("value").getJsonArray("messages").getJsonObject(0);
    m.remove("text");
    m.remove("type");
    message.forEach(e -> m.put(e.getKey(), e.getValue()));
    return payload;
  }

  public void post(int port, JsonObject payload) {
    Buffer body = payload.toBuffer();
    var res = WebClient.create(vertx).post(port, "127.0.0.1", "/webhooks/whatsapp")
        .putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(secret, body.getBytes())).sendBuffer(body).await();
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  /** Polls a condition up to {@link Await#DEFAULT_TIMEOUT} (new tests use {@link Await} itself). */
  public static boolean eventually(BooleanSupplier c) throws InterruptedException {
    return Await.holds(c);
  }
}
