package com.conecta.hub.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.hub.support.Fixtures;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The WhatsApp webhook refuses what it should, stores nothing, and counts it")
class WhatsAppWebhookSecurityTest extends WhatsAppTestBase {

  private long stored() {
    return count("select count(*) from messages");
  }

  @Test
  @DisplayName("the verification handshake echoes the challenge only for the right token")
  void handshake() {
    var ok = http.get(hub.port(), "127.0.0.1", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VERIFY
        + "&hub.challenge=1158201444").send().await();
    assertEquals(200, ok.statusCode());
    assertEquals("1158201444", ok.bodyAsString());
    assertEquals(403, http.get(hub.port(), "127.0.0.1", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope"
        + "&hub.challenge=1").send().await().statusCode());
    assertEquals(403, http.get(hub.port(), "127.0.0.1", "/webhooks/whatsapp").send().await().statusCode());
  }

  @Test
  @DisplayName("forged, missing or stale signatures get 401; truncated or non-JSON bodies 400; unknown numbers 404")
  void refusals() {
    byte[] good = WhatsAppPayloads.text("100000000000001", "56911112222", "Ana", "wamid.sec-1", "hola").toBuffer().getBytes();
    long before = stored();
    assertEquals(401, postWithHeader(good, null).statusCode());
    assertEquals(401, postWithHeader(good, "sha256=" + "0".repeat(64)).statusCode());
    byte[] tampered = new String(good, StandardCharsets.UTF_8).replace("hola", "chao").getBytes(StandardCharsets.UTF_8);
    assertEquals(401, postWithHeader(tampered, com.conecta.connectors.whatsapp.WhatsAppSignature.sign(SECRET, good))
        .statusCode());
    assertEquals(401, postWithHeader(good, com.conecta.connectors.whatsapp.WhatsAppSignature.sign("other", good))
        .statusCode());
    assertEquals(400, postSigned(Arrays.copyOf(good, good.length / 2)).statusCode(), "truncated JSON");
    assertEquals(400, postSigned("not json".getBytes()).statusCode());
    assertEquals(400, postSigned("{\"object\":\"page\",\"entry\":[]}".getBytes()).statusCode());
    assertEquals(400, postSigned("{\"object\":\"whatsapp_business_account\",\"entry\":5}".getBytes()).statusCode());
    var unknown = postSigned(WhatsAppPayloads.text("999", "56911112222", "Ana", "wamid.sec-2", "hola").toBuffer().getBytes());
    assertEquals(404, unknown.statusCode());
    assertEquals("unknown_phone_number_id", unknown.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(before, stored(), "nothing stored from any refused POST");
    String metrics = http.get(hub.port(), "127.0.0.1", "/metrics").send().await().bodyAsString();
    assertTrue(metrics.contains("conecta_whatsapp_webhooks_total{result=\"bad_signature\"} 4.0"), metrics);
    assertTrue(metrics.contains("conecta_whatsapp_webhooks_total{result=\"malformed_payload\"}"));
  }

  @Test
  @DisplayName("a body over the size limit is refused with 413 and stores nothing")
  void oversized() {
    long before = stored();
    byte[] huge = ("{\"object\":\"whatsapp_business_account\",\"x\":\"" + "a".repeat(4 * 1024 * 1024) + "\"}").getBytes();
    var res = http.post(hub.port(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(huge)).await();
    assertEquals(413, res.statusCode());
    assertEquals(before, stored());
  }

  @Test
  @DisplayName("one POST carrying a message for a known and one for an unknown number stores neither")
  void mixedPostIsAllOrNothing() {
    long before = stored();
    var known = WhatsAppPayloads.text("100000000000001", "56911113333", "Ana", "wamid.mix-1", "hola");
    var other = WhatsAppPayloads.text("424242", "56911113333", "Ana", "wamid.mix-2", "hola");
    known.getJsonArray("entry").add(other.getJsonArray("entry").getValue(0));
    assertEquals(404, postSigned(known.toBuffer().getBytes()).statusCode());
    assertEquals(before, stored());
    Fixtures.root();
  }
}
