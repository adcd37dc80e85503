package com.conecta.hub.commerce.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The opportunity board answers a column per stage, the weighted forecast of what it shows, and each move's history")
class OpportunityBoardAnswersByStageTest extends HubTestBase {
  private Api ana;
  private Api bruno;
  private long anaSecurity;
  private long brunoSolar;

  @BeforeAll
  void opportunities() {
    ana = signIn("ana@demo.conecta.cl");
    bruno = signIn("bruno@demo.conecta.cl");
    // Ana: 2,000,000 CLP in security at pre-sale (60 %) closing in January; Bruno: 1,000,000 CLP in energy, new (5 %),
    // closing in February; and a USD one of Ana's in internet, informed (30 %).
    anaSecurity = create(ana, "Cámaras bodega", "2000000", "CLP", "2027-01-15", "pre_sale", "security");
    brunoSolar = create(bruno, "Paneles techo", "1000000", "CLP", "2027-02-10", "new", "energy");
    create(ana, "Enlace dedicado", "1500", "USD", "2027-01-20", "informed", "internet");
  }

  private long create(Api who, String name, String amount, String currency, String close, String stage, String division) {
    long account = admin.post("/api/v1/accounts", new JsonObject().put("name", "Cuenta " + UUID.randomUUID()))
        .bodyAsJsonObject().getLong("id");
    var res = who.post("/api/v1/opportunities", new JsonObject().put("accountId", account).put("name", name)
        .put("amount", amount).put("currency", currency).put("expectedClose", close).put("stage", stage)
        .put("divisions", new JsonArray(List.of(division))));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  private static JsonObject column(JsonObject board, String stage) {
    return board.getJsonArray("columns").stream().map(JsonObject.class::cast)
        .filter(c -> c.getJsonObject("stage").getString("key").equals(stage)).findFirst().orElseThrow();
  }

  private static BigDecimal weighted(JsonObject board, String grouping, String key, String currency) {
    return board.getJsonObject("forecast").getJsonArray(grouping).stream().map(JsonObject.class::cast)
        .filter(g -> g.getString("key").equals(key) && g.getString("currency").equals(currency))
        .map(g -> new BigDecimal(g.getString("weighted"))).findFirst().orElse(BigDecimal.ZERO);
  }

  @Test
  @DisplayName("columns in pipeline order with counts, amounts per currency and cards naming account, owner, division and days in stage")
  void columnsAndCards() {
    JsonObject board = admin.get("/api/v1/pipeline/opportunities").bodyAsJsonObject();
    assertEquals(List.of("new", "contacted", "informed", "pre_sale", "won", "lost"), board.getJsonArray("columns")
        .stream().map(c -> ((JsonObject) c).getJsonObject("stage").getString("key")).toList());
    JsonObject preSale = column(board, "pre_sale");
    assertEquals(1, preSale.getInteger("count"));
    assertEquals("2000000.00", preSale.getJsonObject("amounts").getString("CLP"));
    JsonObject card = preSale.getJsonArray("cards").getJsonObject(0);
    assertEquals("Cámaras bodega", card.getString("name"));
    assertTrue(card.getString("accountName").startsWith("Cuenta "));
    assertEquals("Ana Rojas", card.getString("ownerNames"));
    assertEquals(60, card.getInteger("probability"));
    assertEquals("2027-01-15", card.getString("expectedClose"));
    assertEquals(List.of("security"), card.getJsonArray("divisions").getList());
    assertTrue(card.getString("stageChangedAt") != null);
    assertEquals("1500.00", column(board, "informed").getJsonObject("amounts").getString("USD"));
  }

  @Test
  @DisplayName("the forecast weighs amount by probability, by month, salesperson and division, per currency")
  void forecast() {
    JsonObject board = admin.get("/api/v1/pipeline/opportunities").bodyAsJsonObject();
    assertEquals(0, new BigDecimal("1200000").compareTo(weighted(board, "month", "2027-01", "CLP")));
    assertEquals(0, new BigDecimal("50000").compareTo(weighted(board, "month", "2027-02", "CLP")));
    assertEquals(0, new BigDecimal("450").compareTo(weighted(board, "month", "2027-01", "USD")));
    assertEquals(0, new BigDecimal("1200000").compareTo(weighted(board, "salesperson", "2", "CLP")));
    assertEquals(0, new BigDecimal("50000").compareTo(weighted(board, "division", "energy", "CLP")));
  }

  @Test
  @DisplayName("filters: mine, another owner, division and business line; agents see only what they sell; bad values are 400 naming the field")
  void filters() {
    JsonObject mine = bruno.get("/api/v1/pipeline/opportunities?owner=me").bodyAsJsonObject();
    assertEquals(1, column(mine, "new").getInteger("count"));
    assertEquals(0, column(mine, "pre_sale").getInteger("count"));
    assertEquals(1, mine.getJsonObject("forecast").getJsonArray("salesperson").size());
    JsonObject brunoAll = bruno.get("/api/v1/pipeline/opportunities?owner=all").bodyAsJsonObject();
    assertEquals(0, column(brunoAll, "pre_sale").getInteger("count"), "an agent sees the opportunities they sell");
    assertEquals(1, column(admin.get("/api/v1/pipeline/opportunities?owner=2").bodyAsJsonObject(), "pre_sale")
        .getInteger("count"));
    JsonObject energy = admin.get("/api/v1/pipeline/opportunities?division=energy").bodyAsJsonObject();
    assertEquals(1, column(energy, "new").getInteger("count"));
    assertEquals(0, column(energy, "pre_sale").getInteger("count"));
    JsonObject cameras = admin.get("/api/v1/pipeline/opportunities?line=camaras").bodyAsJsonObject();
    assertEquals(1, column(cameras, "pre_sale").getInteger("count"), "a line's old name finds its division");
    assertEquals(0, column(cameras, "new").getInteger("count"));
    var bad = admin.get("/api/v1/pipeline/opportunities?line=helados");
    assertEquals(400, bad.statusCode());
    assertEquals("line", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals("division", admin.get("/api/v1/pipeline/opportunities?division=x").bodyAsJsonObject()
        .getJsonObject("error").getString("field"));
  }

  @Test
  @DisplayName("a move is kept in the history with who, when and the lost reason; Lost without a reason is 422 and changes nothing")
  void historyOfMoves() {
    long id = create(bruno, "Respaldo solar", "300000", "CLP", "2027-03-01", "new", "energy");
    var refused = bruno.patch("/api/v1/opportunities/" + id, new JsonObject().put("stage", "lost"));
    assertEquals(422, refused.statusCode());
    assertEquals("lostReason", refused.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(200, bruno.patch("/api/v1/opportunities/" + id, new JsonObject().put("stage", "informed")).statusCode());
    assertEquals(200, bruno.patch("/api/v1/opportunities/" + id, new JsonObject().put("stage", "lost")
        .put("lostReason", "Eligió otro proveedor")).statusCode());
    JsonArray history = bruno.get("/api/v1/opportunities/" + id + "/history").bodyAsJsonObject().getJsonArray("items");
    assertEquals(3, history.size(), history.encodePrettily());
    assertNull(history.getJsonObject(0).getString("from"));
    assertEquals("new", history.getJsonObject(0).getString("to"));
    assertEquals("informed", history.getJsonObject(1).getString("to"));
    assertEquals("Bruno Díaz", history.getJsonObject(1).getString("byName"));
    assertEquals("Eligió otro proveedor", history.getJsonObject(2).getString("lostReason"));
    assertEquals(404, ana.get("/api/v1/opportunities/" + id + "/history").statusCode(),
        "another agent does not see it, as the opportunity itself");
    assertEquals(1, column(admin.get("/api/v1/pipeline/opportunities").bodyAsJsonObject(), "lost").getInteger("count"));
  }

  @Test
  @DisplayName("a contact's opportunities include those converted from the contact's leads")
  void contactsOpportunities() {
    long contact = admin.post("/api/v1/contacts", new JsonObject().put("name", "Marta Soto").put("phone", "+56911112222"))
        .bodyAsJsonObject().getLong("id");
    long lead = sql.query("insert into leads (contact_id, title, stage) values (" + contact + ", 'x', 'new') returning id")
        .execute().await().iterator().next().getLong(0);
    sql.query("update opportunities set lead_id = " + lead + " where id = " + brunoSolar).execute().await();
    JsonArray items = admin.get("/api/v1/contacts/" + contact + "/opportunities").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals(brunoSolar, items.getJsonObject(0).getLong("id"));
    assertEquals(404, ana.get("/api/v1/contacts/" + contact + "/opportunities").statusCode(),
        "an agent who may not see the contact is told it does not exist, as for the contact itself");
    assertTrue(anaSecurity > 0);
  }
}
