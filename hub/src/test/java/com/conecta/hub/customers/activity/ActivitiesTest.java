package com.conecta.hub.customers.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Activities: reminders before they are due, the calendar and the customer timeline")
class ActivitiesTest extends HubTestBase {
  @Override
  protected JsonObject extraConfig() {
    return settings();
  }

  private static JsonObject settings() {
    return new JsonObject().put("service-work.tick-seconds", 3600).put("service-work.activity-reminder-minutes", 60)
        .put("service-work.activity-reminder-channels", "in_app,email,whatsapp");
  }

  private long activity(Api who, JsonObject body) {
    var res = who.post("/api/v1/activities", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  @Test
  @DisplayName("the owner is reminded once per channel before an activity is due, even with two nodes; later, done "
      + "and ownerless activities are not")
  void remindersOnce() throws Exception {
    Hub second = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, settings());
    try {
      Instant soon = Instant.now().plus(20, ChronoUnit.MINUTES);
      long call = activity(admin, new JsonObject().put("kind", "call").put("title", "Llamar a Hotel Los Andes")
          .put("dueAt", soon.toString()).put("ownerId", 2).put("opportunityId", 777));
      long later = activity(admin, new JsonObject().put("kind", "meeting").put("title", "Reunión mensual")
          .put("dueAt", Instant.now().plus(3, ChronoUnit.HOURS).toString()).put("ownerId", 2));
      long done = activity(admin, new JsonObject().put("kind", "task").put("title", "Enviar catálogo")
          .put("dueAt", soon.toString()).put("ownerId", 2).put("done", true));
      String sent = "select count(*) from notifications where kind = 'activity_due' and payload ->> 'activityId' = '";
      // Both nodes run the pass twice, as their timers would: still once each.
      for (int i = 0; i < 2; i++) {
        runPass("ticket/activity reminder");
        second.jobs().run("ticket/activity reminder").await();
      }
      Await.until(() -> count(sent + call + "'") == 3, "in_app, email and whatsapp reminders");
      assertEquals(3, count(sent + call + "'"), "each channel once, though both nodes ran the pass twice");
      assertEquals(1, count(sent + call + "' and channel = 'whatsapp' and payload -> 'template' ->> 'name' = "
          + "'recordatorio_actividad' and user_id = 2"));
      assertEquals(0, count(sent + later + "'"), "not due within the reminder window yet");
      assertEquals(0, count(sent + done + "'"), "done activities are not reminded");
      assertEquals(777L, admin.get("/api/v1/activities/" + call).bodyAsJsonObject().getLong("opportunityId"));
    } finally {
      second.stop().await();
    }
  }

  @Test
  @DisplayName("the calendar shows a person's or a team's activities and visits in a range, within what the user may see")
  void calendar() {
    admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/technicians/4", new JsonObject().put("level", "standard"));
    long contact = admin.post("/api/v1/contacts", new JsonObject().put("name", "Clínica Sur")).bodyAsJsonObject()
        .getLong("id");
    long anaTask = activity(admin, new JsonObject().put("kind", "follow_up").put("title", "Seguimiento cotización")
        .put("dueAt", "2027-03-02T13:00:00Z").put("ownerId", 2));
    long carlaVisit = activity(admin, new JsonObject().put("kind", "visit").put("title", "Visita Clínica Sur")
        .put("dueAt", "2027-03-03T13:00:00Z").put("ownerId", 4).put("contactId", contact));
    activity(admin, new JsonObject().put("kind", "task").put("title", "Fuera de rango")
        .put("dueAt", "2027-04-20T13:00:00Z").put("ownerId", 4));
    long service = admin.post("/api/v1/service-requests", new JsonObject().put("kind", "maintenance")
        .put("contactId", contact).put("scheduledFor", "2027-03-04T12:00:00Z").put("technicianId", 4))
        .bodyAsJsonObject().getLong("id");
    String range = "/api/v1/calendar?from=2027-03-01&to=2027-03-31";
    Api ana = signIn("ana@demo.conecta.cl");
    Api carla = signIn("carla@demo.conecta.cl");
    assertEquals(List.of("activity:" + anaTask), keys(ana.get(range).bodyAsJsonObject().getJsonArray("items")));
    assertEquals(List.of("activity:" + carlaVisit, "service_request:" + service),
        keys(carla.get(range + "&teamId=2").bodyAsJsonObject().getJsonArray("items")), "team Soporte");
    assertEquals(404, ana.get(range + "&teamId=2").statusCode(), "ana is not in Soporte");
    assertEquals(404, ana.get(range + "&userId=4").statusCode(), "carla is not in ana's teams");
    assertEquals(List.of("activity:" + carlaVisit, "service_request:" + service),
        keys(admin.get(range + "&userId=4").bodyAsJsonObject().getJsonArray("items")));
    assertEquals(400, ana.get("/api/v1/calendar?from=2027-03-01&to=2028-03-01").statusCode(), "at most 92 days");
    assertEquals(200, ana.get("/api/v1/calendar").statusCode(), "without dates: the coming week");
  }

  private static List<String> keys(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("type") + ":" + ((JsonObject) o).getLong("id")).toList();
  }

  @Test
  @DisplayName("a contact's timeline merges conversations, activities, tickets and service requests, newest first; "
      + "marketing sees it without conversations")
  void timeline() {
    long contact = admin.inbound(API_INBOX, "tl-1", "timeline-1", "Rosa Díaz", "Hola, necesito una mantención")
        .bodyAsJsonObject().getLong("contactId");
    long act = activity(admin, new JsonObject().put("kind", "call").put("title", "Llamar a Rosa")
        .put("dueAt", Instant.now().plus(5, ChronoUnit.DAYS).toString()).put("contactId", contact));
    long ticket = admin.post("/api/v1/tickets", new JsonObject().put("kind", "warranty").put("subject", "Garantía")
        .put("contactId", contact)).bodyAsJsonObject().getLong("id");
    long service = admin.post("/api/v1/service-requests", new JsonObject().put("kind", "technical_visit")
        .put("contactId", contact).put("scheduledFor", Instant.now().plus(2, ChronoUnit.DAYS).toString()))
        .bodyAsJsonObject().getLong("id");
    var res = admin.get("/api/v1/contacts/" + contact + "/timeline");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonArray items = res.bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("activity:" + act, "service_request:" + service, "ticket:" + ticket),
        keys(items).subList(0, 3), "newest (latest date) first");
    assertTrue(keys(items).get(3).startsWith("conversation:"));
    assertEquals(4, items.size());
    admin.post("/api/v1/users", new JsonObject().put("email", "mkt-tl@demo.conecta.cl").put("name", "Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD));
    Api marketing = Api.signedIn(vertx, hub.port(), "mkt-tl@demo.conecta.cl", Api.AGENT_PASSWORD);
    JsonArray seen = marketing.get("/api/v1/contacts/" + contact + "/timeline").bodyAsJsonObject().getJsonArray("items");
    assertEquals(3, seen.size());
    assertTrue(keys(seen).stream().noneMatch(k -> k.startsWith("conversation:")));
    assertEquals(404, signIn("carla@demo.conecta.cl").get("/api/v1/contacts/" + contact + "/timeline").statusCode(),
        "carla's teams never talked to this contact");
  }
}
