package com.conecta.hub.commerce.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TeamFixture;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Opportunities: competing claims, supervisor override, stage-driven probability and the forecast")
class OpportunitiesTest extends HubTestBase {

  private long account(String name) {
    var res = admin.post("/api/v1/accounts", new JsonObject().put("name", name + " " + UUID.randomUUID()));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  private static JsonObject opportunity(long account, String name, String amount, String close, String... divisions) {
    return new JsonObject().put("accountId", account).put("name", name).put("amount", amount).put("currency", "CLP")
        .put("expectedClose", close).put("divisions", new JsonArray(List.of((Object[]) divisions)));
  }

  @Test
  @DisplayName("N salespeople open the same account and division at once: exactly one wins, the others get 409 naming the owner")
  void competingClaimsUnderConcurrency() {
    int n = 8;
    TeamFixture team = TeamFixture.create(admin, n, null, new JsonObject());
    List<Api> agents = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      agents.add(team.agent(vertx, hub.port(), i));
    }
    long account = account("Constructora Andes");
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(agents.get(i).postAsync("/api/v1/opportunities",
          opportunity(account, "Red de obra " + i, "5000000", "2026-12-20", "internet", "telephony")));
    }
    Future.all(calls).await();
    List<HttpResponse<Buffer>> answers = calls.stream().map(Future::result).toList();
    Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode,
        Collectors.counting()));
    assertEquals(Map.of(201, 1L, 409, (long) (n - 1)), byStatus, answers.stream().map(HttpResponse::bodyAsString).toList()
        .toString());
    JsonObject winner = answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().bodyAsJsonObject();
    long ownerId = OpportunityService.longs(winner.getJsonArray("salespeopleIds")).get(0);
    String ownerName = "Agente " + team.agentIds.indexOf(ownerId) + " ";
    for (HttpResponse<Buffer> r : answers) {
      if (r.statusCode() == 409) {
        JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
        assertEquals("competing_opportunity", error.getString("code"));
        assertTrue(error.getString("message").contains(ownerName), error.getString("message"));
      }
    }
    assertEquals(1, count("select count(*) from opportunities where account_id = " + account));

    // Another division of the same account is free; the owner may open a second one on the same division.
    assertEquals(201, agents.get((team.agentIds.indexOf(ownerId) + 1) % n).post("/api/v1/opportunities",
        opportunity(account, "Energía", "100", "2026-12-20", "energy")).statusCode());
    assertEquals(201, agents.get(team.agentIds.indexOf(ownerId)).post("/api/v1/opportunities",
        opportunity(account, "Ampliación", "100", "2026-12-20", "internet")).statusCode());
  }

  @Test
  @DisplayName("a supervisor's override opens the competing opportunity and is audited; an agent's override is refused")
  void supervisorOverride() {
    TeamFixture team = TeamFixture.create(admin, 3, null, new JsonObject());
    Api owner = team.agent(vertx, hub.port(), 0);
    Api rival = team.agent(vertx, hub.port(), 1);
    long supervisorId = team.agentIds.get(2);
    var t = admin.post("/api/v1/teams", new JsonObject().put("name", "Supervisión " + UUID.randomUUID())
        .put("memberIds", new JsonArray().add(supervisorId)).put("supervisorIds", new JsonArray().add(supervisorId)));
    assertEquals(201, t.statusCode(), t.bodyAsString());
    Api supervisor = team.agent(vertx, hub.port(), 2);
    long account = account("Clínica Norte");
    assertEquals(201, owner.post("/api/v1/opportunities", opportunity(account, "Cámaras", "900000", "2026-11-30",
        "security")).statusCode());

    JsonObject competing = opportunity(account, "Cámaras (rival)", "800000", "2026-11-30", "security")
        .put("salespeopleIds", new JsonArray().add(team.agentIds.get(1)));
    assertEquals(409, rival.post("/api/v1/opportunities", competing).statusCode());
    var agentOverride = rival.post("/api/v1/opportunities", competing.copy().put("override", true));
    assertEquals(403, agentOverride.statusCode(), agentOverride.bodyAsString());
    var overridden = supervisor.post("/api/v1/opportunities", competing.copy().put("override", true));
    assertEquals(201, overridden.statusCode(), overridden.bodyAsString());
    long id = overridden.bodyAsJsonObject().getLong("id");
    assertEquals(supervisorId, overridden.bodyAsJsonObject().getLong("overriddenBy"));
    assertEquals(1, count("select count(*) from audit_log where action = 'opportunity.override' and target_id = '" + id
        + "' and actor_user_id = " + supervisorId));
    var adminOverride = admin.post("/api/v1/opportunities", competing.copy().put("override", true)
        .put("salespeopleIds", new JsonArray().add(3)));
    assertEquals(201, adminOverride.statusCode(), "admins may override too");
    assertEquals(0, count("select count(*) from audit_log where action = 'opportunity.override' and actor_user_id = "
        + team.agentIds.get(1)));
  }

  @Test
  @DisplayName("probability follows the stage unless set; Won closes the opportunity")
  void probabilityFollowsStage() {
    long account = account("Hotel Pacífico");
    var created = admin.post("/api/v1/opportunities", opportunity(account, "Wifi hotel", "2000000", "2026-12-01", "internet"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject o = created.bodyAsJsonObject();
    assertEquals("new", o.getString("stage"));
    assertEquals(5, o.getInteger("probability"));
    long id = o.getLong("id");
    JsonObject informed = admin.patch("/api/v1/opportunities/" + id, new JsonObject().put("stage", "informed")).bodyAsJsonObject();
    assertEquals(30, informed.getInteger("probability"));
    JsonObject set = admin.patch("/api/v1/opportunities/" + id, new JsonObject().put("probability", 45)).bodyAsJsonObject();
    assertEquals(45, set.getInteger("probability"));
    assertTrue(set.getBoolean("probabilityOverridden"));
    JsonObject pre = admin.patch("/api/v1/opportunities/" + id, new JsonObject().put("stage", "pre_sale")).bodyAsJsonObject();
    assertEquals(45, pre.getInteger("probability"), "an overridden probability stays");
    JsonObject back = admin.patch("/api/v1/opportunities/" + id, new JsonObject().putNull("probability")).bodyAsJsonObject();
    assertEquals(60, back.getInteger("probability"), "null goes back to the stage's default");
    JsonObject won = admin.patch("/api/v1/opportunities/" + id, new JsonObject().put("stage", "won")).bodyAsJsonObject();
    assertEquals("won", won.getString("status"));
    var bad = admin.patch("/api/v1/opportunities/" + id, new JsonObject().put("stage", "nope"));
    assertEquals(422, bad.statusCode());
    assertEquals("stage", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
    long other = admin.post("/api/v1/opportunities", opportunity(account, "Cámaras hotel", "700000", "2026-12-01",
        "security")).bodyAsJsonObject().getLong("id");
    var noReason = admin.patch("/api/v1/opportunities/" + other, new JsonObject().put("stage", "lost"));
    assertEquals(422, noReason.statusCode());
    assertEquals("lostReason", noReason.bodyAsJsonObject().getJsonObject("error").getString("field"));
    JsonObject lost = admin.patch("/api/v1/opportunities/" + other, new JsonObject().put("stage", "lost")
        .put("lostReason", "Sin presupuesto este año")).bodyAsJsonObject();
    assertEquals("lost", lost.getString("status"));
    assertEquals("Sin presupuesto este año", lost.getString("lostReason"));
    assertEquals(0, lost.getInteger("probability"));
    var badAmount = admin.post("/api/v1/opportunities", opportunity(account, "x", "-3", "2026-12-01", "internet"));
    assertEquals("amount", badAmount.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  @DisplayName("the forecast sums open opportunities weighted by probability, by month, salesperson and division")
  void forecastSums() {
    long a = account("Forecast A");
    long b = account("Forecast B");
    long c = account("Forecast C");
    // ana (2) and bruno (3); 2031 keeps these apart from the other tests' opportunities.
    assertEquals(201, admin.post("/api/v1/opportunities", opportunity(a, "A", "1000000", "2031-01-10", "internet")
        .put("stage", "pre_sale").put("salespeopleIds", new JsonArray().add(2))).statusCode());          // 600 000
    assertEquals(201, admin.post("/api/v1/opportunities", opportunity(b, "B", "500000", "2031-01-20", "internet", "security")
        .put("stage", "informed").put("salespeopleIds", new JsonArray().add(2).add(3))).statusCode());   // 150 000
    assertEquals(201, admin.post("/api/v1/opportunities", opportunity(c, "C", "2000000", "2031-02-05", "energy")
        .put("probability", 25).put("salespeopleIds", new JsonArray().add(3))).statusCode());            // 500 000
    long closed = admin.post("/api/v1/opportunities", opportunity(c, "D", "9000000", "2031-02-06", "internet")
        .put("salespeopleIds", new JsonArray().add(3))).bodyAsJsonObject().getLong("id");
    admin.patch("/api/v1/opportunities/" + closed, new JsonObject().put("stage", "won"));

    String range = "&from=2031-01-01&to=2031-12-31";
    JsonArray months = admin.get("/api/v1/forecast?groupBy=month" + range).bodyAsJsonObject().getJsonArray("groups");
    assertEquals(2, months.size(), months.encodePrettily());
    assertEquals("2031-01", months.getJsonObject(0).getString("key"));
    assertEquals("1500000.00", months.getJsonObject(0).getString("amount"));
    assertEquals("750000.00", months.getJsonObject(0).getString("weighted"));
    assertEquals("500000.00", months.getJsonObject(1).getString("weighted"), "won ones are not forecast");

    Map<String, String> people = weighted(admin.get("/api/v1/forecast?groupBy=salesperson" + range).bodyAsJsonObject());
    assertEquals(Map.of("2", "675000.00", "3", "575000.00"), people, "B's 150 000 split between its two salespeople");
    Map<String, String> divisions = weighted(admin.get("/api/v1/forecast?groupBy=division" + range).bodyAsJsonObject());
    assertEquals(Map.of("internet", "675000.00", "security", "75000.00", "energy", "500000.00"), divisions);

    Map<String, String> anaOnly = weighted(signIn("ana@demo.conecta.cl").get("/api/v1/forecast?groupBy=salesperson" + range)
        .bodyAsJsonObject());
    assertEquals("675000.00", anaOnly.get("2"), "an agent's forecast holds their own opportunities");
    assertEquals(400, admin.get("/api/v1/forecast?groupBy=planet").statusCode());
  }

  private static Map<String, String> weighted(JsonObject forecast) {
    return forecast.getJsonArray("groups").stream().map(o -> (JsonObject) o)
        .collect(Collectors.toMap(g -> g.getString("key"), g -> g.getString("weighted")));
  }
}
