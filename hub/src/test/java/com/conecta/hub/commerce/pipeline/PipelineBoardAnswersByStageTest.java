package com.conecta.hub.commerce.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The pipeline board answers a column per stage with counts, amounts and the cards the caller may see")
class PipelineBoardAnswersByStageTest extends HubTestBase {
  private long teamLead;

  @BeforeAll
  void leads() {
    // 12 open leads of Ana's in "new" (budgets of 100,000 each), one of Bruno's in "informed", one won by Ana.
    sql.query("""
        insert into leads (title, stage, interest_area, assignee_id, team_id, source, campaign, answers)
        select 'Bench ' || g, 'new', case when g % 2 = 0 then 'seguridad' else 'security' end, 2, 1, 'whatsapp',
               case when g <= 3 then 'verano' end, '{"budget": "100000"}'::jsonb
        from generate_series(1, 12) g""").execute().await();
    teamLead = sql.query("""
        insert into leads (title, stage, interest_area, assignee_id, team_id, source)
        values ('De Bruno', 'informed', 'solar', 3, 1, 'webform') returning id""").execute().await().iterator().next()
        .getLong(0);
    sql.query("""
        insert into leads (title, stage, interest_area, assignee_id, team_id, source, answers)
        values ('Ganado', 'won', 'redes', 2, 1, 'whatsapp', '{"budget": "250000"}')""").execute().await();
  }

  private JsonObject column(JsonObject board, String stage) {
    return board.getJsonArray("columns").stream().map(JsonObject.class::cast)
        .filter(c -> c.getJsonObject("stage").getString("key").equals(stage)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("every active stage is a column in pipeline order; counts and amounts cover all leads, cards only the first perColumn")
  void columnsCountsAndAmounts() {
    JsonObject board = admin.get("/api/v1/pipeline/leads?perColumn=5").bodyAsJsonObject();
    assertEquals(List.of("new", "contacted", "informed", "pre_sale", "won", "lost"), board.getJsonArray("columns")
        .stream().map(c -> ((JsonObject) c).getJsonObject("stage").getString("key")).toList());
    JsonObject fresh = column(board, "new");
    assertEquals(12, fresh.getInteger("count"));
    assertEquals(5, fresh.getJsonArray("cards").size());
    assertEquals(0, new java.math.BigDecimal("1200000").compareTo(new java.math.BigDecimal(fresh.getString("amount"))));
    JsonObject card = fresh.getJsonArray("cards").getJsonObject(0);
    assertEquals("Ana Rojas", card.getString("ownerName"));
    assertEquals("100000.00", card.getString("amount"), "money as the API writes it, like an opportunity's");
    assertEquals("CLP", card.getString("currency"));
    assertEquals(1, column(board, "won").getInteger("count"));
    assertEquals(0, column(board, "contacted").getInteger("count"));
    assertTrue(board.getJsonObject("facets").getJsonArray("campaigns").contains("verano"));
  }

  @Test
  @DisplayName("filters: mine, another owner, source, campaign, interest by key or old name, and division")
  void filters() {
    Api bruno = signIn("bruno@demo.conecta.cl");
    JsonObject mine = bruno.get("/api/v1/pipeline/leads?owner=me").bodyAsJsonObject();
    assertEquals(1, column(mine, "informed").getInteger("count"));
    assertEquals(0, column(mine, "new").getInteger("count"));
    assertEquals(teamLead, column(mine, "informed").getJsonArray("cards").getJsonObject(0).getLong("id"));
    assertEquals(12, column(admin.get("/api/v1/pipeline/leads?owner=2").bodyAsJsonObject(), "new").getInteger("count"));
    assertEquals(1, column(admin.get("/api/v1/pipeline/leads?source=webform").bodyAsJsonObject(), "informed")
        .getInteger("count"));
    assertEquals(0, column(admin.get("/api/v1/pipeline/leads?source=webform").bodyAsJsonObject(), "new")
        .getInteger("count"));
    assertEquals(3, column(admin.get("/api/v1/pipeline/leads?campaign=verano").bodyAsJsonObject(), "new")
        .getInteger("count"));
    assertEquals(12, column(admin.get("/api/v1/pipeline/leads?interest=seguridad").bodyAsJsonObject(), "new")
        .getInteger("count"), "'seguridad' and its old name 'security' are one line");
    assertEquals(12, column(admin.get("/api/v1/pipeline/leads?interest=security").bodyAsJsonObject(), "new")
        .getInteger("count"));
    JsonObject energy = admin.get("/api/v1/pipeline/leads?division=energy").bodyAsJsonObject();
    assertEquals(0, column(energy, "new").getInteger("count"));
    assertEquals(1, column(energy, "informed").getInteger("count"));
  }

  @Test
  @DisplayName("an agent sees only the leads they own or whose customer writes to their inboxes")
  void agentScope() {
    JsonObject carla = signIn("carla@demo.conecta.cl").get("/api/v1/pipeline/leads").bodyAsJsonObject();
    int cards = carla.getJsonArray("columns").stream()
        .mapToInt(c -> ((JsonObject) c).getInteger("count")).sum();
    assertEquals(0, cards, "Carla (support) owns none and sees no sales conversation");
  }

  @Test
  @DisplayName("bad filters answer 400 naming the parameter")
  void badInput() {
    for (String[] bad : new String[][] {{"perColumn=0", "perColumn"}, {"perColumn=abc", "perColumn"},
        {"interest=drones", "interest"}, {"division=space", "division"}, {"owner=someone", "owner"},
        {"teamId=x", "teamId"}, {"source=" + "x".repeat(101), "source"}}) {
      var res = admin.get("/api/v1/pipeline/leads?" + bad[0]);
      assertEquals(400, res.statusCode(), bad[0]);
      JsonObject error = res.bodyAsJsonObject().getJsonObject("error");
      assertEquals(bad[1], error.getString("field"), bad[0]);
      assertEquals("invalid_parameter", error.getString("code"), bad[0]);
    }
    assertEquals(401, new Api(vertx, hub.port()).get("/api/v1/pipeline/leads").statusCode());
  }
}
