package com.conecta.hub.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The report by business line groups leads won and lost, closed opportunities, the open pipeline and its forecast by the catalogue's lines")
class ReportsGroupByBusinessLineTest extends HubTestBase {

  @BeforeAll
  void data() {
    // Security: 3 leads (one under the old name 'security'), 1 won, 1 lost; solar: 1 open lead; one lead no line claims.
    sql.query("""
        insert into leads (title, stage, interest_area, assignee_id, team_id) values
          ('a', 'won', 'seguridad', 2, 1), ('b', 'lost', 'security', 2, 1), ('c', 'new', 'seguridad', 3, 1),
          ('d', 'new', 'solar', 3, 1), ('e', 'new', 'helados', 3, 1)""").execute().await();
    // Open: 2,000,000 in security at 60 % closing 2027-01; 1,000,000 in energy (→ solar) at 5 % closing 2027-02.
    open("2000000", "pre_sale", "2027-01-15", "security");
    open("1000000", "new", "2027-02-10", "energy");
    long won = open("500000", "informed", "2027-01-20", "internet");
    assertEquals(200, admin.patch("/api/v1/opportunities/" + won, new JsonObject().put("stage", "won")).statusCode());
  }

  private long open(String amount, String stage, String close, String division) {
    long account = admin.post("/api/v1/accounts", new JsonObject().put("name", "Cuenta " + UUID.randomUUID()))
        .bodyAsJsonObject().getLong("id");
    var res = admin.post("/api/v1/opportunities", new JsonObject().put("accountId", account).put("name", "x")
        .put("amount", amount).put("currency", "CLP").put("expectedClose", close).put("stage", stage)
        .put("salespeopleIds", new JsonArray(List.of(2))).put("divisions", new JsonArray(List.of(division))));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  private static JsonObject row(JsonObject report, String section, String column, String key) {
    JsonObject s = report.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(x -> x.getString("key").equals(section)).findFirst().orElseThrow();
    return s.getJsonArray("rows").stream().map(JsonObject.class::cast).filter(r -> key.equals(r.getString(column)))
        .findFirst().orElseThrow(() -> new AssertionError(key + " not in " + s.encodePrettily()));
  }

  @Test
  @DisplayName("leads by line count old names in their line; opportunities find their line by division; forecast is amount × probability")
  void byLine() {
    var res = admin.get("/api/v1/reports/lines");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonObject report = res.bodyAsJsonObject();
    JsonObject security = row(report, "leads_by_line", "business_line", "seguridad");
    assertEquals(3, security.getInteger("leads"));
    assertEquals(1, security.getInteger("won"));
    assertEquals(1, security.getInteger("lost"));
    assertEquals(50.0, security.getDouble("win_rate_pct"));
    assertEquals(1, row(report, "leads_by_line", "business_line", "—").getInteger("leads"), "'helados' is no line");
    assertEquals(2000000.0, row(report, "pipeline_by_line", "business_line", "seguridad").getDouble("pipeline_amount"));
    assertEquals(1200000.0, row(report, "pipeline_by_line", "business_line", "seguridad").getDouble("weighted_amount"));
    assertEquals(50000.0, row(report, "pipeline_by_line", "business_line", "solar").getDouble("weighted_amount"));
    assertEquals(1200000.0, row(report, "forecast_by_line", "business_line_month", "seguridad · 2027-01")
        .getDouble("weighted_amount"));
    JsonObject won = row(report, "opportunities_closed_by_line", "business_line", "redes");
    assertEquals(1, won.getInteger("won"));
    assertEquals(500000.0, won.getDouble("won_amount"));
    assertEquals(1, admin.get("/api/v1/reports").bodyAsJsonObject().getJsonArray("items").stream()
        .filter(i -> ((JsonObject) i).getString("key").equals("lines")).count(), "listed in the reports' menu");
  }

  @Test
  @DisplayName("an agent filter narrows to what that salesperson sells; the CSV has the line's column")
  void filtered() {
    JsonObject bruno = admin.get("/api/v1/reports/lines?agentId=3").bodyAsJsonObject();
    assertEquals(0, bruno.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("key").equals("pipeline_by_line")).findFirst().orElseThrow()
        .getJsonArray("rows").size());
    assertEquals(1, row(bruno, "leads_by_line", "business_line", "seguridad").getInteger("leads"));
    String csv = admin.get("/api/v1/reports/lines?format=csv").bodyAsString();
    assertEquals(true, csv.contains("seguridad"), csv);
  }
}
