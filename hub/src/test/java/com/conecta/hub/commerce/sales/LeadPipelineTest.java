package com.conecta.hub.commerce.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.bots.nlp.ChileanRut;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lead stages, their timed history, and converting a lead in one step")
class LeadPipelineTest extends HubTestBase {

  /** A lead from a real conversation on the API channel: contact, conversation and lead. */
  private JsonObject leadWithConversation(String name) {
    String who = "cliente-" + UUID.randomUUID();
    var in = admin.inbound(API_INBOX, "m-" + UUID.randomUUID(), who, name, "Hola, quiero cotizar internet para mi empresa");
    assertTrue(in.statusCode() / 100 == 2, in.bodyAsString());
    JsonObject conv = new JsonObject().put("id", in.bodyAsJsonObject().getLong("conversationId"))
        .put("contact_id", in.bodyAsJsonObject().getLong("contactId"));
    var lead = admin.post("/api/v1/leads", new JsonObject().put("contactId", conv.getLong("contact_id"))
        .put("conversationId", conv.getLong("id")).put("title", "Internet " + name).put("assigneeId", 2));
    assertEquals(201, lead.statusCode(), lead.bodyAsString());
    return lead.bodyAsJsonObject().put("conversationId", conv.getLong("id"));
  }

  private static String validRut(String body) {
    return body + "-" + ChileanRut.checkDigit(body);
  }

