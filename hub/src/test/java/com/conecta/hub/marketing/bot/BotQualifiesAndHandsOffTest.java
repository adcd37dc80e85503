package com.conecta.hub.marketing.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The pre-qualification bot on a WhatsApp inbox")
class BotQualifiesAndHandsOffTest extends HubTestBase {
  private static final String SECRET = "bot-secret";
  private FakeWhatsAppCloudApi fake;
  private int seq;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph(SECRET).api();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl())
        .put("bot.enabled", "true");
  }

  private void say(Hub node, String waId, String text) {
    Buffer body = WhatsAppPayloads.text("100000000000001", waId, "Pedro", "wamid.bot-" + (++seq), text).toBuffer();
    var res = WebClient.create(vertx).post(node.port(), "127.0.0.1", "/webhooks/whatsapp")
        .putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body.getBytes())).sendBuffer(body).await();
    assertEquals(200, res.statusCode());
  }

  private void sayAndWait(Hub node, String waId, String text) throws InterruptedException {
    int before = fake.sentTo(waId).size();
    say(node, waId, text);
    awaitUntil(() -> fake.sentTo(waId).size() > before, "the bot answers '" + text + "'");
  }

  @Test
  @DisplayName("a Spanish prospect is qualified across a hub restart, becomes an A lead and goes to an online agent")
  void qualifiesAcrossARestartAndHandsOff() throws Exception {
    Api ana = signIn("ana@demo.conecta.cl");
    ana.post("/api/v1/presence", new JsonObject().put("availability", "online"));
    String waId = "56977001122";
    sayAndWait(hub, waId, "wena, cuanto sale instalar camaras?");
    sayAndWait(hub, waId, "me llamo Pedro Soto");
    sayAndWait(hub, waId, "empresa");
    Hub other = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, new JsonObject()
        .put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl()).put("bot.enabled", "true"));
    try {
      sayAndWait(other, waId, "76.123.456-0");
      sayAndWait(other, waId, "en Ñuñoa");
      sayAndWait(other, waId, "al tiro porfa");
      say(other, waId, "unos 2 millones");
      awaitUntil(() -> count("select count(*) from leads where priority = 'A'") == 1, "the lead is written");
      JsonObject lead = admin.get("/api/v1/leads?priority=A").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
      assertEquals(90, lead.getInteger("score"));
      assertEquals("seguridad", lead.getString("interestArea"));
      assertEquals("whatsapp", lead.getString("source"));
      assertEquals("Pedro", lead.getJsonObject("answers").getString("name"), "the WhatsApp profile name is known, not asked");
      long conv = lead.getLong("conversationId");
      awaitUntil(() -> admin.get("/api/v1/conversations/" + conv).bodyAsJsonObject().getLong("assigneeId") != null,
          "handed off to an agent");
      assertEquals(2L, admin.get("/api/v1/conversations/" + conv).bodyAsJsonObject().getLong("assigneeId"),
          "Ana is the only Ventas agent online");
      awaitUntil(() -> admin.get("/api/v1/leads/" + lead.getLong("id")).bodyAsJsonObject().getLong("assigneeId") != null,
          "the lead follows the conversation's owner");
      assertEquals(1, count("select count(*) from messages where conversation_id = " + conv
          + " and private and text like 'Prospecto calificado por el bot%'"), "the agent gets the bot's summary");
      assertEquals("handed_off", sql.query("select status from bot_sessions where conversation_id = " + conv).execute()
          .await().iterator().next().getString(0));
      // Count only once the bot's last replies have left the outbox; they may still be on their way.
      awaitUntil(() -> count("select count(*) from outbox o join messages m on m.id = o.message_id where m.conversation_id = "
          + conv + " and o.status not in ('sent', 'failed', 'cancelled')") == 0, "the bot's replies are sent");
      int sent = fake.sentTo(waId).size();
      say(hub, waId, "hola? alguien?");
      awaitReactionsDone();
      awaitOutboxSent();
      assertEquals(sent, fake.sentTo(waId).size(), "once a person has it, the bot is silent");
    } finally {
      other.stop().await();
    }
  }

  @Test
  @DisplayName("'no me manden mas mensajes' opts the contact out with one confirmation; 'quiero hablar con una persona' hands off")
  void optOutAndHumanAgent() throws Exception {
    String out = "56977003344";
    sayAndWait(hub, out, "no me manden mas mensajes");
    assertEquals(1, count("select count(*) from contacts c join contact_identities i on i.contact_id = c.id "
        + "where i.value = '" + out + "' and c.do_not_contact"));
    String human = "56977005566";
    sayAndWait(hub, human, "hola");
    say(hub, human, "quiero hablar con una persona por favor");
    awaitUntil(() -> count("select count(*) from bot_sessions s join conversations c on c.id = s.conversation_id "
        + "join contact_identities i on i.contact_id = c.contact_id where i.value = '" + human
        + "' and s.status = 'handed_off' and s.handoff_reason = 'human_agent'") == 1, "handed off on request");
  }

  @Test
  @DisplayName("POST /api/v1/bot/classify answers language, intent, confidence and entities")
  void classify() {
    var res = admin.post("/api/v1/bot/classify", new JsonObject()
        .put("text", "necesito una visita tecnica para la mantencion del aire, mi correo es ana@frio.cl"));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonObject u = res.bodyAsJsonObject();
    assertEquals("es", u.getString("language"));
    assertEquals("visit_request", u.getString("intent"));
    assertTrue(u.getDouble("confidence") > 0 && u.getDouble("confidence") <= 1);
    assertTrue(u.getJsonArray("entities").stream().anyMatch(e -> "email".equals(((JsonObject) e).getString("type"))));
    assertEquals(422, admin.post("/api/v1/bot/classify", new JsonObject()).statusCode());
    assertEquals(401, new Api(vertx, hub.port()).post("/api/v1/bot/classify", new JsonObject().put("text", "hola"))
        .statusCode());
  }

  @Test
  @DisplayName("outside business hours the bot says when a person will answer and still asks its first question")
  void afterHours() throws Exception {
    io.vertx.core.json.JsonArray never = new io.vertx.core.json.JsonArray().add("00:00").add("00:01");
    JsonObject weekly = new JsonObject();
    for (String d : new String[] {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      weekly.put(d, never);
    }
    var inbox = admin.post("/api/v1/inboxes", new JsonObject().put("name", "Ventas nocturno").put("channel", "whatsapp")
        .put("channelAccountId", "100000000000055").put("teamId", 1).put("settings", new JsonObject()
            .put("accessToken", "t").put("botFlow", "sales").put("businessHours", new JsonObject()
                .put("timeZone", "America/Santiago").put("weekly", weekly))));
    assertEquals(201, inbox.statusCode(), inbox.bodyAsString());
    Buffer body = WhatsAppPayloads.text("100000000000055", "56977009999", "Noche", "wamid.night-1", "hola").toBuffer();
    WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body.getBytes())).sendBuffer(body).await();
    awaitUntil(() -> !fake.sentTo("56977009999").isEmpty(), "the bot answers at night");
    String first = fake.sentTo("56977009999").get(0).body().getJsonObject("text").getString("body");
    assertTrue(first.contains("fuera de horario") && first.contains("a las 00:00"), first);
  }

  /** This class's waits are longer than the kit's default (the bot, big campaigns). */
  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    Await.until(condition, what, java.time.Duration.ofMillis(60000));
  }
}
