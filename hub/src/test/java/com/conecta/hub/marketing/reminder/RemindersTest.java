package com.conecta.hub.marketing.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.Hub;
import com.conecta.hub.support.Await;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Payment, order and delivery reminders")
class RemindersTest extends HubTestBase {
  private FakeWhatsAppCloudApi fake;
  private final LocalDate today = LocalDate.now(ZoneId.of("America/Santiago"));

  @Override
  protected JsonObject extraConfig() {
    fake = startFakeGraph().api();
        // Timers an hour apart: the test runs the passes itself, so no tick lands between an invoice and its payment.
    return new JsonObject().put("whatsapp.graph-base-url", fake.baseUrl()).put("reminders.tick-seconds", 3600);
  }

  private JsonObject invoice(String ext, String phone, int dueInDays, String amount) {
    var res = admin.post("/api/v1/invoices", new JsonObject().put("externalId", ext).put("number", "F-" + ext)
        .put("amount", amount).put("currency", "CLP").put("dueDate", today.plusDays(dueInDays).toString())
        .put("contact", new JsonObject().put("phone", "+" + phone).put("name", "Cliente " + ext)));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  private List<String> templatesSentTo(String waId) {
    return fake.sentTo(waId).stream().map(s -> s.body().getJsonObject("template").getString("name")).toList();
  }

  @Test
  @DisplayName("due in 5 days, due today and 5 days overdue each send their template once, even with two nodes")
  void paymentReminders() throws Exception {
    Hub second = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, new JsonObject()
        .put("whatsapp.graph-base-url", fake.baseUrl()).put("reminders.tick-seconds", 3600));
    try {
      invoice("A1", "56981110001", 5, "150000");
      invoice("A2", "56981110002", 0, "89990");
      invoice("A3", "56981110003", -5, "45000");
      JsonObject paid = invoice("A4", "56981110004", 0, "1000");
      assertEquals(200, admin.post("/api/v1/invoices/" + paid.getLong("id") + "/payments", new JsonObject()).statusCode());
      runPass("reminder");
      Await.until(() -> fake.sentTo("56981110001").size() == 1 && fake.sentTo("56981110002").size() == 1
          && fake.sentTo("56981110003").size() == 1, "three reminders");
      // More passes on both nodes, instead of waiting for more ticks: still one reminder each.
      for (int i = 0; i < 2; i++) {
        runPass("reminder");
        second.jobs().run("reminder").await();
      }
      awaitOutboxSent();
      assertEquals(List.of("recordatorio_pago_por_vencer"), templatesSentTo("56981110001"));
      assertEquals(List.of("recordatorio_pago_vence_hoy"), templatesSentTo("56981110002"));
      assertEquals(List.of("recordatorio_pago_vencido"), templatesSentTo("56981110003"));
      assertEquals(0, fake.sentTo("56981110004").size(), "a paid invoice is not reminded");
      JsonArray params = fake.sentTo("56981110003").get(0).body().getJsonObject("template").getJsonArray("components")
          .getJsonObject(0).getJsonArray("parameters");
      assertEquals("CLP 45.000", params.getJsonObject(2).getString("text"));
      assertEquals("5", params.getJsonObject(3).getString("text"));
      assertEquals(3, count("select count(*) from reminder_sends where record_type = 'invoice' and record_id in "
          + "(select id from invoices where external_id in ('A1', 'A2', 'A3', 'A4'))"));
      assertEquals(3, count("select count(*) from activities a join invoices i on i.contact_id = a.contact_id "
          + "where a.title like 'Recordatorio enviado:%' and i.external_id in ('A1', 'A2', 'A3', 'A4')"));
    } finally {
      second.stop().await();
    }
  }

  @Test
  @DisplayName("an order's changes are told once each (dispatched with carrier and tracking, delivered); deliveries tomorrow too")
  void orderReminders() throws Exception {
    JsonObject order = new JsonObject().put("externalId", "P-77").put("number", "77").put("deliveryMethod", "carrier")
        .put("carrier", "Starken").put("trackingNumber", "STK123").put("status", "dispatched")
        .put("contact", new JsonObject().put("phone", "+56981110077").put("name", "Pedro"));
    assertEquals(201, admin.post("/api/v1/orders", order).statusCode());
    Await.until(() -> fake.sentTo("56981110077").size() == 1, "dispatched");
    assertEquals(200, admin.post("/api/v1/orders", order).statusCode(), "the same push again is an update");
    assertEquals(200, admin.post("/api/v1/orders", order.copy().put("status", "delivered")).statusCode());
    Await.until(() -> fake.sentTo("56981110077").size() == 2, "delivered");
    runPass("reminder");
    awaitOutboxSent();
    assertEquals(List.of("pedido_despachado", "pedido_entregado"), templatesSentTo("56981110077"));
    JsonArray dispatched = fake.sentTo("56981110077").get(0).body().getJsonObject("template").getJsonArray("components")
        .getJsonObject(0).getJsonArray("parameters");
    assertEquals("Starken", dispatched.getJsonObject(2).getString("text"));
    assertEquals("STK123", dispatched.getJsonObject(3).getString("text"));

    admin.post("/api/v1/orders", new JsonObject().put("externalId", "P-78").put("number", "78")
        .put("scheduledDelivery", today.plusDays(1).toString()).put("deliveryWindow", "14:00 y 18:00")
        .put("contact", new JsonObject().put("phone", "+56981110078")));
    Await.until(() -> templatesSentTo("56981110078").equals(List.of("entrega_programada_manana")), "delivery tomorrow");
  }

  @Test
  @DisplayName("receivables are aged 0–30, 31–60, 61–90 and over 90 days; bad pushes are refused with the field")
  void agingAndBadInput() {
    long account = admin.post("/api/v1/accounts", new JsonObject().put("name", "Redes del Sur")).bodyAsJsonObject().getLong("id");
    int[] daysOverdue = {-3, 10, 45, 75, 120};
    for (int i = 0; i < daysOverdue.length; i++) {
      assertEquals(201, admin.post("/api/v1/invoices", new JsonObject().put("externalId", "AG" + i).put("number", "AG" + i)
          .put("amount", "1000").put("dueDate", LocalDate.now().minusDays(daysOverdue[i]).toString())
          .put("accountId", account).put("contact", new JsonObject().put("phone", "+5698222000" + i))).statusCode());
    }
    JsonObject aging = admin.get("/api/v1/accounts/" + account + "/receivables").bodyAsJsonObject();
    assertEquals("1000.00", aging.getString("current"));
    assertEquals("1000.00", aging.getString("days0To30"));
    assertEquals("1000.00", aging.getString("days31To60"));
    assertEquals("1000.00", aging.getString("days61To90"));
    assertEquals("1000.00", aging.getString("over90"));
    var missingDue = admin.post("/api/v1/invoices", new JsonObject().put("externalId", "X").put("number", "X")
        .put("amount", "1").put("contact", new JsonObject().put("phone", "+56900000000")));
    assertEquals("dueDate", missingDue.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var negative = admin.post("/api/v1/invoices", new JsonObject().put("externalId", "X").put("number", "X")
        .put("amount", "-5").put("dueDate", "2026-12-01").put("contact", new JsonObject().put("phone", "+56900000000")));
    assertEquals("amount", negative.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(0, count("select count(*) from invoices where external_id = 'X'"));
    assertEquals(403, signIn("ana@demo.conecta.cl").post("/api/v1/invoices", new JsonObject()).statusCode());
  }
}
