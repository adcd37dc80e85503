package com.conecta.hub.foundation.sandbox;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.messaging.inbox.InboxService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;

/**
 * The sandbox phone (only in sandbox mode): a person chats as a customer with a demo WhatsApp inbox. What they type
 * travels as a signed Cloud API webhook through the real connector path; what the hub sends them is read back from
 * the fake Graph API it sent to.
 */
public final class SandboxPhoneRoutes {
  private final FakeWhatsAppCloudApi fake;
  private final InboxService inboxes;
  private final WebClient client;
  private final String appSecret;
  /** Asked at each send: the port is known only once the HTTP verticles listen, after the routes are registered. */
  private final java.util.function.IntSupplier hubPort;

  public SandboxPhoneRoutes(FakeWhatsAppCloudApi fake, InboxService inboxes, WebClient client, String appSecret,
      java.util.function.IntSupplier hubPort) {
    this.fake = fake;
    this.inboxes = inboxes;
    this.client = client;
    this.appSecret = appSecret;
    this.hubPort = hubPort;
  }

  public void register(Router router) {
    router.route("/sandbox/api/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/sandbox/api/inboxes").handler(this::inboxes);
    router.post("/sandbox/api/messages").handler(this::send);
    router.get("/sandbox/api/messages").handler(this::received);
    router.get("/sandbox").handler(ctx -> ctx.redirect("/sandbox/index.html"));
  }

  private void inboxes(RoutingContext ctx) {
    inboxes.byChannel("whatsapp").onSuccess(list -> {
      JsonArray items = new JsonArray();
      list.forEach(i -> items.add(new JsonObject().put("name", i.name()).put("phoneNumberId", i.channelAccountId())
          .put("displayPhoneNumber", i.settings().getString("displayPhoneNumber"))));
      ctx.json(new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  private void send(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || body.getString("phoneNumberId") == null || body.getString("waId") == null
        || !body.getString("waId").matches("[0-9]{8,15}")) {
      ctx.response().setStatusCode(422).putHeader("content-type", "application/json").end(new JsonObject()
          .put("error", new JsonObject().put("code", "invalid_field").put("message", "phoneNumberId and a waId of 8 to 15 digits are required")
              .put("field", "waId")).encode());
      return;
    }
    String wamid = "wamid.SANDBOX." + UUID.randomUUID();
    String name = body.getString("name", "Cliente Sandbox");
    JsonObject payload = body.getString("buttonId") != null
        ? WhatsAppPayloads.buttonReply(body.getString("phoneNumberId"), body.getString("waId"), name, wamid,
            body.getString("contextId"), body.getString("buttonId"), body.getString("title", body.getString("buttonId")))
        : WhatsAppPayloads.text(body.getString("phoneNumberId"), body.getString("waId"), name, wamid,
            body.getString("text", ""));
    Buffer raw = payload.toBuffer();
    client.post(hubPort.getAsInt(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(appSecret, raw.getBytes())).sendBuffer(raw)
        .onSuccess(res -> ctx.response().setStatusCode(res.statusCode() == 200 ? 200 : 502)
            .putHeader("content-type", "application/json")
            .end(new JsonObject().put("wamid", wamid).put("webhookStatus", res.statusCode()).encode()))
        .onFailure(ctx::fail);
  }

  private void received(RoutingContext ctx) {
    String waId = ctx.queryParams().get("waId");
    JsonArray items = new JsonArray();
    if (waId != null) {
      fake.sentTo(waId).forEach(s -> items.add(new JsonObject().put("wamid", s.wamid()).put("phoneNumberId", s.phoneNumberId())
          .put("message", s.body())));
    }
    ctx.json(new JsonObject().put("items", items));
  }
}
