package com.conecta.hub.customers.customfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Await;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.FakeGraphTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Custom fields on CRM records: definitions, validation, list filters, segments, template parameters, bot")
class CustomFieldsTest extends FakeGraphTestBase {
  @Override
  protected JsonObject moreConfig() {
    return new JsonObject().put("bot.enabled", "true");
  }

  private JsonObject field(JsonObject body) {
    var res = admin.post("/api/v1/custom-fields", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  @BeforeAll
  void fields() {
    field(new JsonObject().put("entity", "contact").put("key", "plan").put("type", "choice")
        .put("label", new JsonObject().put("es", "Plan").put("en", "Plan")).put("choices", new JsonArray().add("oro").add("plata")));
    field(new JsonObject().put("entity", "contact").put("key", "employees").put("type", "number").put("label", "Empleados"));
    field(new JsonObject().put("entity", "contact").put("key", "since").put("type", "date").put("label", "Cliente desde"));
    field(new JsonObject().put("entity", "contact").put("key", "vip").put("type", "checkbox").put("label", "VIP"));
    field(new JsonObject().put("entity", "account").put("key", "credit").put("type", "money").put("label", "Crédito"));
    field(new JsonObject().put("entity", "ticket").put("key", "serial").put("type", "text").put("label", "N° de serie")
        .put("required", true));
    field(new JsonObject().put("entity", "lead").put("key", "budget").put("type", "money").put("label", "Presupuesto"));
  }

  private static String errorField(HttpResponse<Buffer> res) {
    return res.bodyAsJsonObject().getJsonObject("error").getString("field");
  }

  private HttpResponse<Buffer> contact(String name, JsonObject custom) {
    return admin.post("/api/v1/contacts", new JsonObject().put("name", name).put("customAttributes", custom));
  }

  @Test
  @DisplayName("only admins define fields; keys are unique per record type; lists show them by entity")
  void definitions() {
    Api ana = signIn("ana@demo.conecta.cl");
    assertEquals(403, ana.post("/api/v1/custom-fields", new JsonObject().put("entity", "contact").put("key", "x")
        .put("type", "text").put("label", "X")).statusCode());
    assertEquals(409, admin.post("/api/v1/custom-fields", new JsonObject().put("entity", "contact").put("key", "plan")
        .put("type", "text").put("label", "Otro")).statusCode());
    assertEquals("type", errorField(admin.post("/api/v1/custom-fields", new JsonObject().put("entity", "contact")
        .put("key", "color").put("type", "colour").put("label", "Color"))));
    assertEquals("choices", errorField(admin.post("/api/v1/custom-fields", new JsonObject().put("entity", "lead")
        .put("key", "origen").put("type", "choice").put("label", "Origen"))));
    assertEquals("key", errorField(admin.post("/api/v1/custom-fields", new JsonObject().put("entity", "lead")
        .put("key", "Mal Nombre").put("type", "text").put("label", "x"))));
    JsonArray contactFields = ana.get("/api/v1/custom-fields?entity=contact").bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("plan", "employees", "since", "vip"),
        contactFields.stream().map(f -> ((JsonObject) f).getString("key")).toList());
  }

  @Test
  @DisplayName("values are checked on create and patch (422 naming the field, nothing stored) and required fields enforced")
  void validation() {
    long before = count("select count(*) from contacts");
    assertEquals("customAttributes.plan", errorField(contact("A", new JsonObject().put("plan", "bronce"))));
    assertEquals("customAttributes.employees", errorField(contact("B", new JsonObject().put("employees", "doce"))));
    assertEquals("customAttributes.since", errorField(contact("C", new JsonObject().put("since", "2026-13-01"))));
    assertEquals("customAttributes.vip", errorField(contact("D", new JsonObject().put("vip", "sí"))));
    assertEquals(before, count("select count(*) from contacts"), "refused bodies store nothing");
    var ok = contact("Ferretería Sur", new JsonObject().put("plan", "oro").put("employees", 12).put("since", "2024-03-01")
        .put("vip", true).put("referenceCode", "free-form attributes still pass"));
    assertEquals(201, ok.statusCode(), ok.bodyAsString());
    long id = ok.bodyAsJsonObject().getLong("id");
    var badPatch = admin.patch("/api/v1/contacts/" + id, new JsonObject().put("customAttributes",
        new JsonObject().put("plan", "platino")));
    assertEquals(422, badPatch.statusCode());
    assertEquals("oro", admin.get("/api/v1/contacts/" + id).bodyAsJsonObject().getJsonObject("customAttributes")
        .getString("plan"), "unchanged");

    var account = admin.post("/api/v1/accounts", new JsonObject().put("name", "Sur SpA")
        .put("customAttributes", new JsonObject().put("credit", 1500000.555)));
    assertEquals("customAttributes.credit", errorField(account), "money has at most 2 decimals");
    var ticket = admin.post("/api/v1/tickets", new JsonObject().put("kind", "warranty").put("subject", "Garantía"));
    assertEquals(422, ticket.statusCode());
    assertEquals("customAttributes.serial", errorField(ticket));
    assertEquals(201, admin.post("/api/v1/tickets", new JsonObject().put("kind", "warranty").put("subject", "Garantía")
        .put("customAttributes", new JsonObject().put("serial", "SN-4432"))).statusCode());
  }

  private List<String> names(String query) {
    // other tests of this class add contacts too; these are the "Cliente ..." ones
    var res = admin.get("/api/v1/contacts?limit=100&" + query + (query.contains("q=") ? "" : "&q=Cliente"));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items").stream().map(c -> ((JsonObject) c).getString("name")).sorted()
        .toList();
  }

  private long reachable(String name, String phone, JsonObject custom) {
    var res = contact(name, custom.put("filterTest", true));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    long id = res.bodyAsJsonObject().getLong("id");
    sql.query("insert into contact_identities (contact_id, kind, value) values (" + id + ", 'whatsapp', '" + phone + "')")
        .execute().await();
    return id;
  }

  @Test
  @DisplayName("lists filter by cf.<key> with typed values, and campaigns segment and fill parameters from the same values")
  void filtersSegmentsAndTemplates() {
    reachable("Cliente Oro Grande", "56955500001", new JsonObject().put("plan", "oro").put("employees", 40).put("vip", true));
    reachable("Cliente Oro Chico", "56955500002", new JsonObject().put("plan", "oro").put("employees", 3));
    reachable("Cliente Plata", "56955500003", new JsonObject().put("plan", "plata").put("employees", 40));
    assertEquals(List.of("Cliente Oro Chico", "Cliente Oro Grande"), names("cf.plan=oro"));
    assertEquals(List.of("Cliente Oro Grande", "Cliente Plata"), names("cf.employees=40"));
    assertEquals(List.of("Cliente Oro Grande"), names("cf.plan=oro&cf.vip=true"));
    assertEquals(List.of("Cliente Oro Grande"), names("cf.plan=oro&cf.employees=40&q=Grande"));
    assertEquals(400, admin.get("/api/v1/contacts?cf.color=rojo").statusCode(), "not a defined field");
    assertEquals(400, admin.get("/api/v1/contacts?cf.employees=muchos").statusCode());

    // the same typed values select a campaign's audience and fill its template parameters
    var audience = admin.post("/api/v1/campaigns/audience", new JsonObject().put("inboxId", 1)
        .put("segment", new JsonObject().put("customAttributes", new JsonObject().put("plan", "oro").put("employees", 40))));
    assertEquals(200, audience.statusCode(), audience.bodyAsString());
    assertEquals(1L, audience.bodyAsJsonObject().getLong("count"));
    var campaign = admin.post("/api/v1/campaigns", new JsonObject().put("name", "Plan oro").put("inboxId", 1)
        .put("template", new JsonObject().put("name", "promocion_general").put("language", "es"))
        .put("params", new JsonArray().add("custom.plan").add(new JsonObject().put("field", "custom.employees")))
        .put("segment", new JsonObject().put("customAttributes", new JsonObject().put("plan", "oro").put("vip", true))));
    assertEquals(201, campaign.statusCode(), campaign.bodyAsString());
    JsonObject preview = admin.post("/api/v1/campaigns/" + campaign.bodyAsJsonObject().getLong("id") + "/preview",
        new JsonObject()).bodyAsJsonObject();
    assertEquals(1L, preview.getLong("audience"));
    assertEquals(new JsonArray().add("oro").add("40"), preview.getJsonObject("sample").getJsonArray("params"));
  }

  private void say(String waId, String text) throws InterruptedException {
    int before = fake.sentTo(waId).size();
    graph.customer(waId, "Pedro").text(hub.port(), text);
    Await.until(() -> fake.sentTo(waId).size() > before || count("select count(*) from leads where answers ->> 'budget' "
        + "is not null") > 0, "the bot answers '" + text + "'");
  }

  @Test
  @DisplayName("a bot question with customField stores the customer's answer into that field of the lead it creates")
  void botQuestionStoresIntoCustomField() throws Exception {
    graph.wire(hub);
    String waId = "56977009988";
    for (String text : List.of("hola, cuanto sale instalar camaras?", "me llamo Pedro Soto", "empresa", "76.123.456-0",
        "en Ñuñoa", "al tiro porfa", "unos 2 millones")) {
      say(waId, text);
    }
    Await.until(() -> count("select count(*) from leads where custom_attributes ? 'budget'") == 1, "the lead has a budget");
    JsonObject lead = admin.get("/api/v1/leads?cf.budget=2000000").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertEquals(2000000, lead.getJsonObject("customAttributes").getInteger("budget"));
  }
}
