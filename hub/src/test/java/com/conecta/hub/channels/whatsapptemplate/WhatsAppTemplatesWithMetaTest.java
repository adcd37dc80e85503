package com.conecta.hub.channels.whatsapptemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Fixtures;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WhatsApp templates managed with Meta")
class WhatsAppTemplatesWithMetaTest extends HubTestBase {
  private static final String SECRET = "templates-secret";
  /** The account of the sandbox's inboxes when they name none (inbox 1, WhatsApp Ventas). */
  private static final String DEMO_WABA = WhatsAppTemplateModule.SANDBOX_WABA_ID;
  private FakeWhatsAppCloudApi fake;
  private WebClient http;

  @Override
  protected JsonObject extraConfig() {
    fake = new FakeWhatsAppCloudApi(vertx);
    fake.start(0).await();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl());
  }

  @BeforeAll
  void callbacks() {
    fake.callbacks("http://127.0.0.1:" + hub.port() + "/webhooks/whatsapp", SECRET).statusDelayMs(20);
    fake.templates().decisionDelayMs(300);
    http = WebClient.create(vertx);
  }

  private static JsonObject definition(String name, String language, String body, JsonArray examples) {
    return new JsonObject().put("inboxId", 1).put("name", name).put("language", language).put("category", "UTILITY")
        .put("components", new JsonArray()
            .add(new JsonObject().put("type", "HEADER").put("format", "TEXT").put("text", "Pedido listo"))
            .add(new JsonObject().put("type", "BODY").put("text", body)
                .put("example", new JsonObject().put("body_text", new JsonArray().add(examples))))
            .add(new JsonObject().put("type", "FOOTER").put("text", "Conecta Demo"))
            .add(new JsonObject().put("type", "BUTTONS").put("buttons", new JsonArray()
                .add(new JsonObject().put("type", "QUICK_REPLY").put("text", "Gracias")))));
  }

  private JsonObject template(String name, String language) {
    return admin.get("/api/v1/whatsapp-templates?inboxId=1").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(t -> t.getString("name").equals(name) && t.getString("language").equals(language))
        .findFirst().orElse(null);
  }

  private void signedWebhook(Buffer body) {
    var res = http.post(hub.port(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign(SECRET, body.getBytes())).sendBuffer(body).await();
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  private static void waitFor(BooleanSupplier c, String what) throws InterruptedException {
    com.conecta.hub.support.Await.until(c, what);
  }

  @Test
  @DisplayName("a template created in Settings goes PENDING → APPROVED by the fake's webhook, then a campaign sends it")
  void createdApprovedAndSentInACampaign() throws Exception {
    String waId = "56971110001";
    fake.templates().decisionDelayMs(2_000); // time to see it pending, even on a busy machine
    signedWebhook(WhatsAppPayloads.text("100000000000001", waId, "Marta Rojas", "wamid.tpl-1", "hola").toBuffer());
    var created = admin.post("/api/v1/whatsapp-templates", definition("pedido_listo", "es_CL",
        "Hola {{1}}, tu pedido {{2}} está listo para retiro.", new JsonArray().add("Marta").add("A-1001")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("PENDING", created.bodyAsJsonObject().getString("status"));
    assertNotNull(created.bodyAsJsonObject().getString("metaId"));
    JsonObject submitted = fake.templates().created().get(fake.templates().created().size() - 1);
    assertEquals("pedido_listo", submitted.getString("name"));
    assertEquals("Marta", submitted.getJsonArray("components").getJsonObject(1).getJsonObject("example")
        .getJsonArray("body_text").getJsonArray(0).getString(0), "the examples go to Meta with the body");

    var pendingSend = http.postAbs(fake.baseUrl() + "/v21.0/100000000000001/messages").bearerTokenAuthentication("t")
        .sendJsonObject(new JsonObject().put("messaging_product", "whatsapp").put("to", waId).put("type", "template")
            .put("template", new JsonObject().put("name", "pedido_listo").put("language", new JsonObject().put("code", "es_CL"))))
        .await();
    assertEquals(132001, pendingSend.bodyAsJsonObject().getJsonObject("error").getInteger("code"),
        "the fake, as Meta, does not send a template under review");
    var tooEarly = admin.post("/api/v1/campaigns", campaign("Retiros (pendiente)"));
    assertEquals(422, tooEarly.statusCode(), "a template still pending at Meta cannot be sent: " + tooEarly.bodyAsString());

    waitFor(() -> "APPROVED".equals(template("pedido_listo", "es_CL").getString("status")), "Meta's approval arrives");
    fake.templates().decisionDelayMs(300);
    var offered = admin.get("/api/v1/whatsapp-templates/approved?inboxId=1&language=es").bodyAsJsonObject().getJsonArray("items");
    assertTrue(offered.stream().anyMatch(o -> "pedido_listo".equals(((JsonObject) o).getString("name"))),
        "offered to the pickers in Spanish");
    assertTrue(admin.get("/api/v1/whatsapp-templates/approved?inboxId=1&language=en").bodyAsJsonObject()
        .getJsonArray("items").isEmpty(), "not offered in English");

    var c = admin.post("/api/v1/campaigns", campaign("Retiros"));
    assertEquals(201, c.statusCode(), c.bodyAsString());
    long id = c.bodyAsJsonObject().getLong("id");
    int before = fake.sent().size();
    assertEquals(200, admin.post("/api/v1/campaigns/" + id + "/launch", new JsonObject()).statusCode());
    waitFor(() -> "completed".equals(admin.get("/api/v1/campaigns/" + id).bodyAsJsonObject().getString("status")),
        "the campaign completes");
    var sent = fake.sent().subList(before, fake.sent().size()).stream().filter(s -> waId.equals(s.to())).toList();
    assertEquals(1, sent.size(), "the contact gets it once");
    JsonObject t = sent.get(0).body().getJsonObject("template");
    assertEquals("pedido_listo", t.getString("name"));
    assertEquals("es_CL", t.getJsonObject("language").getString("code"));
    JsonArray parameters = t.getJsonArray("components").getJsonObject(0).getJsonArray("parameters");
    assertEquals("Marta Rojas", parameters.getJsonObject(0).getString("text"));
    assertEquals("A-1001", parameters.getJsonObject(1).getString("text"));
    assertEquals(1, count("select count(*) from messages where content->>'name' = 'pedido_listo' and text = "
        + "'Hola Marta Rojas, tu pedido A-1001 está listo para retiro.'"), "the stored message is the text the customer read");
  }

  private static JsonObject campaign(String name) {
    return new JsonObject().put("name", name).put("inboxId", 1)
        .put("template", new JsonObject().put("name", "pedido_listo").put("language", "es_CL"))
        .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "A-1001")))
        .put("segment", new JsonObject());
  }

  @Test
  @DisplayName("Meta's rejection (the fake's rule) shows with its reason, and the template is not offered")
  void rejectedWithReason() throws Exception {
    var created = admin.post("/api/v1/whatsapp-templates", definition("oferta_rechazable", "es",
        "Hola {{1}}, mira nuestra oferta de hoy.", new JsonArray().add("Marta")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    waitFor(() -> "REJECTED".equals(template("oferta_rechazable", "es").getString("status")), "Meta's rejection arrives");
    assertEquals("INVALID_FORMAT", template("oferta_rechazable", "es").getString("rejectionReason"));
    assertTrue(admin.get("/api/v1/whatsapp-templates/approved?language=es").bodyAsJsonObject().getJsonArray("items")
        .stream().noneMatch(o -> "oferta_rechazable".equals(((JsonObject) o).getString("name"))));
  }

  @Test
  @DisplayName("the fixture's message_template_status_update parses and updates the account's template row")
  void fixtureUpdatesTheRow() throws Exception {
    String waba = "880480871844883";
    assertEquals(200, admin.patch("/api/v1/inboxes/2/settings", new JsonObject()
        .put("settings", new JsonObject().put("wabaId", waba))).statusCode());
    fake.templates().put(waba, new JsonObject().put("id", "905507062668800").put("name", "schedule_confirmation4")
        .put("language", "pt_BR").put("category", "UTILITY").put("status", "PENDING").put("components", new JsonArray()
            .add(new JsonObject().put("type", "BODY").put("text", "Olá {{1}}, confirmado."))));
    var synced = admin.post("/api/v1/whatsapp-templates/sync", new JsonObject().put("inboxId", 2));
    assertEquals(200, synced.statusCode(), synced.bodyAsString());
    assertEquals(1, count("select count(*) from whatsapp_templates where waba_id = '" + waba
        + "' and name = 'schedule_confirmation4' and status = 'PENDING'"));
    signedWebhook(Buffer.buffer(Fixtures.bytes("whatsapp-cloud/other/template-status-rejected.json")));
    assertEquals(1, count("select count(*) from whatsapp_templates where waba_id = '" + waba
        + "' and name = 'schedule_confirmation4' and language = 'pt_BR' and status = 'REJECTED' and rejection_reason = 'SCAM'"
        + " and meta_id = '905507062668800'"));
  }

  @Test
  @DisplayName("sync keeps exactly what Meta lists, page after page, and drops what Meta no longer has")
  void syncFollowsPages() {
    String waba = "770000000000001";
    admin.post("/api/v1/inboxes", new JsonObject().put("name", "WhatsApp Norte").put("channel", "whatsapp")
        .put("channelAccountId", "100000000000055").put("teamId", 1)
        .put("settings", new JsonObject().put("accessToken", "t").put("wabaId", waba)));
    long inbox = admin.get("/api/v1/inboxes").bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(i -> "WhatsApp Norte".equals(i.getString("name"))).findFirst().orElseThrow().getLong("id");
    for (int i = 0; i < 230; i++) {
      fake.templates().put(waba, new JsonObject().put("name", "aviso_" + i).put("language", i % 2 == 0 ? "es" : "en_US")
          .put("category", "MARKETING").put("status", "APPROVED").put("components", new JsonArray()
              .add(new JsonObject().put("type", "BODY").put("text", "Aviso número " + i))));
    }
    var synced = admin.post("/api/v1/whatsapp-templates/sync", new JsonObject().put("inboxId", inbox));
    assertEquals(230, synced.bodyAsJsonObject().getInteger("synced"), synced.bodyAsString());
    assertEquals(230, count("select count(*) from whatsapp_templates where waba_id = '" + waba + "'"));
    assertEquals(115, admin.get("/api/v1/whatsapp-templates/approved?inboxId=" + inbox + "&language=en")
        .bodyAsJsonObject().getJsonArray("items").size(), "en takes en_US");
    admin.delete("/api/v1/whatsapp-templates/" + count("select id from whatsapp_templates where waba_id = '" + waba
        + "' and name = 'aviso_0'"));
    assertEquals(229, fake.templates().of(waba).size(), "deleted at Meta");
    assertEquals(229, count("select count(*) from whatsapp_templates where waba_id = '" + waba + "'"), "and here");
  }

  @Test
  @DisplayName("Meta's limits are checked before submitting: refused with 422 and the field, nothing reaches Meta")
  void limitsRefusedWithField() {
    int before = fake.templates().created().size();
    JsonArray one = new JsonArray().add("Marta");
    String ok = "Hola {{1}}, gracias por escribirnos.";
    refused(definition("Aviso Despacho", "es", ok, one), "name");
    refused(definition("aviso_despacho", "español", ok, one), "language");
    refused(definition("aviso_despacho", "es", ok, one).put("category", "PROMO"), "category");
    refused(definition("aviso_despacho", "es", "Hola {{1}}, " + "a".repeat(1020) + ".", one), "components.body.text");
    refused(definition("aviso_despacho", "es", "Hola {{1}} y {{3}}, listo.", new JsonArray().add("a").add("b")),
        "components.body.text");
    refused(definition("aviso_despacho", "es", ok, new JsonArray()), "components.body.example");
    refused(definition("aviso_despacho", "es", "{{1}}, gracias.", one), "components.body.text");
    JsonObject longHeader = definition("aviso_despacho", "es", ok, one);
    longHeader.getJsonArray("components").getJsonObject(0).put("text", "x".repeat(61));
    refused(longHeader, "components.header.text");
    JsonObject longFooter = definition("aviso_despacho", "es", ok, one);
    longFooter.getJsonArray("components").getJsonObject(2).put("text", "y".repeat(61));
    refused(longFooter, "components.footer.text");
    JsonObject elevenButtons = definition("aviso_despacho", "es", ok, one);
    JsonArray buttons = elevenButtons.getJsonArray("components").getJsonObject(3).getJsonArray("buttons");
    for (int i = 0; i < 10; i++) {
      buttons.add(new JsonObject().put("type", "QUICK_REPLY").put("text", "Opción " + i));
    }
    refused(elevenButtons, "components.buttons");
    JsonObject threeUrls = definition("aviso_despacho", "es", ok, one);
    for (int i = 0; i < 3; i++) {
      threeUrls.getJsonArray("components").getJsonObject(3).getJsonArray("buttons")
          .add(new JsonObject().put("type", "URL").put("text", "Ver " + i).put("url", "https://demo.conecta.cl/" + i));
    }
    refused(threeUrls, "components.buttons");
    assertEquals(before, fake.templates().created().size(), "nothing was submitted");
    assertEquals(0, count("select count(*) from whatsapp_templates where name = 'aviso_despacho'"));
    assertEquals(403, signIn("ana@demo.conecta.cl").post("/api/v1/whatsapp-templates",
        definition("aviso_despacho", "es", ok, one)).statusCode(), "agents do not create templates");
  }

  private void refused(JsonObject definition, String field) {
    var res = admin.post("/api/v1/whatsapp-templates", definition);
    assertEquals(422, res.statusCode(), res.bodyAsString());
    JsonObject error = res.bodyAsJsonObject().getJsonObject("error");
    assertEquals(field, error.getString("field"), error.encode());
    assertNotNull(error.getString("message"));
  }

  @Test
  @DisplayName("delete removes every language of the name at Meta and here; an unknown id is 404")
  void delete() throws Exception {
    assertEquals(201, admin.post("/api/v1/whatsapp-templates", definition("recordatorio_visita", "es",
        "Hola {{1}}, te visitamos mañana.", new JsonArray().add("Marta"))).statusCode());
    assertEquals(201, admin.post("/api/v1/whatsapp-templates", definition("recordatorio_visita", "en_US",
        "Hi {{1}}, we visit you tomorrow.", new JsonArray().add("Marta"))).statusCode());
    long id = template("recordatorio_visita", "es").getLong("id");
    var res = admin.delete("/api/v1/whatsapp-templates/" + id);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals(2, res.bodyAsJsonObject().getInteger("deleted"));
    assertTrue(fake.templates().of(DEMO_WABA).stream().noneMatch(t -> "recordatorio_visita".equals(t.getString("name"))));
    assertNull(template("recordatorio_visita", "en_US"));
    assertEquals(404, admin.delete("/api/v1/whatsapp-templates/" + id).statusCode());
    // The fake's decision for the deleted template must not bring it back. A template submitted after it is decided
    // after it (same delay, timers in order): once that one is approved, the deleted one's decision has been made.
    assertEquals(201, admin.post("/api/v1/whatsapp-templates", definition("marcador_tras_borrar", "es",
        "Hola {{1}}, gracias.", new JsonArray().add("Marta"))).statusCode());
    waitFor(() -> template("marcador_tras_borrar", "es") != null
        && "APPROVED".equals(template("marcador_tras_borrar", "es").getString("status")), "the later template's decision");
    assertNull(template("recordatorio_visita", "es"));
    assertEquals(0, count("select count(*) from whatsapp_templates where name = 'recordatorio_visita'"));
  }
}
