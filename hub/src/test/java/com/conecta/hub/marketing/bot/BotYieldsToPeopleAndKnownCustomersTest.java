package com.conecta.hub.marketing.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.support.FakeGraphTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 21 item 5 through the real WhatsApp webhook: the bot gives way to people and knows returning customers. */
@DisplayName("The bot after a person writes and with returning customers")
class BotYieldsToPeopleAndKnownCustomersTest extends FakeGraphTestBase {
  private static final String SALES_NUMBER = "100000000000001";
  private static final String SUPPORT_NUMBER = "100000000000002";
  @Override
  protected JsonObject moreConfig() {
    return new JsonObject().put("bot.enabled", "true");
  }

  private WhatsAppCustomer customer(String waId) {
    return graph.customer(SALES_NUMBER, waId, "Pedro Soto");
  }

  private long conversationOf(String waId) {
    return count("select max(c.id) from conversations c join contact_identities i on i.contact_id = c.contact_id "
        + "where i.value = '" + waId + "'");
  }

  private long botMessages(long conversation) {
    return count("select count(*) from messages where conversation_id = " + conversation
        + " and sender_kind = 'bot' and not private");
  }

  private long customerMessages(long conversation) {
    return count("select count(*) from messages where conversation_id = " + conversation + " and direction = 'in'");
  }

  private String lastBotText(long conversation) {
    return sql.query("select text from messages where conversation_id = " + conversation
        + " and sender_kind = 'bot' and not private order by id desc limit 1").execute().await().iterator().next()
        .getString(0);
  }

  @Test
  @DisplayName("a person's public reply ends the bot at once; a private note does not")
  void aPublicReplyEndsTheBot() throws Exception {
    WhatsAppCustomer answered = customer("56977100001");
    WhatsAppCustomer noted = customer("56977100002");
    answered.text(hub.port(), "hola");
    noted.text(hub.port(), "hola");
    awaitUntil(() -> conversationOf(answered.waId) > 0 && botMessages(conversationOf(answered.waId)) >= 2,
        "the bot greets and asks");
    awaitUntil(() -> conversationOf(noted.waId) > 0 && botMessages(conversationOf(noted.waId)) >= 2, "the bot greets and asks");
    long a = conversationOf(answered.waId);
    long n = conversationOf(noted.waId);

    var reply = admin.post("/api/v1/conversations/" + a + "/messages", new JsonObject().put("text", "Hola Pedro, te atiendo yo"));
    assertTrue(reply.statusCode() < 300, reply.bodyAsString());
    assertEquals(1, count("select count(*) from bot_sessions where conversation_id = " + a
        + " and status = 'handed_off' and handoff_reason = 'person_replied'"), "the reply itself ended the session");
    var note = admin.post("/api/v1/conversations/" + n + "/notes", new JsonObject().put("text", "ojo: cliente grande"));
    assertTrue(note.statusCode() < 300, note.bodyAsString());

    long botsInAnswered = botMessages(a);
    long botsInNoted = botMessages(n);
    answered.text(hub.port(), "empresa");
    noted.text(hub.port(), "empresa");
    // The noted conversation is the control: its next question shows the bot has handled this round of messages.
    awaitUntil(() -> botMessages(n) > botsInNoted, "a private note leaves the bot asking");
    assertTrue(lastBotText(n).contains("RUT"), lastBotText(n));
    awaitUntil(() -> customerMessages(a) == 2, "the customer's answer is stored");
    assertEquals(botsInAnswered, botMessages(a), "no bot question after a person replied: " + lastBotText(a));
  }

  @Test
  @DisplayName("a returning customer whose account belongs to Ana goes straight to her, without the bot's questions")
  void knownCustomerGoesToTheirSalesperson() throws Exception {
    long ana = count("select id from users where email = 'ana@demo.conecta.cl'");
    WhatsAppCustomer known = customer("56977100003");
    known.text(hub.port(), "hola");
    awaitUntil(() -> conversationOf(known.waId) > 0 && botMessages(conversationOf(known.waId)) >= 2, "first visit: the bot asks");
    long first = conversationOf(known.waId);
    long contact = count("select contact_id from conversations where id = " + first);
    var account = admin.post("/api/v1/accounts", new JsonObject().put("name", "Extintores del Sur SpA")
        .put("kind", "business").put("ownerId", ana));
    assertEquals(201, account.statusCode(), account.bodyAsString());
    var linked = admin.patch("/api/v1/contacts/" + contact, new JsonObject()
        .put("accountId", account.bodyAsJsonObject().getLong("id")));
    assertEquals(200, linked.statusCode(), linked.bodyAsString());
    var resolved = admin.post("/api/v1/conversations/" + first + "/status", new JsonObject().put("status", "resolved"));
    assertTrue(resolved.statusCode() < 300, resolved.bodyAsString());

    known.text(hub.port(), "hola, necesito 10 extintores más");
    awaitUntil(() -> conversationOf(known.waId) > first, "a new conversation opens");
    long second = conversationOf(known.waId);
    awaitUntil(() -> admin.get("/api/v1/conversations/" + second).bodyAsJsonObject().getLong("assigneeId") != null,
        "the conversation is assigned");
    assertEquals(ana, admin.get("/api/v1/conversations/" + second).bodyAsJsonObject().getLong("assigneeId"),
        "to the account's owner, though she is not online");
    assertEquals(1, count("select count(*) from assignments where conversation_id = " + second
        + " and reason = 'returning_customer'"));
    assertEquals(1, botMessages(second), "one message from the bot, no qualification");
    String said = lastBotText(second);
    assertTrue(said.contains("Ana") && said.contains("Pedro"), said);
    assertFalse(said.contains("casa o para una empresa"), said);
    assertEquals(0, count("select count(*) from leads where conversation_id = " + second), "no new lead");
    assertEquals(1, count("select count(*) from bot_sessions where conversation_id = " + second
        + " and status = 'handed_off' and handoff_reason = 'known_customer'"));
    awaitUntil(() -> count("select count(*) from notifications where user_id = " + ana + " and kind = 'bot_handoff'"
        + " and payload->>'conversationId' = '" + second + "'") > 0, "Ana is told");

    // Writing to technical support, the same customer still gets the service bot, which opens the ticket.
    WhatsAppCustomer toSupport = graph.customer(SUPPORT_NUMBER, known.waId, "Pedro Soto");
    toSupport.text(hub.port(), "hola, la cámara del patio no graba");
    awaitUntil(() -> count("select count(*) from messages m join inboxes i on i.id = m.inbox_id join conversations c "
        + "on c.id = m.conversation_id where c.contact_id = " + contact + " and i.channel_account_id = '" + SUPPORT_NUMBER
        + "' and m.sender_kind = 'bot' and m.text like '%servicio técnico%'") == 1, "the service bot greets");
  }

