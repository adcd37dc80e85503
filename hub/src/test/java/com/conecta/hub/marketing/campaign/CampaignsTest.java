package com.conecta.hub.marketing.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Broadcast campaigns")
class CampaignsTest extends HubTestBase {
  private static final String SECRET = "campaign-secret";
  private FakeWhatsAppCloudApi fake;
  private WebClient http;
  private Api marketing;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph(SECRET).api();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl());
  }

  @BeforeAll
  void audience() {
    fake.callbacks("http://127.0.0.1:" + hub.port() + "/webhooks/whatsapp", SECRET).statusDelayMs(20);
    http = WebClient.create(vertx);
    admin.post("/api/v1/users", new JsonObject().put("email", "mkt@demo.conecta.cl").put("name", "Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD));
    marketing = Api.signedIn(vertx, hub.port(), "mkt@demo.conecta.cl", Api.AGENT_PASSWORD);
    for (int i = 0; i < 30; i++) {
      inbound("5697000" + String.format("%04d", i), "Cliente " + i, "wamid.aud-" + i, "hola");
    }
    var contacts = admin.get("/api/v1/contacts?limit=100").bodyAsJsonObject().getJsonArray("items");
    for (Object o : contacts) {
      JsonObject c = (JsonObject) o;
      int n = Integer.parseInt(c.getString("name").replace("Cliente ", ""));
      admin.patch("/api/v1/contacts/" + c.getLong("id"), new JsonObject().put("city", n < 10 ? "Temuco" : "Santiago"));
    }
  }

  private void inbound(String waId, String name, String wamid, String text) {
    Buffer body = WhatsAppPayloads.text("100000000000001", waId, name, wamid, text).toBuffer();
    var res = http.post(hub.port(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body.getBytes())).sendBuffer(body).await();
    assertEquals(200, res.statusCode());
  }

  private JsonObject campaign(String name, JsonObject segment) {
    var res = marketing.post("/api/v1/campaigns", new JsonObject().put("name", name).put("inboxId", 1)
        .put("template", new JsonObject().put("name", "promocion_general").put("language", "es"))
        .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "20%")))
        .put("segment", segment));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  @Test
  @DisplayName("audience count and preview before launch; each contact of the segment gets exactly one template")
  void launchToASegment() throws Exception {
    inbound("56970000003", "Cliente 3", "wamid.baja-1", "BAJA");
    inbound("56970000003", "Cliente 3", "wamid.baja-2", "baja");
    awaitUntil(() -> fake.sentTo("56970000003").size() == 1, "one opt-out confirmation");
    // Both messages' reactions have run (the confirmation can leave before the second "baja" is handled).
    awaitReactionsDone();
    var count = marketing.post("/api/v1/campaigns/audience", new JsonObject().put("inboxId", 1)
        .put("segment", new JsonObject().put("city", "Temuco")));
    assertEquals(9, count.bodyAsJsonObject().getLong("count"), "10 in Temuco minus the one who opted out");
    JsonObject c = campaign("Temuco 20%", new JsonObject().put("city", "Temuco"));
    long id = c.getLong("id");
    JsonObject preview = marketing.post("/api/v1/campaigns/" + id + "/preview", new JsonObject()).bodyAsJsonObject();
    assertEquals(9, preview.getLong("audience"));
    assertEquals("20%", preview.getJsonObject("sample").getJsonArray("params").getString(1));
    assertTrue(preview.getJsonObject("sample").getJsonArray("params").getString(0).startsWith("Cliente "));
    int before = fake.sent().size();
    assertEquals("running", marketing.post("/api/v1/campaigns/" + id + "/launch", new JsonObject()).bodyAsJsonObject()
        .getString("status"));
    awaitUntil(() -> "completed".equals(marketing.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getString("status")),
        "the campaign completes");
    var sent = fake.sent().subList(before, fake.sent().size());
    assertEquals(9, sent.size());
    assertEquals(9, sent.stream().map(FakeWhatsAppCloudApi.Sent::to).distinct().count(), "one each");
    assertTrue(sent.stream().noneMatch(s -> "56970000003".equals(s.to())), "the opted-out contact gets nothing");
    JsonObject template = sent.get(0).body().getJsonObject("template");
    assertEquals("promocion_general", template.getString("name"));
    assertEquals("20%", template.getJsonArray("components").getJsonObject(0).getJsonArray("parameters").getJsonObject(1)
        .getString("text"));
    String to = sent.get(0).to();
    inbound(to, "Cliente", "wamid.reply-" + to, "me interesa!");
    awaitUntil(() -> marketing.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getJsonObject("funnel").getLong("replied") == 1,
        "the reply is counted");
    JsonObject funnel = marketing.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getJsonObject("funnel");
    assertEquals(9, funnel.getLong("total"));
    awaitUntil(() -> marketing.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getJsonObject("funnel").getLong("read") == 9,
        "all read");
    assertEquals(9, count("select count(*) from conversations where 'campaña-" + id + "' = any(labels)"),
        "the campaign's conversations carry its label");
    assertEquals(409, marketing.post("/api/v1/campaigns/" + id + "/launch", new JsonObject()).statusCode(),
        "a campaign launches once");
  }

  @Test
  @DisplayName("pause stops sending within seconds, resume continues, cancel stops for good; nobody gets two")
  void pauseResumeCancel() throws Exception {
    admin.post("/api/v1/inboxes", new JsonObject().put("name", "Lento").put("channel", "whatsapp")
        .put("channelAccountId", "100000000000077").put("teamId", 1)
        .put("settings", new JsonObject().put("accessToken", "t").put("sendRatePerSecond", 5)));
    long inbox = admin.get("/api/v1/inboxes").bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(i -> "Lento".equals(i.getString("name"))).findFirst().orElseThrow().getLong("id");
    var created = marketing.post("/api/v1/campaigns", new JsonObject().put("name", "Lenta").put("inboxId", inbox)
        .put("template", new JsonObject().put("name", "promocion_general"))
        .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "10%"))));
    long id = created.bodyAsJsonObject().getLong("id");
    marketing.post("/api/v1/campaigns/" + id + "/launch", new JsonObject());
    awaitUntil(() -> fake.sent().stream().filter(s -> s.phoneNumberId().equals("100000000000077")).count() >= 3, "sending");
    assertEquals("paused", marketing.post("/api/v1/campaigns/" + id + "/pause", new JsonObject()).bodyAsJsonObject()
        .getString("status"));
    awaitNothingInFlight(id);
    long atPause = fake.sent().stream().filter(s -> s.phoneNumberId().equals("100000000000077")).count();
    // The one wait kept: an absence. The claim query no longer hands out the paused campaign's rows, but a claim that
    // read the campaign just before the pause may still come; a second is longer than a claim and the gate's 250 ms.
    Thread.sleep(1000);
    long later = fake.sent().stream().filter(s -> s.phoneNumberId().equals("100000000000077")).count();
    assertEquals(atPause, later, "nothing leaves while paused");
    marketing.post("/api/v1/campaigns/" + id + "/resume", new JsonObject());
    awaitUntil(() -> fake.sent().stream().filter(s -> s.phoneNumberId().equals("100000000000077")).count() > later, "resumed");
    assertEquals("cancelled", marketing.post("/api/v1/campaigns/" + id + "/cancel", new JsonObject()).bodyAsJsonObject()
        .getString("status"));
    // Cancelling turned the queued rows into 'cancelled' (waiting for any claim that held them), so once the rows in
    // flight are done nothing of this campaign can leave: no waiting for an absence.
    awaitNothingInFlight(id);
    long atCancel = fake.sent().stream().filter(s -> s.phoneNumberId().equals("100000000000077")).count();
    Await.until(() -> {
      JsonObject funnel = marketing.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getJsonObject("funnel");
      return funnel.getLong("cancelled") + funnel.getLong("failed") > 0;
    }, "the funnel counts the recipients the cancel stopped");
    var sent = fake.sent().stream().filter(s -> s.phoneNumberId().equals("100000000000077")).toList();
    assertEquals(atCancel, sent.size(), "nothing leaves after cancel");
    assertTrue(sent.size() < 29, "the cancel came before the end: " + sent.size());
    assertEquals(sent.size(), sent.stream().map(FakeWhatsAppCloudApi.Sent::to).distinct().count(), "nobody twice");
  }

  @Test
  @DisplayName("a conversation the campaign starts waits snoozed, out of the agents' queue, until the customer replies")
  void startedConversationsWaitForTheReply() throws Exception {
    String waId = "56970009999";
    inbound(waId, "Cliente Osorno", "wamid.osorno-1", "hola, era una consulta");
    long contactId = count("select contact_id from contact_identities where kind = 'whatsapp' and value = '" + waId + "'");
    long earlier = count("select id from conversations where contact_id = " + contactId);
    assertEquals(200, admin.patch("/api/v1/contacts/" + contactId, new JsonObject().put("city", "Osorno")).statusCode());
    assertEquals(200, admin.post("/api/v1/conversations/" + earlier + "/status", new JsonObject().put("status", "resolved"))
        .statusCode(), "the earlier conversation was resolved");
    long id = campaign("Osorno", new JsonObject().put("city", "Osorno")).getLong("id");
    int before = fake.sent().size();
    marketing.post("/api/v1/campaigns/" + id + "/launch", new JsonObject());
    awaitUntil(() -> "completed".equals(marketing.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getString("status")),
        "the campaign completes");
    assertEquals(1, fake.sent().subList(before, fake.sent().size()).stream().filter(s -> waId.equals(s.to())).count());
    long started = count("select id from conversations where contact_id = " + contactId + " and 'campaña-" + id
        + "' = any(labels)");
    assertTrue(started != earlier, "a new conversation, not the resolved one");
    assertEquals(1, count("select count(*) from conversations where id = " + started
        + " and status = 'snoozed' and snoozed_until is null and assignee_id is null"), "snoozed until the reply");
    assertTrue(admin.get("/api/v1/conversations?status=open&assignee=all&limit=100").bodyAsJsonObject().getJsonArray("items")
        .stream().noneMatch(o -> ((JsonObject) o).getLong("id") == started), "not in the open queue");

    inbound(waId, "Cliente Osorno", "wamid.osorno-2", "me interesa la promo");
    awaitUntil(() -> marketing.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getJsonObject("funnel").getLong("replied") == 1,
        "the reply is counted for the campaign");
    assertEquals(1, count("select count(*) from conversations where id = " + started + " and status = 'open'"),
        "the reply wakes the campaign's conversation");
    assertEquals(1, count("select count(*) from messages where conversation_id = " + started + " and direction = 'in'"),
        "the reply joins it");
  }

  @Test
  @DisplayName("bad campaigns are refused with the field named; agents may not run campaigns")
  void validation() {
    var badSegment = marketing.post("/api/v1/campaigns", new JsonObject().put("name", "x").put("inboxId", 1)
        .put("template", new JsonObject().put("name", "promocion_general")).put("segment", new JsonObject().put("shoe", "42")));
    assertEquals(422, badSegment.statusCode());
    assertEquals("segment.shoe", badSegment.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var badParam = marketing.post("/api/v1/campaigns", new JsonObject().put("name", "x").put("inboxId", 1)
        .put("template", new JsonObject().put("name", "promocion_general")).put("params", new JsonArray().add("contact.password")));
    assertEquals(422, badParam.statusCode());
    var notWhatsapp = marketing.post("/api/v1/campaigns", new JsonObject().put("name", "x").put("inboxId", 5)
        .put("template", new JsonObject().put("name", "promocion_general")));
    assertEquals("inboxId", notWhatsapp.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(403, signIn("ana@demo.conecta.cl").get("/api/v1/campaigns").statusCode());
    assertEquals(403, marketing.get("/api/v1/conversations").statusCode());
  }

  /** This class's waits are longer than the kit's default (the bot, big campaigns). */
  /** Until none of the campaign's outbox rows is claimed: those sent, the others back in the queue. */
  private void awaitNothingInFlight(long campaign) {
    Await.until(() -> count("select count(*) from outbox where campaign_id = " + campaign + " and status = 'sending'") == 0,
        "no send of campaign " + campaign + " in flight");
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    Await.until(condition, what, java.time.Duration.ofMillis(30000));
  }
}
