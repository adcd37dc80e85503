package com.conecta.hub.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.connectors.twilio.TwilioSignature;
import com.conecta.connectors.sandbox.twilio.FakeTwilioApi;
import com.conecta.hub.support.Fixtures;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Twilio WhatsApp end to end: signed form webhooks in, the SDK out, signed status callbacks back")
class TwilioEndToEndTest extends HubTestBase {
  private static final String TOKEN = "twilio-test-token";
  private FakeTwilioApi fake;
  private int port;
  private WebClient http;

  @Override
  protected JsonObject extraConfig() {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    fake = new FakeTwilioApi(vertx, TOKEN);
    fake.start().await();
    return new JsonObject().put("http.port", port).put("public.base-url", "http://127.0.0.1:" + port)
        .put("twilio.api-base-url", fake.baseUrl());
  }

  @BeforeAll
  void inboxes() {
    http = WebClient.create(vertx);
    for (String number : new String[] {"whatsapp:+14123456789", "whatsapp:+554123456789"}) {
      var res = admin.post("/api/v1/inboxes", new JsonObject().put("name", "Twilio " + number).put("channel", "twilio")
          .put("channelAccountId", number).put("teamId", 1)
          .put("settings", new JsonObject().put("accountSid", "ACtest").put("authToken", TOKEN)));
      assertEquals(201, res.statusCode(), res.bodyAsString());
    }
  }

  @AfterAll
  void stopFake() {
    fake.close().await();
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.trim().split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String formOf(String fixture) {
    String raw = new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
    if (fixture.endsWith(".http")) {
      return raw.substring(raw.indexOf("\n.\n") + 3);
    }
    return raw;
  }

  private int post(String path, Map<String, String> params, String signature) {
    MultiMap body = MultiMap.caseInsensitiveMultiMap();
    params.forEach(body::add);
    var req = http.post(port, "127.0.0.1", path);
    if (signature != null) {
      req.putHeader("X-Twilio-Signature", signature);
    }
    return req.sendForm(body).await().statusCode();
  }

  private int postSigned(String path, Map<String, String> params) {
    return post(path, params, TwilioSignature.sign(TOKEN, "http://127.0.0.1:" + port + path, params));
  }

  @Test
  @DisplayName("the SDK's and the plug's published signature vectors validate; tampered ones do not")
  void signatureVectors() {
    JsonObject java = new JsonObject(new String(Fixtures.bytes("twilio/signature/vector-twilio-java-RequestValidatorTest.json"),
        StandardCharsets.UTF_8));
    Map<String, String> params = new LinkedHashMap<>();
    java.getJsonObject("params").forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
    assertTrue(TwilioSignature.valid(java.getString("authToken"), java.getString("url"), params,
        java.getString("expectedSignature")));
    assertEquals(java.getString("expectedSignature"), TwilioSignature.sign(java.getString("authToken"), java.getString("url"), params));
    JsonObject plug = new JsonObject(new String(Fixtures.bytes("twilio/signature/vector-ex_twilio_webhook-plug_test.json"),
        StandardCharsets.UTF_8));
    Map<String, String> plugParams = form(plug.getString("rawBody"));
    assertTrue(TwilioSignature.valid(plug.getString("authToken"), plug.getString("url"), plugParams,
        plug.getString("expectedSignature")));
    assertFalse(TwilioSignature.valid(plug.getString("authToken"), plug.getString("url"), plugParams,
        plug.getString("invalidSignature")));
  }

  @Test
  @DisplayName("every inbound fixture is stored with its type; forged or missing signatures get 401 and store nothing")
  void inboundFixtures() {
    Map<String, String> expected = Map.of("whatsapp-text.form", "text", "whatsapp-image.form", "image",
        "whatsapp-location.form", "location", "whatsapp-button-payload-call-permission.http", "button_reply");
    for (String file : Fixtures.list("twilio/inbound")) {
      Map<String, String> params = form(formOf(file));
      long before = count("select count(*) from messages");
      assertEquals(401, post("/webhooks/twilio", params, "forged"), file);
      assertEquals(401, post("/webhooks/twilio", params, null), file);
      assertEquals(before, count("select count(*) from messages"));
      assertEquals(200, postSigned("/webhooks/twilio", params), file);
      assertEquals(200, postSigned("/webhooks/twilio", params), "repeat: " + file);
      String type = sql.preparedQuery("select content_type from messages where provider_message_id = $1")
          .execute(io.vertx.sqlclient.Tuple.of(params.get("MessageSid"))).await().iterator().next().getString(0);
      assertEquals(expected.get(file.substring(file.lastIndexOf('/') + 1)), type, file);
    }
    assertEquals(1, count("select count(*) from contact_identities where kind = 'whatsapp' and value = '31612345678'"));
    for (String file : new String[] {"twilio/status/whatsapp-sent.form", "twilio/status/whatsapp-delivered.form"}) {
      assertEquals(200, postSigned("/webhooks/twilio/status", form(formOf(file))), file);
    }
    assertEquals(2, count("select count(*) from delivery_receipts where provider_message_id in "
        + "('SM0cec4ed334e74bcbb64eb8b6684e9654', 'SMdf55df64a2ff4920bb0748193cfbb640')"));
  }

  @Test
  @DisplayName("a reply is sent with the Twilio SDK to the fake; signed status callbacks move it to read")
  void replyThroughTheSdk() throws Exception {
    Map<String, String> params = form(formOf("twilio/inbound/whatsapp-text.form"));
    params.put("MessageSid", "SMreply0000000000000000000000001");
    params.put("From", "whatsapp:+56977778888");
    assertEquals(200, postSigned("/webhooks/twilio", params));
    long conv = sql.query("select conversation_id from messages where provider_message_id = 'SMreply0000000000000000000000001'")
        .execute().await().iterator().next().getLong(0);
    long id = admin.post("/api/v1/conversations/" + conv + "/messages", new JsonObject().put("text", "Hola desde Twilio"))
        .bodyAsJsonObject().getLong("id");
    Await.until(() -> "read".equals(status(id)), "the reply read (status callbacks sent, delivered, read)");
    FakeTwilioApi.Sent sent = fake.sent().stream().filter(s -> "whatsapp:+56977778888".equals(s.params().get("To")))
        .findFirst().orElseThrow();
    assertEquals("whatsapp:+14123456789", sent.params().get("From"));
    assertEquals("Hola desde Twilio", sent.params().get("Body"));
    assertEquals("http://127.0.0.1:" + port + "/webhooks/twilio/status", sent.params().get("StatusCallback"));
  }

  private String status(long id) {
    return sql.query("select status from messages where id = " + id).execute().await().iterator().next().getString(0);
  }
}