  @Test
  @DisplayName("a customer with an open lead owned by Bruno who writes again goes to Bruno, not to the bot's questions")
  void openLeadOwnerTakesTheReturningCustomer() throws Exception {
    long bruno = count("select id from users where email = 'bruno@demo.conecta.cl'");
    WhatsAppCustomer back = customer("56977100005");
    back.text(hub.port(), "hola");
    awaitUntil(() -> conversationOf(back.waId) > 0 && botMessages(conversationOf(back.waId)) >= 2, "first visit: the bot asks");
    long first = conversationOf(back.waId);
    long contact = count("select contact_id from conversations where id = " + first);
    var lead = admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Cámaras bodega")
        .put("assigneeId", bruno));
    assertEquals(201, lead.statusCode(), lead.bodyAsString());
    assertTrue(admin.post("/api/v1/conversations/" + first + "/status", new JsonObject().put("status", "resolved"))
        .statusCode() < 300);

    back.text(hub.port(), "hola de nuevo, ¿en qué quedó la cotización?");
    awaitUntil(() -> conversationOf(back.waId) > first, "a new conversation opens");
    long second = conversationOf(back.waId);
    awaitUntil(() -> admin.get("/api/v1/conversations/" + second).bodyAsJsonObject().getLong("assigneeId") != null,
        "the conversation is assigned");
    assertEquals(bruno, admin.get("/api/v1/conversations/" + second).bodyAsJsonObject().getLong("assigneeId"));
    assertTrue(lastBotText(second).contains("Bruno"), lastBotText(second));
  }

  @Test
  @DisplayName("a prospect's first message and a budget typed as 2.000.000 qualify them; the summary is written once")
  void firstMessageBudgetAndOneSummary() throws Exception {
    WhatsAppCustomer prospect = customer("56977100004");
    prospect.text(hub.port(), "20 extintores para mi empresa en Santiago");
    awaitUntil(() -> conversationOf(prospect.waId) > 0 && botMessages(conversationOf(prospect.waId)) >= 2, "the bot asks");
    long conv = conversationOf(prospect.waId);
    assertTrue(lastBotText(conv).contains("RUT"), "straight to the company's tax id: " + lastBotText(conv));
    long before = botMessages(conv);
    prospect.text(hub.port(), "76.086.428-5");
    awaitUntil(() -> botMessages(conv) > before, "the bot asks when");
    long before2 = botMessages(conv);
    prospect.text(hub.port(), "esta semana");
    awaitUntil(() -> botMessages(conv) > before2, "the bot asks the budget");
    prospect.text(hub.port(), "2.000.000");
    awaitUntil(() -> count("select count(*) from leads where conversation_id = " + conv) == 1, "the lead is written");
    JsonObject answers = new JsonObject(sql.query("select answers::text from leads where conversation_id = " + conv)
        .execute().await().iterator().next().getString(0));
    assertEquals("2000000 CLP", answers.getString("budget"));
    assertEquals("20", answers.getString("quantity"));
    assertEquals("extintores", answers.getString("product"));
    assertEquals("business", answers.getString("customer_type"));
    assertEquals(1, count("select count(*) from messages where conversation_id = " + conv
        + " and text like '%• Presupuesto: $2.000.000%'"), "the summary appears once");
    assertEquals(0, count("select count(*) from messages where conversation_id = " + conv
        + " and (sender_kind = 'bot' or private) and text like '%¿Tienes un presupuesto%' and text like '•%'"));
    assertEquals(0, count("select count(*) from messages where conversation_id = " + conv
        + " and text like '%(flow_completed)%'"), "no raw reason codes");
  }

  /** This class's waits are longer than the kit's default (the bot, big campaigns). */
  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    Await.until(condition, what, java.time.Duration.ofMillis(60000));
  }
}
