package com.conecta.hub.marketing.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("When the bot hands a conversation to an agent, the agent is notified in the app, by email and by WhatsApp")
class BotHandoffNotifiesAgentTest extends HubTestBase {
  private static final String SECRET = "handoff-secret";
  private GreenMail mail;
  private FakeWhatsAppCloudApi fake;

  @Override
  protected JsonObject extraConfig() {
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    fake = startFakeGraph(SECRET).api();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl())
        .put("bot.enabled", "true").put("notifications.smtp.host", "127.0.0.1")
        .put("notifications.smtp.port", mail.getSmtp().getPort()).put("notifications.smtp.security", "none")
        .put("notifications.smtp.from", "avisos@demo.conecta.cl").put("notifications.poll-ms", 200);
  }

  @AfterAll
  void stopServers() {
    mail.stop();
    fake.close().await();
  }

  private void sayAndWait(WhatsAppCustomer c, String text) throws InterruptedException {
    int before = fake.sentTo(c.waId).size();
    c.text(hub.port(), text);
    boolean answered = WhatsAppCustomer.eventually(() -> fake.sentTo(c.waId).size() > before);
    assertTrue(answered, "the bot answers '" + text + "'; conversation so far: " + transcript(c.waId));
  }

  private String transcript(String waId) {
    StringBuilder b = new StringBuilder();
    sql.query("select m.direction, m.sender_kind, m.status, m.text, o.status as outbox, o.last_error from messages m "
        + "join conversations c on c.id = m.conversation_id join contact_identities i on i.contact_id = c.contact_id "
        + "left join outbox o on o.message_id = m.id where i.value = '" + waId + "' order by m.id").execute().await()
        .forEach(r -> b.append("\n  ").append(r.toJson().encode()));
    return b.toString();
  }

  private long conversationOf(String waId) {
    return count("select c.id from conversations c join contact_identities i on i.contact_id = c.contact_id "
        + "where i.value = '" + waId + "' order by c.id desc limit 1");
  }

  private List<MimeMessage> mailTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(address);
      } catch (Exception e) {
        return false;
      }
    }).toList();
  }

  @Test
  @DisplayName("a prospect asks for a person: Ana (online) gets the conversation and an in-app notice, an email and a WhatsApp template with the answers; assigning her again does not repeat them")
  void handoffToOnlineAgent() throws Exception {
    Api ana = signIn("ana@demo.conecta.cl");
    ana.post("/api/v1/presence", new JsonObject().put("availability", "online"));
    WhatsAppCustomer pedro = new WhatsAppCustomer(vertx, SECRET, "100000000000001", "56977100001", "Pedro Soto");
    sayAndWait(pedro, "hola, necesito cotizar camaras de seguridad");
    sayAndWait(pedro, "empresa");
    sayAndWait(pedro, "quiero hablar con una persona");
    long conv = conversationOf(pedro.waId);
    assertTrue(WhatsAppCustomer.eventually(() -> count("select coalesce(assignee_id, 0) from conversations where id = "
        + conv) == 2), "Ana gets the conversation");
    String key = "bot-handoff:" + conv + ":2:";
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from notifications where dedupe_key like '"
        + key + "%' and status = 'sent'") == 3), "three notifications, all sent");

    assertTrue(WhatsAppCustomer.eventually(() -> !mailTo("ana@demo.conecta.cl").isEmpty()), "Ana gets an email");
    MimeMessage email = mailTo("ana@demo.conecta.cl").get(0);
    assertTrue(email.getSubject().contains("Pedro Soto"), email.getSubject());
    String body = GreenMailUtil.getBody(email);
    assertTrue(body.contains("Empresa") || body.contains("empresa"), "the answers travel in the email: " + body);

    assertTrue(WhatsAppCustomer.eventually(() -> !fake.sentTo("56922222222").isEmpty()), "Ana's phone gets the template");
    JsonObject wa = fake.sentTo("56922222222").get(0).body();
    assertEquals("agent_handoff", wa.getJsonObject("template").getString("name"));
    assertTrue(wa.encode().contains("Pedro Soto") && wa.encode().contains("Empresa"), wa.encode());

    JsonObject list = ana.get("/api/v1/notifications").bodyAsJsonObject();
    JsonObject notice = list.getJsonArray("items").getJsonObject(0);
    assertEquals("bot_handoff", notice.getString("kind"));
    assertEquals(conv, notice.getJsonObject("payload").getLong("conversationId"));
    assertEquals("human_agent", notice.getJsonObject("payload").getString("reason"));
    assertTrue(list.getLong("unread") >= 1);

    // Reassigned to Bruno and back: Bruno is told once, Ana not again.
    assertEquals(200, admin.post("/api/v1/conversations/" + conv + "/assignment", new JsonObject().put("assigneeId", 3))
        .statusCode());
    assertEquals(200, admin.post("/api/v1/conversations/" + conv + "/assignment", new JsonObject().put("assigneeId", 2))
        .statusCode());
    assertEquals(3, count("select count(*) from notifications where dedupe_key like 'bot-handoff:" + conv + ":3:%'"));
    assertEquals(3, count("select count(*) from notifications where dedupe_key like '" + key + "%'"));

    // Ana answers the notice from her phone: she is not a prospect, the bot stays out of it.
    WhatsAppCustomer anaPhone = new WhatsAppCustomer(vertx, SECRET, "100000000000001", "56922222222", "Ana Rojas");
    int sentToAna = fake.sentTo("56922222222").size();
    anaPhone.text(hub.port(), "ok, la tomo");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from staff_inbound_messages where user_id = 2 "
        + "and text = 'ok, la tomo'") == 1), "her message is kept as hers");
    assertEquals(0, count("select count(*) from contact_identities where value = '56922222222'"),
        "neither the notices nor her answer made her a contact, so no conversation, bot or assignment can follow");
    assertEquals(sentToAna, fake.sentTo("56922222222").size(), "no bot reply to an agent");
  }

  @Test
  @DisplayName("with nobody online the hand-off waits without notices; when Carla comes online she gets it, notified in English")
  void handoffWaitsForAnAgent() throws Exception {
    WhatsAppCustomer luz = new WhatsAppCustomer(vertx, SECRET, "100000000000002", "56977100002", "Luz Pardo");
    sayAndWait(luz, "hola");
    sayAndWait(luz, "necesito hablar con un ejecutivo humano");
    long conv = conversationOf(luz.waId);
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from bot_sessions where conversation_id = " + conv
        + " and status = 'handed_off'") == 1));
    // The hand-off's assignment attempt is one of the message's reactions; a notice would be written with it.
    awaitReactionsDone();
    assertEquals(0, count("select count(*) from notifications where dedupe_key like 'bot-handoff:" + conv + ":%'"),
        "nobody is assigned yet, so nobody is notified");
    Api carla = signIn("carla@demo.conecta.cl");
    carla.post("/api/v1/presence", new JsonObject().put("availability", "online"));
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from notifications where dedupe_key like "
        + "'bot-handoff:" + conv + ":4:%' and status = 'sent'") == 3), "Carla is notified once assigned");
    JsonObject notice = carla.get("/api/v1/notifications").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertTrue(notice.getString("subject").startsWith("New conversation assigned"), notice.encode());
    assertTrue(WhatsAppCustomer.eventually(() -> !fake.sentTo("56944444444").isEmpty()));
    assertEquals("en", fake.sentTo("56944444444").get(0).body().getJsonObject("template").getJsonObject("language")
        .getString("code"));
  }
}
