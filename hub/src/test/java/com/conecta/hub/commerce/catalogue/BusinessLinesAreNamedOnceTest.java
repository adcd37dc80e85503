package com.conecta.hub.commerce.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.bots.flow.FlowDefinition;
import com.conecta.hub.marketing.bot.BotFlows;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One catalogue of business lines names what the company sells for the bot, the forms and the divisions")
class BusinessLinesAreNamedOnceTest extends HubTestBase {

  @Test
  @DisplayName("GET /business-lines lists config/catalogue.yaml's lines with their names and divisions")
  void listsTheLines() {
    var res = admin.get("/api/v1/business-lines");
    assertEquals(200, res.statusCode());
    JsonArray items = res.bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("climatizacion", "seguridad", "redes", "solar", "computacion", "telefonia"),
        items.stream().map(o -> ((JsonObject) o).getString("key")).toList());
    JsonObject seguridad = items.getJsonObject(1);
    assertEquals("security", seguridad.getString("division"));
    assertEquals("Cámaras y seguridad", seguridad.getString("nameEs"));
    assertTrue(seguridad.getJsonArray("aliases").contains("security"));
  }

  @Test
  @DisplayName("the bot's sales flow asks the catalogue's lines (not the ones it does not sell by chat) and knows their old names")
  void botAsksTheCatalogue() {
    BusinessCatalogue catalogue = BusinessCatalogue.load();
    FlowDefinition sales = BotFlows.load(catalogue::fillChoices).get("sales");
    FlowDefinition.Question interest = sales.questions().stream().filter(q -> q.id().equals("interest_area"))
        .findFirst().orElseThrow();
    assertEquals(List.of("climatizacion", "seguridad", "redes", "solar", "computacion"),
        interest.choices().stream().map(FlowDefinition.Choice::id).toList());
    assertTrue(interest.choices().get(1).synonyms().contains("security"), "an alias is a word the bot understands");
  }

  @Test
  @DisplayName("the quote form offers the catalogue's lines plus 'otro', and an old value such as 'internet' is stored as 'redes'")
  void quoteFormReadsTheCatalogue() {
    WebClient http = WebClient.create(vertx);
    JsonObject definition = http.get(hub.port(), "127.0.0.1", "/forms/quote/definition").send().await()
        .bodyAsJsonObject();
    JsonObject product = definition.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals("product")).findFirst().orElseThrow();
    assertEquals(List.of("climatizacion", "seguridad", "redes", "solar", "computacion", "telefonia", "otro"),
        product.getJsonArray("choices").stream().map(c -> ((JsonObject) c).getString("value")).toList());

    var res = http.post(hub.port(), "127.0.0.1", "/forms/quote").putHeader("content-type", "application/json")
        .sendJsonObject(new JsonObject().put("name", "Iván Soto").put("phone", "+56 9 8765 4321")
            .put("product", "internet")).await();
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonObject lead = admin.get("/api/v1/leads/" + res.bodyAsJsonObject().getLong("leadId")).bodyAsJsonObject();
    assertEquals("redes", lead.getString("interestArea"));

    var bad = http.post(hub.port(), "127.0.0.1", "/forms/quote").putHeader("content-type", "application/json")
        .sendJsonObject(new JsonObject().put("name", "Iván Soto").put("phone", "+56 9 8765 4321")
            .put("product", "drones")).await();
    assertEquals(422, bad.statusCode(), "a value that names no line is still refused");
    assertEquals("product", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  @DisplayName("a lead qualified as 'seguridad' converts into the security division without anyone translating")
  void conversionTakesTheLinesDivision() {
    long contactId = admin.post("/api/v1/contacts", new JsonObject().put("name", "Rosa Paz")).bodyAsJsonObject()
        .getLong("id");
    long leadId = admin.post("/api/v1/leads", new JsonObject().put("title", "Cámaras").put("contactId", contactId)
        .put("interestArea", "seguridad")).bodyAsJsonObject().getLong("id");
    JsonObject body = new JsonObject().put("accountKind", "residential").put("accountName", "Rosa Paz")
        .put("opportunity", new JsonObject().put("name", "4 cámaras").put("amount", "900000"));
    var res = admin.post("/api/v1/leads/" + leadId + "/convert", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonObject opp = admin.get("/api/v1/opportunities/" + res.bodyAsJsonObject().getLong("opportunityId"))
        .bodyAsJsonObject();
    assertEquals(new JsonArray().add("security"), opp.getJsonArray("divisions"));

    long other = admin.post("/api/v1/leads", new JsonObject().put("title", "Paneles").put("contactId", contactId))
        .bodyAsJsonObject().getLong("id");
    var named = admin.post("/api/v1/leads/" + other + "/convert", body.copy().put("accountName", "Rosa Paz 2")
        .put("opportunity", body.getJsonObject("opportunity").copy().put("divisions", new JsonArray().add("solar"))));
    assertEquals(201, named.statusCode(), named.bodyAsString());
    assertEquals(new JsonArray().add("energy"), admin.get("/api/v1/opportunities/"
        + named.bodyAsJsonObject().getLong("opportunityId")).bodyAsJsonObject().getJsonArray("divisions"),
        "a line's name given as a division is read as its division");

    long none = admin.post("/api/v1/leads", new JsonObject().put("title", "Sin interés").put("contactId", contactId))
        .bodyAsJsonObject().getLong("id");
    var missing = admin.post("/api/v1/leads/" + none + "/convert", body.copy().put("accountName", "Nadie SpA"));
    assertEquals(422, missing.statusCode(), missing.bodyAsString());
    assertEquals("opportunity.divisions", missing.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(0, count("select count(*) from accounts where name = 'Nadie SpA'"), "a refused conversion stores nothing");
  }

  @Test
  @DisplayName("a catalogue line without a division, or with a bot title too long for WhatsApp, stops the start with its name")
  void badCatalogueIsRefused() {
    var noDivision = assertThrows(IllegalStateException.class, () -> BusinessCatalogue.parse(Map.of("business-lines",
        List.of(Map.of("key", "drones", "name", Map.of("es", "Drones", "en", "Drones"))))));
    assertTrue(noDivision.getMessage().contains("'drones'") && noDivision.getMessage().contains("division"));
    var longTitle = assertThrows(IllegalStateException.class, () -> BusinessCatalogue.parse(Map.of("business-lines",
        List.of(Map.of("key", "x", "division", "x", "name",
            Map.of("es", "Un nombre larguísimo de más de veinticuatro", "en", "x"))))));
    assertTrue(longTitle.getMessage().contains("24"));
  }
}
