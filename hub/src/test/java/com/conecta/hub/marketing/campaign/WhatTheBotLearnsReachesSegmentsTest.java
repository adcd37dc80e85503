package com.conecta.hub.marketing.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Await;
import com.conecta.hub.support.FakeGraphTestBase;
import io.vertx.core.json.JsonObject;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 21 item 8: what the bot learns about a prospect is on the contact, where campaign segments look")
class WhatTheBotLearnsReachesSegmentsTest extends FakeGraphTestBase {
  @Override
  protected JsonObject moreConfig() {
    return new JsonObject().put("bot.enabled", "true");
  }

  private void sayAndWait(String waId, String text) throws InterruptedException {
    int before = fake.sentTo(waId).size();
    graph.customer(waId, "Pedro").text(hub.port(), text);
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
