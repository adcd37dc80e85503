package com.conecta.hub.channels.webform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Web forms into the inbox and the CRM")
class WebFormsTest extends HubTestBase {
  private WebClient http;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("forms.per-ip-per-minute", 1000).put("whatsapp.app-secret", "form-secret");
  }

  @BeforeAll
  void client() {
    http = WebClient.create(vertx);
    signIn("ana@demo.conecta.cl").post("/api/v1/presence", new JsonObject().put("availability", "online"));
  }

  private HttpResponse<Buffer> postJson(String form, JsonObject body, String origin) {
    var req = http.post(hub.port(), "127.0.0.1", "/forms/" + form).putHeader("content-type", "application/json");
    if (origin != null) {
      req.putHeader("Origin", origin);
    }
    return req.sendJsonObject(body).await();
  }

  private long stored() {
    return count("select (select count(*) from messages) + (select count(*) from leads) + (select count(*) from contacts)");
  }

  @Test
  @DisplayName("a valid submission opens a conversation, makes a web-form lead with its UTM and owner, and offers WhatsApp")
  void validSubmission() {
    var res = postJson("contact", new JsonObject().put("name", "Lucía Vera").put("email", "lucia@vera.cl")
        .put("phone", "9 8765 4321").put("message", "Quiero cotizar cámaras para mi local")
        .put("utm_source", "google").put("utm_campaign", "camaras-nov"), "https://www.example.com");
    assertEquals(201, res.statusCode(), res.bodyAsString());
    assertEquals("https://www.example.com", res.getHeader("access-control-allow-origin"));
    JsonObject answer = res.bodyAsJsonObject();
    String code = answer.getString("referenceCode");
    assertNotNull(code);
    assertTrue(answer.getString("whatsappUrl").startsWith("https://wa.me/56950000001?text="));
    JsonObject lead = admin.get("/api/v1/leads/" + answer.getLong("leadId")).bodyAsJsonObject();
    assertEquals("webform", lead.getString("source"));
    assertEquals("camaras-nov", lead.getString("campaign"));
    assertEquals("google", lead.getJsonObject("customAttributes").getString("utm_source"));
    assertEquals(code, lead.getJsonObject("customAttributes").getString("referenceCode"));
    assertEquals(2L, lead.getLong("assigneeId"), "the Ventas round-robin gives it to the online agent");
    var conv = admin.get("/api/v1/conversations?inboxId=4").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("Lucía Vera", conv.getJsonObject("contact").getString("name"));
    assertTrue(conv.getString("lastMessagePreview").contains(code));
  }

  @Test
  @DisplayName("missing and invalid fields are answered per field; a filled honeypot is answered OK; nothing is stored")
  void refusedSubmissions() {
    long before = stored();
    var res = postJson("contact", new JsonObject().put("email", "no-es-correo").put("message", "hola"), null);
    assertEquals(422, res.statusCode());
    var fields = res.bodyAsJsonObject().getJsonArray("fields");
    assertTrue(fields.stream().anyMatch(f -> "name".equals(((JsonObject) f).getString("field"))
        && "required".equals(((JsonObject) f).getString("code"))));
    assertTrue(fields.stream().anyMatch(f -> "email".equals(((JsonObject) f).getString("field"))
        && "invalid_email".equals(((JsonObject) f).getString("code"))));
    var spam = postJson("contact", new JsonObject().put("name", "Bot").put("email", "bot@spam.cl").put("message", "x")
        .put("website", "http://spam"), null);
    assertEquals(201, spam.statusCode());
    assertEquals(403, postJson("contact", new JsonObject().put("name", "x"), "https://evil.example").statusCode());
    assertEquals(404, postJson("nope", new JsonObject(), null).statusCode());
    assertEquals(400, http.post(hub.port(), "127.0.0.1", "/forms/contact").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer("{broken")).await().statusCode());
    assertEquals(before, stored());
  }

  @Test
  @DisplayName("an HTML form post redirects to the thank-you page; the definition and the embed script are served")
  void htmlPostAndEmbed() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("name", "Tomás").add("email", "tomas@x.cl")
        .add("product", "climatizacion").add("phone", "+56 9 1111 2222");
    var res = http.post(hub.port(), "127.0.0.1", "/forms/quote").followRedirects(false).sendForm(form).await();
    assertTrue(res.statusCode() == 303 || res.statusCode() == 422, res.bodyAsString());
    var definition = http.get(hub.port(), "127.0.0.1", "/forms/quote/definition").send().await().bodyAsJsonObject();
    assertEquals("quote", definition.getString("key"));
    assertTrue(definition.getJsonArray("fields").size() > 2);
    var script = http.get(hub.port(), "127.0.0.1", "/forms/embed.js").send().await();
    assertEquals(200, script.statusCode());
    assertTrue(script.bodyAsString().contains("textContent"));
  }

  @Test
  @DisplayName("a WhatsApp message quoting the reference code joins the lead's contact and links the chat")
  void whatsappLink() throws Exception {
    JsonObject answer = postJson("contact", new JsonObject().put("name", "Marta Ríos").put("email", "marta@rios.cl")
        .put("message", "Necesito mantención"), null).bodyAsJsonObject();
    String code = answer.getString("referenceCode");
    Buffer body = WhatsAppPayloads.text("100000000000001", "56933334444", "Marta", "wamid.form-1",
        "Hola, les escribí desde la web. Mi código es " + code).toBuffer();
    assertEquals(200, http.post(hub.port(), "127.0.0.1", "/webhooks/whatsapp").putHeader("content-type", "application/json")
        .putHeader("X-Hub-Signature-256", WhatsAppSignature.sign("form-secret", body.getBytes())).sendBuffer(body).await()
        .statusCode());
    long leadId = answer.getLong("leadId");
    awaitUntil(() -> admin.get("/api/v1/leads/" + leadId).bodyAsJsonObject().getJsonObject("customAttributes")
        .getLong("whatsappConversationId") != null, "the chat is linked");
    long contact = admin.get("/api/v1/leads/" + leadId).bodyAsJsonObject().getLong("contactId");
    assertEquals(1, count("select count(*) from contact_identities where contact_id = " + contact
        + " and kind = 'whatsapp' and value = '56933334444'"), "the WhatsApp number now names the form's contact");
  }

  /** This class's waits are longer than the kit's default (the bot, big campaigns). */
  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    Await.until(condition, what, java.time.Duration.ofMillis(10000));
  }
}
