package com.conecta.hub.marketing.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.HubTestBase;
import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 21 item 8: what the bot learns about a prospect is on the contact, where campaign segments look")
class WhatTheBotLearnsReachesSegmentsTest extends HubTestBase {
  private static final String SECRET = "facts-secret";
  private FakeWhatsAppCloudApi fake;
  private int seq;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph(SECRET).api();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl())
        .put("bot.enabled", "true");
  }

  private void sayAndWait(String waId, String text) throws InterruptedException {
    int before = fake.sentTo(waId).size();
    Buffer body = WhatsAppPayloads.text("100000000000001", waId, "Pedro", "wamid.facts-" + (++seq), text).toBuffer();
    assertEquals(200, WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/webhooks/whatsapp")
        .putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body.getBytes())).sendBuffer(body).await()
        .statusCode());
    awaitUntil(() -> fake.sentTo(waId).size() > before, "the bot answers '" + text + "'");
  }

  @Test
  @DisplayName("a business prospect from Ñuñoa qualified by the bot is found by the segment city Ñuñoa + business")
  void botFactsReachTheSegment() throws Exception {
    JsonObject segment = new JsonObject().put("city", "Ñuñoa").put("accountKind", "business");
    JsonObject ask = new JsonObject().put("inboxId", 1).put("segment", segment);
    assertEquals(0, admin.post("/api/v1/campaigns/audience", ask).bodyAsJsonObject().getLong("count"));

    String waId = "56977005566";
    sayAndWait(waId, "wena, cuanto sale instalar camaras?");
    sayAndWait(waId, "me llamo Pedro Soto");
    sayAndWait(waId, "empresa");
    sayAndWait(waId, "76.123.456-0");
    sayAndWait(waId, "en Ñuñoa");
    sayAndWait(waId, "al tiro porfa");
    sayAndWait(waId, "unos 2 millones");
    awaitUntil(() -> count("select count(*) from leads l join contacts ct on ct.id = l.contact_id "
        + "join contact_identities ci on ci.contact_id = ct.id where ci.value = '" + waId + "'") == 1, "the lead is written");

    assertEquals(1, count("select count(*) from contacts ct join contact_identities ci on ci.contact_id = ct.id "
        + "where ci.value = '" + waId + "' and translate(lower(ct.city), 'ñ', 'n') = 'nunoa' and ct.custom_attributes ->> 'customerType' = 'business'"),
        () -> "city and customer type are on the contact: " + sql.query("select ct.city, ct.custom_attributes, l.answers "
            + "from leads l join contacts ct on ct.id = l.contact_id").execute().await().iterator().next().toJson());
    JsonObject audience = admin.post("/api/v1/campaigns/audience", ask).bodyAsJsonObject();
    assertEquals(1, audience.getLong("count"), "the segment finds the prospect before any conversion: " + audience);
  }

  /** This class's waits are longer than the kit's default (the bot, big campaigns). */
  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    Await.until(condition, what, java.time.Duration.ofMillis(60000));
  }
}
