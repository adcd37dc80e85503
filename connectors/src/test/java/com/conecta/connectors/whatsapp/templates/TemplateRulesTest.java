package com.conecta.connectors.whatsapp.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Meta's template rules, checked before submitting, and its review webhook")
class TemplateRulesTest {
  private static JsonObject template(String body, JsonArray examples, JsonObject... more) {
    JsonArray components = new JsonArray().add(new JsonObject().put("type", "BODY").put("text", body)
        .put("example", new JsonObject().put("body_text", new JsonArray().add(examples))));
    for (JsonObject c : more) {
      components.add(c);
    }
    return new JsonObject().put("name", "aviso_despacho").put("language", "es_CL").put("category", "UTILITY")
        .put("components", components);
  }

  private static String field(JsonObject t) {
    TemplateRules.Violation v = TemplateRules.check(t);
    return v == null ? null : v.field();
  }

  @Test
  @DisplayName("a template within every limit passes: 1,024-character body, 60-character header and footer, 10 buttons")
  void atTheLimits() {
    String body = "Hola {{1}}, " + "a".repeat(1024 - 12 - 1) + ".";
    assertEquals(1024, body.length());
    JsonArray buttons = new JsonArray()
        .add(new JsonObject().put("type", "URL").put("text", "Seguir pedido").put("url", "https://demo.conecta.cl/p"))
        .add(new JsonObject().put("type", "URL").put("text", "Ver boleta").put("url", "https://demo.conecta.cl/b"))
        .add(new JsonObject().put("type", "PHONE_NUMBER").put("text", "Llamar").put("phone_number", "+56912345678"));
    for (int i = 0; i < 7; i++) {
      buttons.add(new JsonObject().put("type", "QUICK_REPLY").put("text", "x".repeat(25 - 1) + i));
    }
    assertNull(TemplateRules.check(template(body, new JsonArray().add("Marta"),
        new JsonObject().put("type", "HEADER").put("format", "TEXT").put("text", "Pedido {{1}} " + "h".repeat(47))
            .put("example", new JsonObject().put("header_text", new JsonArray().add("A-1"))),
        new JsonObject().put("type", "FOOTER").put("text", "f".repeat(60)),
        new JsonObject().put("type", "BUTTONS").put("buttons", buttons))));
  }

  @Test
  @DisplayName("each broken rule names its field")
  void brokenRules() {
    JsonArray one = new JsonArray().add("Marta");
    String ok = "Hola {{1}}, gracias.";
    assertEquals("name", field(template(ok, one).put("name", "Aviso")));
    assertEquals("name", field(template(ok, one).put("name", "a".repeat(513))));
    assertEquals("language", field(template(ok, one).put("language", "ES")));
    assertEquals("category", field(template(ok, one).put("category", "promo")));
    assertEquals("components.body.text", field(template("Hola {{1}}, " + "a".repeat(1013) + ".", one)));
    assertEquals("components.body.text", field(template("Hola {{2}}, gracias.", one)), "{{1}} missing");
    assertEquals("components.body.text", field(template("Hola {{nombre}}, gracias.", one)), "not numbered");
    assertEquals("components.body.example", field(template("Hola {{1}} y {{2}}, gracias.", one)));
    assertEquals("components.body.example", field(template(ok, new JsonArray().add(" "))));
    assertEquals("components.body.text", field(template("Gracias {{1}}", one)), "ends with a placeholder");
    assertEquals("components.header.text", field(template(ok, one,
        new JsonObject().put("type", "HEADER").put("format", "TEXT").put("text", "h".repeat(61)))));
    assertEquals("components.header.text", field(template(ok, one, new JsonObject().put("type", "HEADER")
        .put("text", "{{1}} y {{2}}").put("example", new JsonObject().put("header_text", new JsonArray().add("a").add("b"))))),
        "one placeholder at most in a header");
    assertEquals("components.header.example", field(template(ok, one,
        new JsonObject().put("type", "HEADER").put("text", "Pedido {{1}}"))));
    assertEquals("components.footer.text", field(template(ok, one,
        new JsonObject().put("type", "FOOTER").put("text", "f".repeat(61)))));
    assertEquals("components.footer.text", field(template(ok, one,
        new JsonObject().put("type", "FOOTER").put("text", "Hola {{1}}"))));
    JsonArray eleven = new JsonArray();
    for (int i = 0; i < 11; i++) {
      eleven.add(new JsonObject().put("type", "QUICK_REPLY").put("text", "Opción " + i));
    }
    assertEquals("components.buttons", field(template(ok, one, new JsonObject().put("type", "BUTTONS").put("buttons", eleven))));
    JsonArray threeUrls = new JsonArray();
    for (int i = 0; i < 3; i++) {
      threeUrls.add(new JsonObject().put("type", "URL").put("text", "Ver " + i).put("url", "https://x.cl/" + i));
    }
    assertEquals("components.buttons", field(template(ok, one, new JsonObject().put("type", "BUTTONS").put("buttons", threeUrls))));
    assertEquals("components.buttons[0].text", field(template(ok, one, new JsonObject().put("type", "BUTTONS")
        .put("buttons", new JsonArray().add(new JsonObject().put("type", "QUICK_REPLY").put("text", "z".repeat(26)))))));
    assertEquals("components.buttons[0].url", field(template(ok, one, new JsonObject().put("type", "BUTTONS")
        .put("buttons", new JsonArray().add(new JsonObject().put("type", "URL").put("text", "Ver").put("url", "javascript:x"))))));
    assertEquals("components.body", field(template(ok, one, new JsonObject().put("type", "BODY").put("text", "otra"))),
        "one body");
    assertEquals("components.body.text", field(template(ok, one).put("components", new JsonArray())));
  }

  @Test
  @DisplayName("the shared fixture's message_template_status_update reads as a rejection with its reason")
  void fixtureParses() throws Exception {
    Path fixture = Path.of("..", "..", "shared", "fixtures", "whatsapp-cloud", "other", "template-status-rejected.json");
    JsonObject body = new JsonObject(Files.readString(fixture));
    JsonObject entry = body.getJsonArray("entry").getJsonObject(0);
    JsonObject change = entry.getJsonArray("changes").getJsonObject(0).copy().put("wabaId", entry.getValue("id"));
    TemplateStatusUpdate u = TemplateStatusUpdate.from(change);
    assertEquals(new TemplateStatusUpdate("880480871844883", "REJECTED", "905507062668800", "schedule_confirmation4",
        "pt_BR", "SCAM"), u);
    assertNull(TemplateStatusUpdate.from(change.copy().put("field", "phone_number_quality_update")));
  }
}
