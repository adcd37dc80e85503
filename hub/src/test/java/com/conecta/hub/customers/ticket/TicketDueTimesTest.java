package com.conecta.hub.customers.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.Hub;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ticket due times by priority, overdue flag and filter, one reminder to the owner")
class TicketDueTimesTest extends HubTestBase {
  @Override
  protected JsonObject extraConfig() {
    return settings();
  }

  private static JsonObject settings() {
    return new JsonObject().put("service-work.tick-seconds", 3600).put("service-work.ticket-due-hours.urgent", 2);
  }

  private JsonObject ticket(JsonObject extra) {
    var res = admin.post("/api/v1/tickets", new JsonObject().put("kind", "support").put("subject", "No enfría")
        .mergeIn(extra));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  private static long hours(JsonObject t) {
    return Duration.between(Instant.parse(t.getString("createdAt")), Instant.parse(t.getString("dueAt"))).toHours();
  }

  @Test
  @DisplayName("a new ticket is due after its priority's hours (configurable), a given due time is kept, a new priority "
      + "moves it")
  void dueByPriority() {
    assertEquals(2, hours(ticket(new JsonObject().put("priority", "urgent"))), "configured: urgent 2 h");
    assertEquals(72, hours(ticket(new JsonObject().put("priority", "low"))));
    assertEquals(24, hours(ticket(new JsonObject())), "normal by default");
    JsonObject given = ticket(new JsonObject().put("priority", "high").put("dueAt", "2030-01-01T12:00:00Z"));
    assertEquals("2030-01-01T12:00:00Z", given.getString("dueAt"));
    JsonObject low = ticket(new JsonObject().put("priority", "low"));
    var patched = admin.patch("/api/v1/tickets/" + low.getLong("id"), new JsonObject().put("priority", "high"));
    assertEquals(200, patched.statusCode());
    assertEquals(8, hours(patched.bodyAsJsonObject()));
    assertFalse(patched.bodyAsJsonObject().getBoolean("overdue"));
  }

  @Test
  @DisplayName("an open ticket past its due time is overdue: flagged, filterable, and its owner reminded once even "
      + "with two nodes")
  void overdueAndReminder() throws Exception {
    Hub second = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, settings());
    try {
      long late = ticket(new JsonObject().put("assigneeId", 2).put("subject", "Garantía vencida")).getLong("id");
      long lateResolved = ticket(new JsonObject().put("assigneeId", 2).put("status", "resolved")).getLong("id");
      long onTime = ticket(new JsonObject().put("assigneeId", 2)).getLong("id");
      sql.query("update tickets set due_at = now() - interval '1 hour' where id in (" + late + ", " + lateResolved + ")")
          .execute().await();

      JsonObject t = admin.get("/api/v1/tickets/" + late).bodyAsJsonObject();
      assertTrue(t.getBoolean("overdue"));
      assertFalse(admin.get("/api/v1/tickets/" + lateResolved).bodyAsJsonObject().getBoolean("overdue"));
      List<Long> overdue = admin.get("/api/v1/tickets?overdue=true").bodyAsJsonObject().getJsonArray("items").stream()
          .map(o -> ((JsonObject) o).getLong("id")).toList();
      assertEquals(List.of(late), overdue);
      List<Long> notOverdue = admin.get("/api/v1/tickets?overdue=false&limit=100").bodyAsJsonObject()
          .getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
      assertTrue(notOverdue.contains(onTime) && notOverdue.contains(lateResolved) && !notOverdue.contains(late));
      assertEquals(400, admin.get("/api/v1/tickets?overdue=maybe").statusCode());
      var ana = signIn("ana@demo.conecta.cl");
      assertEquals(List.of(late), ana.get("/api/v1/tickets?overdue=true").bodyAsJsonObject().getJsonArray("items")
          .stream().map(o -> ((JsonObject) o).getLong("id")).toList(), "the owner sees it in their list");

      String reminded = "select count(*) from notifications where kind = 'ticket_overdue' and user_id = 2 "
          + "and payload ->> 'ticketId' = '";
      // Both nodes run the pass twice, as their timers would: still once each.
      for (int i = 0; i < 2; i++) {
        runPass("ticket/activity reminder");
        second.jobs().run("ticket/activity reminder").await();
      }
      Await.until(() -> count(reminded + late + "'") == 1, "the owner is reminded");
      assertEquals(1, count(reminded + late + "'"), "once, though both nodes ran the pass twice");
      assertEquals(0, count(reminded + lateResolved + "'"), "resolved tickets are not reminded");
      assertEquals(0, count(reminded + onTime + "'"));
    } finally {
      second.stop().await();
    }
  }
}