  @Test
  @DisplayName("the default pipeline is listed in order with each stage's probability; Lost is a lost outcome")
  void stagesAreListed() {
    JsonArray items = admin.get("/api/v1/lead-stages").bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("new", "contacted", "informed", "pre_sale", "won", "lost"),
        items.stream().map(o -> ((JsonObject) o).getString("key")).toList());
    assertEquals(60, items.getJsonObject(3).getInteger("probability"));
    assertEquals("Preventa", items.getJsonObject(3).getJsonObject("name").getString("es"));
    assertEquals("lost", items.getJsonObject(5).getString("outcome"));
  }

  @Test
  @DisplayName("admins configure the pipeline: a new stage takes its place and its probability; won and lost stay")
  void stagesAreConfigurable() {
    JsonObject demo = new JsonObject().put("nameEs", "Demostración").put("nameEn", "Demo").put("position", 35)
        .put("probability", 45);
    assertEquals(403, signIn("ana@demo.conecta.cl").send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead-stages/demo",
        demo).statusCode());
    var saved = admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead-stages/demo", demo);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    List<String> keys = admin.get("/api/v1/lead-stages").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("key")).toList();
    assertEquals(List.of("new", "contacted", "informed", "demo", "pre_sale", "won", "lost"), keys);
    long lead = leadWithConversation("Elena").getLong("id");
    var moved = admin.post("/api/v1/leads/" + lead + "/stage", new JsonObject().put("stage", "demo"));
    assertEquals(45, moved.bodyAsJsonObject().getInteger("probability"));
    var noLost = admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead-stages/lost", new JsonObject()
        .put("nameEs", "Perdido").put("nameEn", "Lost").put("position", 60).put("probability", 0).put("outcome", "lost")
        .put("active", false));
    assertEquals(409, noLost.statusCode(), "a pipeline without a lost stage is refused");
    assertEquals(422, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead-stages/Bad-Key", demo).statusCode());
    // Leave the default pipeline for the other tests of this class.
    assertEquals(200, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead-stages/demo", demo.copy()
        .put("active", false)).statusCode());
  }

  @Test
  @DisplayName("every stage change is kept with from, to, who and the seconds spent in the previous stage")
  void historyIsTimed() {
    long lead = leadWithConversation("Marta").getLong("id");
    // Two hours in "new": moved back in the database rather than waited for.
    sql.query("update leads set stage_changed_at = now() - interval '2 hours' where id = " + lead).execute().await();
    Api ana = signIn("ana@demo.conecta.cl");
    var moved = ana.post("/api/v1/leads/" + lead + "/stage", new JsonObject().put("stage", "contacted"));
    assertEquals(200, moved.statusCode(), moved.bodyAsString());
    assertEquals("contacted", moved.bodyAsJsonObject().getString("stage"));
    assertEquals(10, moved.bodyAsJsonObject().getInteger("probability"));
    sql.query("update leads set stage_changed_at = now() - interval '30 minutes' where id = " + lead).execute().await();
    assertEquals(200, admin.post("/api/v1/leads/" + lead + "/stage", new JsonObject().put("stage", "informed")).statusCode());

    JsonArray history = admin.get("/api/v1/leads/" + lead + "/history").bodyAsJsonObject().getJsonArray("items");
    assertEquals(3, history.size(), history.encodePrettily());
    assertNull(history.getJsonObject(0).getString("from"));
    assertEquals("new", history.getJsonObject(0).getString("to"));
    JsonObject first = history.getJsonObject(1);
    assertEquals("new", first.getString("from"));
    assertEquals("contacted", first.getString("to"));
    assertEquals(2L, first.getLong("by"), "the agent who moved it");
    long seconds = first.getLong("secondsInPrevious");
    assertTrue(seconds >= 7200 && seconds < 7260, "two hours in New, got " + seconds);
    JsonObject second = history.getJsonObject(2);
    assertEquals("informed", second.getString("to"));
    assertEquals(1L, second.getLong("by"));
    assertTrue(second.getLong("secondsInPrevious") >= 1800 && second.getLong("secondsInPrevious") < 1860);
    assertNotNull(second.getString("at"));
  }

  @Test
  @DisplayName("Lost needs a reason and an unknown stage is refused, both with the field and nothing changed")
  void lostNeedsAReason() {
    long lead = leadWithConversation("Rodrigo").getLong("id");
    var noReason = admin.post("/api/v1/leads/" + lead + "/stage", new JsonObject().put("stage", "lost"));
    assertEquals(422, noReason.statusCode());
    assertEquals("lostReason", noReason.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var unknown = admin.post("/api/v1/leads/" + lead + "/stage", new JsonObject().put("stage", "almost_there"));
    assertEquals(422, unknown.statusCode());
    assertEquals("stage", unknown.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals("new", admin.get("/api/v1/leads/" + lead).bodyAsJsonObject().getString("stage"));
    assertEquals(1, count("select count(*) from lead_stage_history where lead_id = " + lead));

    var lost = admin.post("/api/v1/leads/" + lead + "/stage", new JsonObject().put("stage", "lost")
        .put("lostReason", "Eligió a la competencia por precio"));
    assertEquals(200, lost.statusCode(), lost.bodyAsString());
    JsonObject row = admin.get("/api/v1/leads/" + lead).bodyAsJsonObject();
    assertEquals("lost", row.getString("stage"));
    assertEquals("Eligió a la competencia por precio", row.getString("lostReason"));
    JsonArray history = admin.get("/api/v1/leads/" + lead + "/history").bodyAsJsonObject().getJsonArray("items");
    assertEquals("Eligió a la competencia por precio", history.getJsonObject(1).getString("lostReason"));
    assertEquals(404, signIn("carla@demo.conecta.cl").post("/api/v1/leads/" + lead + "/stage",
        new JsonObject().put("stage", "contacted")).statusCode(), "a support agent does not see a sales lead");
  }

  @Test
  @DisplayName("conversion makes contact, business account (valid RUT) and opportunity at once; the conversation stays attached; twice is 409")
  void conversionInOneStep() {
    JsonObject lead = leadWithConversation("Sofía Rojas");
    long leadId = lead.getLong("id");
    assertEquals(200, admin.post("/api/v1/leads/" + leadId + "/stage", new JsonObject().put("stage", "pre_sale")).statusCode());
    String rut = validRut("76354771");
    JsonObject body = new JsonObject().put("accountKind", "business").put("accountName", "Rojas Ingeniería SpA")
        .put("taxId", rut.replace("76354771", "76.354.771"))
        .put("opportunity", new JsonObject().put("name", "Enlace dedicado 100 Mbps").put("amount", "1250000")
            .put("currency", "CLP").put("expectedClose", "2026-12-15").put("divisions", new JsonArray().add("internet")));
    var res = admin.post("/api/v1/leads/" + leadId + "/convert", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonObject ids = res.bodyAsJsonObject();
    assertEquals(lead.getLong("contactId"), ids.getLong("contactId"), "the lead's own contact, whose conversations stay");

    JsonObject account = admin.get("/api/v1/accounts/" + ids.getLong("accountId")).bodyAsJsonObject();
    assertEquals("business", account.getString("kind"));
    assertEquals(rut, account.getString("taxId"), "stored normalised");
    assertEquals(ids.getLong("accountId"), admin.get("/api/v1/contacts/" + ids.getLong("contactId")).bodyAsJsonObject()
        .getLong("accountId"));
    JsonObject opp = admin.get("/api/v1/opportunities/" + ids.getLong("opportunityId")).bodyAsJsonObject();
    assertEquals("pre_sale", opp.getString("stage"), "the lead's stage");
    assertEquals(60, opp.getInteger("probability"), "the stage's default probability");
    assertEquals("1250000.00", opp.getString("amount"));
    assertEquals(List.of(2L), OpportunityService.longs(opp.getJsonArray("salespeopleIds")), "the lead's owner sells it");
    assertEquals(ids.getLong("contactId"), count("select contact_id from conversations where id = "
        + lead.getLong("conversationId")));
    JsonObject after = admin.get("/api/v1/leads/" + leadId).bodyAsJsonObject();
    assertEquals(ids.getLong("accountId"), after.getLong("accountId"));

    var again = admin.post("/api/v1/leads/" + leadId + "/convert", body);
    assertEquals(409, again.statusCode());
    assertEquals(1, count("select count(*) from opportunities where lead_id = " + leadId));
  }

  @Test
  @DisplayName("a bad RUT is a 422 on taxId and stores nothing; a residential account needs no tax id")
  void badRutStoresNothing() {
    long leadId = leadWithConversation("Pedro Soto").getLong("id");
    long accounts = count("select count(*) from accounts");
    long contacts = count("select count(*) from contacts");
    String good = validRut("77123456");
    String bad = "77123456-" + ("0".equals(good.substring(9)) ? "1" : "0");
    JsonObject body = new JsonObject().put("accountKind", "business").put("accountName", "Soto Ltda").put("taxId", bad)
        .put("opportunity", new JsonObject().put("name", "Cámaras").put("amount", 300000).put("currency", "CLP")
            .put("divisions", new JsonArray().add("security")));
    var res = admin.post("/api/v1/leads/" + leadId + "/convert", body);
    assertEquals(422, res.statusCode());
    assertEquals("taxId", res.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var missing = admin.post("/api/v1/leads/" + leadId + "/convert", body.copy().put("taxId", (String) null));
    assertEquals("taxId", missing.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var badDivision = admin.post("/api/v1/leads/" + leadId + "/convert", body.copy().put("taxId", good)
        .put("opportunity", body.getJsonObject("opportunity").copy().put("divisions", new JsonArray().add("spaceships"))));
    assertEquals(422, badDivision.statusCode(), badDivision.bodyAsString());
    assertEquals("divisions", badDivision.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(accounts, count("select count(*) from accounts"), "no account from a refused conversion");
    assertEquals(contacts, count("select count(*) from contacts"));
    assertEquals(0, count("select count(*) from opportunities where lead_id = " + leadId));
    assertEquals(0, count("select count(*) from leads where converted_at is not null and id = " + leadId));

    var nit = admin.post("/api/v1/leads/" + leadWithConversation("Bogotá SAS").getLong("id") + "/convert",
        body.copy().put("taxId", "900.123.456-" + com.conecta.bots.nlp.ColombianNit.verificationDigit("900123456")));
    assertEquals(201, nit.statusCode(), "a Colombian NIT with its digit: " + nit.bodyAsString());
    var residential = admin.post("/api/v1/leads/" + leadId + "/convert", new JsonObject().put("accountKind", "residential")
        .put("accountName", "Pedro Soto").put("opportunity", new JsonObject().put("name", "Alarma hogar")
            .put("amount", "89990").put("divisions", new JsonArray().add("security"))));
    assertEquals(201, residential.statusCode(), residential.bodyAsString());
  }
}
