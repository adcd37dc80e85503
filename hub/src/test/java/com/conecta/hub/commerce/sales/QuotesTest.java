package com.conecta.hub.commerce.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.Hub;
import com.conecta.hub.support.Await;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Products and quotes: totals, PDF, sending, acceptance, orders, follow-ups and expiry")
class QuotesTest extends HubTestBase {
  private static final AtomicLong PHONES = new AtomicLong(56981230000L);
  private FakeWhatsAppCloudApi fake;
  private long router;
  private long cable;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph().api();
    // Timers an hour apart: the follow-up and expiry passes run when the test runs them.
    return new JsonObject().put("whatsapp.graph-base-url", fake.baseUrl()).put("reminders.tick-seconds", 3600);
  }

  @BeforeAll
  void products() {
    var r = admin.post("/api/v1/products", new JsonObject().put("code", "RT-WIFI6").put("name", "Router WiFi 6 Empresarial")
        .put("unitPrice", "100000").put("taxRate", 19).put("currency", "CLP"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    router = r.bodyAsJsonObject().getLong("id");
    var c = admin.post("/api/v1/products", new JsonObject().put("code", "CAB-UTP6").put("name", "Cableado UTP cat. 6 (punto)")
        .put("unitPrice", 25990).put("currency", "CLP"));
    assertEquals(201, c.statusCode(), c.bodyAsString());
    cable = c.bodyAsJsonObject().getLong("id");
    assertEquals(409, admin.post("/api/v1/products", new JsonObject().put("code", "RT-WIFI6").put("name", "x")
        .put("unitPrice", 1)).statusCode(), "codes are unique");
    assertEquals(403, signIn("ana@demo.conecta.cl").post("/api/v1/products", new JsonObject().put("code", "Z")
        .put("name", "z").put("unitPrice", 1)).statusCode(), "admins keep the product list");
  }

  /** A customer reachable on WhatsApp (and by email), with a lead owned by ana. */
  private JsonObject customer(String name, String language) {
    String wa = String.valueOf(PHONES.incrementAndGet());
    long contact = sql.preparedQuery("insert into contacts (name, phone, email, locale) values ($1, $2, $3, $4) returning id")
        .execute(Tuple.of(name, "+" + wa, wa + "@cliente.cl", language)).await().iterator().next().getLong(0);
    sql.preparedQuery("insert into contact_identities (contact_id, kind, value) values ($1, 'whatsapp', $2)")
        .execute(Tuple.of(contact, wa)).await();
    var lead = admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Red oficina " + name)
        .put("assigneeId", 2));
    assertEquals(201, lead.statusCode(), lead.bodyAsString());
    return new JsonObject().put("wa", wa).put("contactId", contact).put("leadId", lead.bodyAsJsonObject().getLong("id"));
  }

  private JsonObject quote(long leadId) {
    var res = admin.post("/api/v1/quotes", new JsonObject().put("leadId", leadId).put("items", new JsonArray()
        .add(new JsonObject().put("productId", router).put("quantity", 2).put("discountPct", 10))
        .add(new JsonObject().put("productId", cable).put("quantity", 3))));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  /** The quote pass on both nodes, twice, as timers on two nodes would run it; then what it queued is sent. */
  private void quotePasses(Hub second) {
    for (int i = 0; i < 2; i++) {
      runPass("quote");
      second.jobs().run("quote").await();
    }
    awaitOutboxSent();
  }

  private List<String> followUpsTo(String wa) {
    return fake.sentTo(wa).stream().filter(s -> "template".equals(s.body().getString("type")))
        .map(s -> s.body().getJsonObject("template").getString("name")).toList();
  }

  private static String pdfText(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  @DisplayName("lines are priced from products with discount and tax; totals add up; validity defaults to 30 days")
  void totals() {
    JsonObject q = quote(customer("Camila Díaz", "es").getLong("leadId"));
    assertEquals("draft", q.getString("status"));
    assertEquals("CLP", q.getString("currency"));
    JsonObject first = q.getJsonArray("items").getJsonObject(0);
    assertEquals("180000.00", first.getString("net"), "2 × 100 000 less 10 %");
    assertEquals("34200.00", first.getString("tax"));
    assertEquals("92784.30", q.getJsonArray("items").getJsonObject(1).getString("total"), "3 × 25 990 + 19 %");
    assertEquals("257970.00", q.getString("net"));
    assertEquals("49014.30", q.getString("tax"));
    assertEquals("306984.30", q.getString("total"));
    assertEquals(LocalDate.now(ZoneId.of("America/Santiago")).plusDays(30).toString(), q.getString("validUntil"));
    assertTrue(q.getString("number").startsWith("COT-"));

    var badProduct = admin.post("/api/v1/quotes", new JsonObject().put("leadId", q.getLong("leadId"))
        .put("items", new JsonArray().add(new JsonObject().put("productId", 999999).put("quantity", 1))));
    assertEquals(422, badProduct.statusCode());
    assertEquals("items[0].productId", badProduct.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var badDiscount = admin.post("/api/v1/quotes", new JsonObject().put("leadId", q.getLong("leadId"))
        .put("items", new JsonArray().add(new JsonObject().put("productId", router).put("discountPct", 120))));
    assertEquals("items[0].discountPct", badDiscount.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var noItems = admin.post("/api/v1/quotes", new JsonObject().put("leadId", q.getLong("leadId")));
    assertEquals("items", noItems.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  @DisplayName("the PDF is a real PDF whose text holds the company, the items and the total, in Spanish or English")
  void pdf() throws Exception {
    JsonObject q = quote(customer("Ignacio Fuentes", "es").getLong("leadId"));
    var res = admin.get("/api/v1/quotes/" + q.getLong("id") + "/pdf");
    assertEquals(200, res.statusCode());
    assertEquals("application/pdf", res.getHeader("content-type"));
    byte[] bytes = res.body().getBytes();
    assertEquals("%PDF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    String text = pdfText(bytes);
    assertTrue(text.contains("Router WiFi 6 Empresarial"), text);
    assertTrue(text.contains("Cotización " + q.getString("number")), text);
    assertTrue(text.contains("Conecta Demo SpA"), text);
    assertTrue(text.contains("$306.984"), "CLP as written in Chile, without decimals: " + text);
    assertTrue(text.contains("Ignacio Fuentes"), text);

    JsonObject en = quote(customer("Mary Smith", "en").getLong("leadId"));
    assertEquals("en", en.getString("language"), "the contact's language");
    String english = pdfText(admin.get("/api/v1/quotes/" + en.getLong("id") + "/pdf").body().getBytes());
    assertTrue(english.contains("Quote " + en.getString("number")) && english.contains("Valid until"), english);
  }

  @Test
  @DisplayName("sent by WhatsApp as a document; accepted: administration notified, lead Won, then one order")
  void sendAcceptOrder() throws Exception {
    JsonObject who = customer("Valentina Muñoz", "es");
    JsonObject q = quote(who.getLong("leadId"));
    long id = q.getLong("id");
    assertEquals(409, admin.post("/api/v1/quotes/" + id + "/accept", new JsonObject()).statusCode(), "a draft is not accepted");
    var sent = signIn("ana@demo.conecta.cl").post("/api/v1/quotes/" + id + "/send", new JsonObject().put("channel", "whatsapp"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    assertEquals("sent", sent.bodyAsJsonObject().getString("status"));
    assertEquals(who.getLong("contactId"), count("select contact_id from conversations where id = "
        + sent.bodyAsJsonObject().getLong("conversationId")), "queued in the customer's own conversation");
    Await.until(() -> fake.sentTo(who.getString("wa")).size() == 1, "the document reached the fake WhatsApp");
    JsonObject body = fake.sentTo(who.getString("wa")).get(0).body();
    assertEquals("document", body.getString("type"), body.encode());
    assertEquals("Cotizacion-" + q.getString("number") + ".pdf", body.getJsonObject("document").getString("filename"));
    assertNotNull(body.getJsonObject("document").getString("id"), "uploaded as media first");
    assertEquals(1, count("select count(*) from messages m join conversations c on c.id = m.conversation_id where "
        + "m.content_type = 'document' and c.contact_id = " + who.getLong("contactId")));
    assertEquals(1, count("select count(*) from media_files where mime_type = 'application/pdf'"
        + " and key = (select pdf_storage_key from quotes where id = " + id + ")"));

    var accepted = admin.post("/api/v1/quotes/" + id + "/accept", new JsonObject());
    assertEquals(200, accepted.statusCode(), accepted.bodyAsString());
    assertEquals("accepted", accepted.bodyAsJsonObject().getString("status"));
    assertEquals(2, count("select count(*) from notifications where kind = 'quote.accepted' and user_id = 1"
        + " and payload ->> 'quoteId' = '" + id + "'"), "in the app and by email to the admin");
    assertEquals(0, count("select count(*) from notifications where kind = 'quote.accepted' and user_id <> 1"));
    assertEquals("won", admin.get("/api/v1/leads/" + who.getLong("leadId")).bodyAsJsonObject().getString("stage"));
    JsonArray history = admin.get("/api/v1/leads/" + who.getLong("leadId") + "/history").bodyAsJsonObject().getJsonArray("items");
    assertEquals("won", history.getJsonObject(history.size() - 1).getString("to"));
    assertEquals(409, admin.post("/api/v1/quotes/" + id + "/accept", new JsonObject()).statusCode());

    var order = admin.post("/api/v1/quotes/" + id + "/order", new JsonObject());
    assertEquals(201, order.statusCode(), order.bodyAsString());
    long orderId = order.bodyAsJsonObject().getLong("orderId");
    assertEquals(1, count("select count(*) from orders where id = " + orderId + " and external_id = 'quote:" + id
        + "' and total = 306984.30 and contact_id = " + who.getLong("contactId") + " and jsonb_array_length(items) = 2"));
    assertEquals(409, admin.post("/api/v1/quotes/" + id + "/order", new JsonObject()).statusCode(), "one order per quote");
    assertEquals(orderId, admin.get("/api/v1/quotes/" + id).bodyAsJsonObject().getLong("orderId"));
  }

  @Test
  @DisplayName("sent by email: the outbox holds an email with the PDF attached; a customer without WhatsApp is a 422")
  void sendByEmail() {
    JsonObject who = customer("Tomás Herrera", "es");
    long id = quote(who.getLong("leadId")).getLong("id");
    var sent = admin.post("/api/v1/quotes/" + id + "/send", new JsonObject().put("channel", "email"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    long messageId = sent.bodyAsJsonObject().getLong("messageId");
    assertEquals(1, count("select count(*) from outbox o join messages m on m.id = o.message_id where o.channel = 'email'"
        + " and m.id = " + messageId + " and m.attachments -> 0 ->> 'mimeType' = 'application/pdf'"));

    long bare = sql.query("insert into contacts (name) values ('Sin WhatsApp') returning id").execute().await()
        .iterator().next().getLong(0);
    var draft = admin.post("/api/v1/quotes", new JsonObject().put("contactId", bare)
        .put("items", new JsonArray().add(new JsonObject().put("productId", cable))));
    var refused = admin.post("/api/v1/quotes/" + draft.bodyAsJsonObject().getLong("id") + "/send",
        new JsonObject().put("channel", "whatsapp"));
    assertEquals(422, refused.statusCode());
    assertEquals("channel", refused.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals("draft", admin.get("/api/v1/quotes/" + draft.bodyAsJsonObject().getLong("id")).bodyAsJsonObject()
        .getString("status"));
  }

  @Test
  @DisplayName("a sent quote is followed up on day 3 and day 6, once each, with two hub nodes running the pass")
  void followUpsOnceEachOnTwoNodes() throws Exception {
    Hub second = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, new JsonObject()
        .put("whatsapp.graph-base-url", fake.baseUrl()).put("reminders.tick-seconds", 3600));
    try {
      JsonObject who = customer("Francisca Vidal", "es");
      long id = quote(who.getLong("leadId")).getLong("id");
      assertEquals(200, admin.post("/api/v1/quotes/" + id + "/send", new JsonObject().put("channel", "whatsapp")).statusCode());
      Await.until(() -> fake.sentTo(who.getString("wa")).size() == 1, "the document");
      quotePasses(second);
      assertEquals(List.of(), followUpsTo(who.getString("wa")), "nothing before day 3");

      sql.query("update quotes set sent_at = now() - interval '3 days 1 hour' where id = " + id).execute().await();
      quotePasses(second);
      assertEquals(List.of("quote_followup"), followUpsTo(who.getString("wa")));

      sql.query("update quotes set sent_at = now() - interval '6 days 1 hour' where id = " + id).execute().await();
      quotePasses(second);
      assertEquals(List.of("quote_followup", "quote_followup"), followUpsTo(who.getString("wa")));
      JsonArray params = fake.sentTo(who.getString("wa")).get(1).body().getJsonObject("template").getJsonArray("components")
          .getJsonObject(0).getJsonArray("parameters");
      assertEquals("Francisca Vidal", params.getJsonObject(0).getString("text"));
      assertEquals(2, count("select count(*) from reminder_sends where rule = 'quote-followup' and record_id = " + id
          + " and occurrence in ('1', '2')"));
      assertEquals(2, count("select count(*) from activities where kind = 'follow_up' and lead_id = " + who.getLong("leadId")
          + " and title like 'Seguimiento de cotización enviado:%'"));

      assertEquals(200, admin.post("/api/v1/quotes/" + id + "/reject", new JsonObject()).statusCode());
      sql.query("update quotes set sent_at = now() - interval '9 days 1 hour' where id = " + id).execute().await();
      quotePasses(second);
      assertEquals(2, followUpsTo(who.getString("wa")).size(), "a rejected quote is not followed up");
    } finally {
      second.stop().await();
    }
  }

  @Test
  @DisplayName("a sent quote past its validity expires and is no longer followed up")
  void expiry() throws Exception {
    JsonObject who = customer("Diego Araya", "es");
    long id = quote(who.getLong("leadId")).getLong("id");
    assertEquals(200, admin.post("/api/v1/quotes/" + id + "/send", new JsonObject().put("channel", "whatsapp")).statusCode());
    sql.query("update quotes set valid_until = current_date - 2, sent_at = now() - interval '3 days 1 hour' where id = " + id)
        .execute().await();
    runPass("quote");
    assertEquals("expired", admin.get("/api/v1/quotes/" + id).bodyAsJsonObject().getString("status"));
    runPass("quote");
    awaitOutboxSent();
    assertEquals(List.of(), followUpsTo(who.getString("wa")));
    assertEquals(409, admin.post("/api/v1/quotes/" + id + "/send", new JsonObject().put("channel", "whatsapp")).statusCode());
  }
}
