package com.conecta.hub.commerce.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stages move by themselves where the work says so, each move kept with its cause")
class StagesMoveByThemselvesTest extends HubTestBase {
  private static final AtomicLong IDS = new AtomicLong(56972340000L);
  private FakeWhatsAppCloudApi fake;

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph().api();
    return new JsonObject().put("whatsapp.graph-base-url", fake.baseUrl());
  }

  /** A conversation on the API inbox and its lead at the given stage: {leadId, conversationId}. */
  private long[] leadInConversation(String stage) {
    String id = String.valueOf(IDS.incrementAndGet());
    long conversationId = admin.inbound(API_INBOX, "auto-" + id, "auto-" + id, "Cliente " + id, "Hola, quiero cotizar")
        .bodyAsJsonObject().getLong("conversationId");
    long contactId = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getJsonObject("contact")
        .getLong("id");
    var lead = admin.post("/api/v1/leads", new JsonObject().put("title", "Auto " + id).put("contactId", contactId)
        .put("conversationId", conversationId).put("stage", stage));
    assertEquals(201, lead.statusCode(), lead.bodyAsString());
    return new long[] {lead.bodyAsJsonObject().getLong("id"), conversationId};
  }

  private String stage(long leadId) {
    return admin.get("/api/v1/leads/" + leadId).bodyAsJsonObject().getString("stage");
  }

  private JsonObject lastMove(long leadId) {
    JsonArray history = admin.get("/api/v1/leads/" + leadId + "/history").bodyAsJsonObject().getJsonArray("items");
    return history.getJsonObject(history.size() - 1);
  }

  private void reply(long conversationId, String text) {
    var res = admin.post("/api/v1/conversations/" + conversationId + "/messages", new JsonObject().put("text", text));
    assertEquals(201, res.statusCode(), res.bodyAsString());
  }

  @Test
  @DisplayName("a person's first reply moves a new lead to Contacted (a private note does not; a later stage is kept)")
  void firstReplyContacts() {
    long[] lead = leadInConversation("new");
    var note = admin.post("/api/v1/conversations/" + lead[1] + "/notes", new JsonObject().put("text", "Llamar mañana"));
    assertEquals(201, note.statusCode(), note.bodyAsString());
    assertEquals("new", stage(lead[0]), "a private note is not an answer to the customer");
    reply(lead[1], "¡Hola! Te ayudo con la cotización");
    assertEquals("contacted", stage(lead[0]));
    JsonObject move = lastMove(lead[0]);
    assertEquals("new", move.getString("from"));
    assertEquals("first_reply", move.getString("cause"));
    assertEquals(1L, move.getLong("by"), "the person who answered");
    reply(lead[1], "¿Me confirmas la dirección?");
    assertEquals(2, admin.get("/api/v1/leads/" + lead[0] + "/history").bodyAsJsonObject().getJsonArray("items").size(),
        "later replies move nothing");

    long[] ahead = leadInConversation("pre_sale");
    reply(ahead[1], "Te envío la propuesta");
    assertEquals("pre_sale", stage(ahead[0]), "a lead past Contacted stays where a person put it");
  }

  @Test
  @DisplayName("a quote sent moves its lead to Informed and an accepted one to Won, each with its cause and who did it")
  void quotesInformAndWin() {
    var product = admin.post("/api/v1/products", new JsonObject().put("code", "AUTO-CAM").put("name", "Cámara IP 4 MP")
        .put("unitPrice", "89990").put("currency", "CLP"));
    assertEquals(201, product.statusCode(), product.bodyAsString());
    String wa = String.valueOf(IDS.incrementAndGet());
    long contact = sql.preparedQuery("insert into contacts (name, phone) values ('Marta Soto', $1) returning id")
        .execute(Tuple.of("+" + wa)).await().iterator().next().getLong(0);
    sql.preparedQuery("insert into contact_identities (contact_id, kind, value) values ($1, 'whatsapp', $2)")
        .execute(Tuple.of(contact, wa)).await();
    long leadId = admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Cámaras Soto"))
        .bodyAsJsonObject().getLong("id");
    long quoteId = admin.post("/api/v1/quotes", new JsonObject().put("leadId", leadId).put("items", new JsonArray()
        .add(new JsonObject().put("productId", product.bodyAsJsonObject().getLong("id")).put("quantity", 4))))
        .bodyAsJsonObject().getLong("id");
    var sent = admin.post("/api/v1/quotes/" + quoteId + "/send", new JsonObject().put("channel", "whatsapp"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    assertEquals("informed", stage(leadId));
    assertEquals("quote_sent", lastMove(leadId).getString("cause"));
    assertEquals(1L, lastMove(leadId).getLong("by"));

    assertEquals(200, admin.post("/api/v1/quotes/" + quoteId + "/accept", new JsonObject()).statusCode());
    assertEquals("won", stage(leadId));
    assertEquals("quote_accepted", lastMove(leadId).getString("cause"));
    assertEquals("informed", lastMove(leadId).getString("from"));
  }

  @Test
  @DisplayName("admins configure the moves: one turned off moves nothing; bad settings are refused and change nothing")
  void configurable() {
    JsonArray rules = admin.get("/api/v1/pipeline/automations").bodyAsJsonObject().getJsonArray("items");
    assertEquals(3, rules.size());
    assertEquals(403, signIn("ana@demo.conecta.cl").send(HttpMethod.PUT, "/api/v1/pipeline/automations/first_reply",
        new JsonObject().putNull("toStage")).statusCode());
    var badStage = admin.send(HttpMethod.PUT, "/api/v1/pipeline/automations/first_reply", new JsonObject().put("toStage", "nope"));
    assertEquals(422, badStage.statusCode());
    assertEquals("toStage", badStage.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(404, admin.send(HttpMethod.PUT, "/api/v1/pipeline/automations/visit_done", new JsonObject().putNull("toStage"))
        .statusCode());
    var missing = admin.send(HttpMethod.PUT, "/api/v1/pipeline/automations/first_reply", new JsonObject());
    assertEquals(422, missing.statusCode());
    assertEquals("toStage", missing.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(1, count("select count(*) from lead_stage_automations where event = 'first_reply' and to_stage = 'contacted'"),
        "refused settings changed nothing");

    assertEquals(200, admin.send(HttpMethod.PUT, "/api/v1/pipeline/automations/first_reply", new JsonObject().putNull("toStage"))
        .statusCode());
    try {
      long[] lead = leadInConversation("new");
      reply(lead[1], "Hola");
      assertEquals("new", stage(lead[0]), "the move is off");
    } finally {
      admin.send(HttpMethod.PUT, "/api/v1/pipeline/automations/first_reply", new JsonObject().put("toStage", "contacted"));
    }
  }
}
