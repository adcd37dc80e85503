package com.conecta.hub.marketing.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input through the whole hub (signed webhooks in, the fake WhatsApp out): the bot answers sensibly or hands off,
 * never crashes the conversation and never loops — the number of bot replies is bounded.
 */
@DisplayName("The bot with bad input: it answers sensibly or hands off, never crashes, never loops")
class BotBadInputTest extends HubTestBase {
  private static final String SECRET = "bad-input-secret";
  private static final String SALES = "100000000000001";
  private static final String SERVICE = "100000000000002";
  private FakeWhatsAppCloudApi fake;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph(SECRET).api();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl())
        .put("bot.enabled", "true");
  }

  private WhatsAppCustomer customer(String inbox, String waId) {
    return new WhatsAppCustomer(vertx, SECRET, inbox, waId, "Cliente Prueba");
  }

  /** Sends and waits for the bot's answer (or, when none is expected, for the message to be stored and settle). */
  private void send(WhatsAppCustomer c, Consumer<WhatsAppCustomer> what, boolean expectReply) throws InterruptedException {
    int before = fake.sentTo(c.waId).size();
    long inbound = count(inboundSql(c.waId));
    what.accept(c);
    if (expectReply) {
      assertTrue(WhatsAppCustomer.eventually(() -> fake.sentTo(c.waId).size() > before),
          "the bot answers; so far: " + transcript(c.waId));
    } else {
      assertTrue(WhatsAppCustomer.eventually(() -> count(inboundSql(c.waId)) > inbound), "the message is stored");
    }
    // Settled: the bot has stepped for every message and whatever it answered has left.
    awaitReactionsDone();
    awaitOutboxSent();
  }

  private static String inboundSql(String waId) {
    return "select count(*) from messages m join conversations c on c.id = m.conversation_id join contact_identities i "
        + "on i.contact_id = c.contact_id where i.value = '" + waId + "' and m.direction = 'in'";
  }

  private long botReplies(String waId) {
    return count("select count(*) from messages m join conversations c on c.id = m.conversation_id join contact_identities i "
        + "on i.contact_id = c.contact_id where i.value = '" + waId + "' and m.sender_kind = 'bot' and not m.private");
  }

  private Row session(String waId) {
    var rows = sql.query("select s.* from bot_sessions s join conversations c on c.id = s.conversation_id "
        + "join contact_identities i on i.contact_id = c.contact_id where i.value = '" + waId + "'").execute().await();
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private String lastReply(String waId) {
    var sent = fake.sentTo(waId);
    JsonObject body = sent.get(sent.size() - 1).body();
    return body.getJsonObject("text") != null ? body.getJsonObject("text").getString("body")
        : body.getJsonObject("interactive").getJsonObject("body").getString("text");
  }

  private String transcript(String waId) {
    StringBuilder b = new StringBuilder();
    sql.query("select m.direction, m.sender_kind, m.content_type, left(m.text, 80) as text from messages m "
        + "join conversations c on c.id = m.conversation_id join contact_identities i on i.contact_id = c.contact_id "
        + "where i.value = '" + waId + "' order by m.id").execute().await()
        .forEach(r -> b.append("\n  ").append(r.toJson().encode()));
    return b.toString();
  }

  @Test
  @DisplayName("only emojis: greeted, re-asked once, then handed to a person as not understood (4 replies at most)")
  void onlyEmojis() throws Exception {
    WhatsAppCustomer c = customer(SALES, "56977200001");
    send(c, x -> x.text(hub.port(), "👋😀"), true);
    send(c, x -> x.text(hub.port(), "😀😀🙏"), true);
    send(c, x -> x.text(hub.port(), "🔥🔥🔥"), true);
    send(c, x -> x.text(hub.port(), "👍"), false);
    assertEquals("handed_off", session(c.waId).getString("status"));
    assertEquals("not_understood", session(c.waId).getString("handoff_reason"));
    assertTrue(botReplies(c.waId) <= 4, "bounded: " + transcript(c.waId));
  }

  @Test
  @DisplayName("stickers: the bot says it cannot see them and asks to type; a second one hands off; more stickers get no reply")
  void stickers() throws Exception {
    WhatsAppCustomer c = customer(SALES, "56977200002");
    send(c, x -> x.text(hub.port(), "hola"), true);
    send(c, x -> x.sticker(hub.port()), true);
    assertTrue(lastReply(c.waId).contains("stickers") || lastReply(c.waId).contains("escribes"), lastReply(c.waId));
    send(c, x -> x.sticker(hub.port()), true);
    long replies = botReplies(c.waId);
    for (int i = 0; i < 3; i++) {
      send(c, x -> x.sticker(hub.port()), false);
    }
    assertEquals(replies, botReplies(c.waId), "no loop after the hand-off");
    assertEquals("not_understood", session(c.waId).getString("handoff_reason"));
  }

  @Test
  @DisplayName("an empty message and a 5,000-character text neither crash nor stall the bot; it still qualifies afterwards")
  void emptyAndHuge() throws Exception {
    WhatsAppCustomer c = customer(SALES, "56977200003");
    c.text(hub.port(), "");
    awaitReactionsDone();
    awaitOutboxSent();
    send(c, x -> x.text(hub.port(), "hola buenas"), true);
    String huge = "necesito cotizar camaras para mi negocio ".repeat(130).substring(0, 5000);
    send(c, x -> x.text(hub.port(), huge), true);
    assertNotNull(session(c.waId));
    send(c, x -> x.text(hub.port(), "empresa"), true);
    JsonObject state = (JsonObject) session(c.waId).getValue("state");
    assertEquals("business", state.getJsonObject("answers").getString("customer_type"), transcript(c.waId));
    assertTrue(botReplies(c.waId) <= 6, "bounded: " + transcript(c.waId));
  }

  @Test
  @DisplayName("mixed Spanish and English: understood (cameras picked from the first message), answered in one language")
  void mixedLanguages() throws Exception {
    WhatsAppCustomer c = customer(SALES, "56977200004");
    send(c, x -> x.text(hub.port(), "hola, I need a quote para camaras de seguridad please"), true);
    JsonObject state = (JsonObject) session(c.waId).getValue("state");
    assertEquals("seguridad", state.getJsonObject("known").getString("interest_area"), state.encode());
    String language = state.getString("language");
    assertTrue(language.equals("es") || language.equals("en"));
    send(c, x -> x.text(hub.port(), "business, para mi empresa"), true);
    state = (JsonObject) session(c.waId).getValue("state");
    assertEquals("business", state.getJsonObject("answers").getString("customer_type"), transcript(c.waId));
    assertEquals("active", session(c.waId).getString("status"));
  }

  @Test
  @DisplayName("an unknown button payload is re-asked once, then handed off; no reply loops")
  void unknownButton() throws Exception {
    WhatsAppCustomer c = customer(SALES, "56977200005");
    send(c, x -> x.text(hub.port(), "hola"), true);
    send(c, x -> x.button(hub.port(), "no_such_option", "???"), true);
    send(c, x -> x.button(hub.port(), "otra_cosa_rara", "!!!"), true);
    send(c, x -> x.button(hub.port(), "residential", "Casa"), false);
    assertEquals("handed_off", session(c.waId).getString("status"));
    assertTrue(botReplies(c.waId) <= 4, "bounded: " + transcript(c.waId));
  }

  @Test
  @DisplayName("asking twice what the flow does not cover hands off as out_of_scope, said in words in the system message")
  void outOfScope() throws Exception {
    WhatsAppCustomer c = customer(SALES, "56977200006");
    send(c, x -> x.text(hub.port(), "hola"), true);
    send(c, x -> x.text(hub.port(), "cuanto debo de la factura 4512? quiero pagarla por transferencia"), true);
    assertTrue(lastReply(c.waId).contains("no lo puedo resolver") || lastReply(c.waId).contains("can't help"),
        lastReply(c.waId));
    send(c, x -> x.text(hub.port(), "necesito el comprobante de pago de mi factura atrasada"), true);
    assertEquals("out_of_scope", session(c.waId).getString("handoff_reason"), transcript(c.waId));
    assertEquals(1, count("select count(*) from messages m join conversations c on c.id = m.conversation_id "
        + "join contact_identities i on i.contact_id = c.contact_id where i.value = '" + c.waId + "' "
        + "and m.content_type = 'system' and m.text like '%fuera del alcance%' and m.text not like '%out_of_scope%'"),
        "said in words, without the raw reason code: " + transcript(c.waId));
  }

  @Test
  @DisplayName("a visit request in the service flow writes a ticket and a visit activity due on the day the customer named")
  void visitRequestActivity() throws Exception {
    WhatsAppCustomer c = customer(SERVICE, "56977200007");
    send(c, x -> x.text(hub.port(), "hola"), true);
    send(c, x -> x.text(hub.port(), "12.345.678-5"), true);
    send(c, x -> x.text(hub.port(), "agendar visita"), true);
    send(c, x -> x.text(hub.port(), "mantencion del aire acondicionado, pueden venir el jueves?"), true);
    long contact = count("select contact_id from contact_identities where value = '" + c.waId + "'");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from activities where kind = 'visit' and contact_id = "
        + contact) == 1), "a visit activity: " + transcript(c.waId));
    Row a = sql.query("select a.*, t.kind as ticket_kind from activities a join tickets t on t.id = a.ticket_id "
        + "where a.contact_id = " + contact).execute().await().iterator().next();
    assertEquals("visit", a.getString("ticket_kind"), "linked to the visit ticket");
    LocalDate today = LocalDate.now(ZoneId.of("America/Santiago"));
    LocalDate thursday = today.with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
    LocalDate due = a.getOffsetDateTime("due_at").atZoneSameInstant(ZoneId.of("America/Santiago")).toLocalDate();
    assertTrue(due.equals(thursday) || due.equals(today), "due on the Thursday named: " + due);
  }
}
