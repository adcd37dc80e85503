package com.conecta.hub.channels.whatsapp;

import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.FakeGraph;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.BeforeAll;

/**
 * A hub wired to a fake Graph API, with the fixtures' app secret, and a way to post signed webhooks: the public
 * {@link FakeGraph} of the test kit, kept under its old names for the tests of this package.
 */
abstract class WhatsAppTestBase extends HubTestBase {
  static final String SECRET = FakeGraph.SECRET;
  static final String VERIFY = FakeGraph.VERIFY_TOKEN;
  protected FakeWhatsAppCloudApi fake;
  protected WebClient http;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph().api();
    return graph.config();
  }

  @BeforeAll
  void wireCallbacks() {
    graph.wire(hub);
    fake.statusDelayMs(30);
    http = WebClient.create(vertx);
  }

  protected HttpResponse<Buffer> postSigned(byte[] body) {
    return graph.postSigned(hub.port(), body);
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
