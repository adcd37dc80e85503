package com.conecta.hub.whatsapp;

import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A hub wired to a fake Graph API, with the fixtures' app secret, and a way to post signed webhooks. */
abstract class WhatsAppTestBase extends HubTestBase {
  static final String SECRET = "test-app-secret";
  static final String VERIFY = "verify-me";
  protected FakeWhatsAppCloudApi fake;
  protected WebClient http;

  @Override
  protected JsonObject extraConfig() {
    fake = new FakeWhatsAppCloudApi(vertx);
    fake.start(0).await();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.verify-token", VERIFY)
        .put("whatsapp.graph-base-url", fake.baseUrl());
  }

  @BeforeAll
  void wireCallbacks() {
    fake.callbacks("http://127.0.0.1:" + hub.port() + "/webhooks/whatsapp", SECRET).statusDelayMs(30);
    http = WebClient.create(vertx);
  }

  @AfterAll
  void stopFake() {
    fake.close().await();
  }

  protected HttpResponse<Buffer> postSigned(byte[] body) {
    return http.post(hub.port(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body)).sendBuffer(Buffer.buffer(body)).await();
  }

  protected HttpResponse<Buffer> postWithHeader(byte[] body, String header) {
    var req = http.post(hub.port(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json");
    if (header != null) {
      req.putHeader("X-Hub-Signature-256", header);
    }
    return req.sendBuffer(Buffer.buffer(body)).await();
  }

  protected long whatsappInbox(String phoneNumberId, long teamId) {
    return admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA " + phoneNumberId).put("channel", "whatsapp")
        .put("channelAccountId", phoneNumberId).put("teamId", teamId)
        .put("settings", new JsonObject().put("accessToken", "token-" + phoneNumberId))).bodyAsJsonObject().getLong("id");
  }
}
