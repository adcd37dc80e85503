package com.conecta.hub.marketing.satisfaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("After sale: a delivered order or a resolved ticket brings one satisfaction question; the answer is stored")
class SatisfactionSurveyTest extends HubTestBase {
  private static final String SECRET = "satisfaction-secret";
  private static final String REVIEW = "https://g.page/r/conecta-demo/review";
  private FakeWhatsAppCloudApi fake;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph(SECRET).api();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl())
        .put("satisfaction.enabled", "true").put("satisfaction.tick-seconds", 3600).put("satisfaction.delay-minutes", 0)
        .put("satisfaction.review-url", REVIEW).put("reminders.tick-seconds", 3600);
  }

  @AfterAll
  void stopFake() {
    fake.close().await();
  }

  private List<String> templatesSentTo(String waId) {
    return fake.sentTo(waId).stream().filter(s -> s.body().getJsonObject("template") != null)
        .map(s -> s.body().getJsonObject("template").getString("name")).toList();
  }

  private long deliveredOrder(String externalId, String phone) {
    var res = admin.post("/api/v1/orders", new JsonObject().put("externalId", externalId).put("number", externalId)
        .put("status", "delivered").put("contact", new JsonObject().put("phone", phone).put("name", "Marta Vidal")));
    assertTrue(res.statusCode() == 201 || res.statusCode() == 200, res.bodyAsString());
    runPass("satisfaction");
    return res.bodyAsJsonObject().getLong("id");
  }

  private Row response(String where) {
    var rows = sql.query("select * from satisfaction_responses where " + where).execute().await();
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  @Test
  @DisplayName("order delivered: asked exactly once; a '5 Excelente' tap is stored with the order and brings the review request; a later '4' changes nothing")
  void orderDeliveredHappyCustomer() throws Exception {
    String waId = "56981230001";
    long order = deliveredOrder("SAT-1", "+" + waId);
    assertTrue(WhatsAppCustomer.eventually(() -> templatesSentTo(waId).contains("encuesta_satisfaccion")), "asked");
    runPass("satisfaction");
    awaitOutboxSent();
    assertEquals(1, templatesSentTo(waId).stream().filter("encuesta_satisfaccion"::equals).count(), "exactly once");
    assertEquals(1, count("select count(*) from satisfaction_surveys where source_type = 'order' and source_id = " + order));

    WhatsAppCustomer marta = new WhatsAppCustomer(vertx, SECRET, "100000000000001", waId, "Marta Vidal");
    marta.quickReply(hub.port(), "5 Excelente", "5 Excelente");
    assertTrue(WhatsAppCustomer.eventually(() -> response("source_order_id = " + order) != null), "the answer is stored");
    Row r = response("source_order_id = " + order);
    assertEquals(5, r.getInteger("score"));
    assertEquals("whatsapp", r.getString("channel"));
    assertEquals(1L, r.getLong("inbox_id"));
    assertTrue(r.getBoolean("review_requested"));
    assertTrue(WhatsAppCustomer.eventually(() -> templatesSentTo(waId).contains("solicitud_resena")), "review requested");
    JsonObject review = fake.sentTo(waId).stream().filter(s -> s.body().getJsonObject("template") != null
        && "solicitud_resena".equals(s.body().getJsonObject("template").getString("name"))).findFirst().get().body();
    assertTrue(review.encode().contains(REVIEW), review.encode());

    marta.text(hub.port(), "4");
    awaitReactionsDone();
    assertEquals(1, count("select count(*) from satisfaction_responses where source_order_id = " + order),
        "one answer per survey");
  }

  @Test
  @DisplayName("ticket resolved: asked in the ticket's conversation; ordinary text is not a score; '2' is stored with agent, team and inbox, thanked, no review")
  void ticketResolvedUnhappyCustomer() throws Exception {
    String waId = "56981230002";
    WhatsAppCustomer tomas = new WhatsAppCustomer(vertx, SECRET, "100000000000002", waId, "Tomás Araya");
    tomas.text(hub.port(), "hola, el equipo no enciende");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from contact_identities where value = '" + waId
        + "'") == 1));
    long contact = count("select contact_id from contact_identities where value = '" + waId + "'");
    long conv = count("select id from conversations where contact_id = " + contact);
    var ticket = admin.post("/api/v1/tickets", new JsonObject().put("contactId", contact).put("conversationId", conv)
        .put("kind", "support").put("subject", "No enciende").put("assigneeId", 4));
    assertEquals(201, ticket.statusCode(), ticket.bodyAsString());
    long ticketId = ticket.bodyAsJsonObject().getLong("id");
    runPass("satisfaction");
    awaitOutboxSent();
    assertTrue(templatesSentTo(waId).isEmpty(), "an open ticket brings no survey");
    assertEquals(200, admin.patch("/api/v1/tickets/" + ticketId, new JsonObject().put("status", "resolved")).statusCode());
    runPass("satisfaction");
    assertTrue(WhatsAppCustomer.eventually(() -> templatesSentTo(waId).contains("encuesta_satisfaccion")), "asked");
    Row survey = sql.query("select * from satisfaction_surveys where source_type = 'ticket' and source_id = " + ticketId)
        .execute().await().iterator().next();
    assertEquals(2L, survey.getLong("inbox_id"), "in the ticket's own inbox");

    tomas.text(hub.port(), "hola, tengo otra consulta sobre la garantia");
    tomas.text(hub.port(), "12 equipos");
    awaitReactionsDone();
    assertNull(response("source_ticket_id = " + ticketId), "ordinary messages are not a score");

    int before = fake.sentTo(waId).size();
    tomas.text(hub.port(), "2");
    assertTrue(WhatsAppCustomer.eventually(() -> response("source_ticket_id = " + ticketId) != null));
    Row r = response("source_ticket_id = " + ticketId);
    assertEquals(2, r.getInteger("score"));
    assertEquals(4L, r.getLong("agent_id"), "the ticket's agent");
    assertEquals(2L, r.getLong("team_id"), "the Soporte team");
    assertEquals(2L, r.getLong("inbox_id"));
    assertEquals(contact, r.getLong("contact_id"));
    assertTrue(!r.getBoolean("review_requested"));
    assertTrue(WhatsAppCustomer.eventually(() -> fake.sentTo(waId).size() > before), "thanked");
    assertTrue(fake.sentTo(waId).get(fake.sentTo(waId).size() - 1).body().encode().contains("Gracias"));
    assertTrue(!templatesSentTo(waId).contains("solicitud_resena"), "no review request below 4");
  }

  @Test
  @DisplayName("after the answer window a digit is an ordinary message")
  void afterTheWindow() throws Exception {
    String waId = "56981230003";
    long order = deliveredOrder("SAT-3", "+" + waId);
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from satisfaction_surveys where source_type = "
        + "'order' and source_id = " + order + " and message_id is not null") == 1));
    sql.query("update satisfaction_surveys set answer_until = now() - interval '1 minute' where source_id = " + order
        + " and source_type = 'order'").execute().await();
    new WhatsAppCustomer(vertx, SECRET, "100000000000001", waId, "Marta").text(hub.port(), "5");
    awaitReactionsDone();
    assertNull(response("source_order_id = " + order));
  }

  @Test
  @DisplayName("GET /api/v1/satisfaction lists the answers (admins only) with their count and average")
  void listForAdmins() throws Exception {
    orderDeliveredHappyCustomerIfNeeded();
    var res = admin.get("/api/v1/satisfaction");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonArray items = res.bodyAsJsonObject().getJsonArray("items");
    assertTrue(items.size() >= 1);
    JsonObject first = items.getJsonObject(0);
    assertTrue(first.containsKey("score") && first.containsKey("conversationId") && first.containsKey("agentId")
        && first.containsKey("teamId") && first.containsKey("inboxId") && first.containsKey("channel"), first.encode());
    assertEquals(items.size(), res.bodyAsJsonObject().getJsonObject("summary").getLong("answers"));
    assertEquals(403, signIn("ana@demo.conecta.cl").get("/api/v1/satisfaction").statusCode());
  }

  private void orderDeliveredHappyCustomerIfNeeded() throws Exception {
    if (count("select count(*) from satisfaction_responses") == 0) {
      String waId = "56981230004";
      long order = deliveredOrder("SAT-4", "+" + waId);
      assertTrue(WhatsAppCustomer.eventually(() -> templatesSentTo(waId).contains("encuesta_satisfaccion")));
      new WhatsAppCustomer(vertx, SECRET, "100000000000001", waId, "Rosa").text(hub.port(), "4 estrellas");
      assertTrue(WhatsAppCustomer.eventually(() -> response("source_order_id = " + order) != null));
    }
  }

  @Test
  @DisplayName("what reads as a score: digits 1-5 alone or with /5, 'estrellas', the buttons' words, or stars")
  void scores() {
    assertEquals(5, SatisfactionService.score("5"));
    assertEquals(4, SatisfactionService.score(" 4/5 "));
    assertEquals(3, SatisfactionService.score("3 Regular"));
    assertEquals(1, SatisfactionService.score("1 mala"));
    assertEquals(4, SatisfactionService.score("4 estrellas!"));
    assertEquals(3, SatisfactionService.score("⭐⭐⭐"));
    assertNull(SatisfactionService.score("6"));
    assertNull(SatisfactionService.score("12 equipos"));
    assertNull(SatisfactionService.score("2 equipos no encienden"));
    assertNull(SatisfactionService.score("hola"));
    assertNull(SatisfactionService.score(""));
  }
}
