package com.conecta.hub.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

// Timers an hour apart: in this class a reminder is only ever sent because the test ran the pass.
@ConectaHub(config = "reminders.tick-seconds=3600")
@DisplayName("The test kit: a hub with its fakes, signed-in users and passes the test runs")
class TestKitGivesAHubItsFakesAndItsJobsTest {

  @Test
  @DisplayName("the hub's database is a clone of the migrated template: every migration is there, none ran again")
  void databaseIsClonedFromTheTemplate(RunningHub hub) {
    long migrations = hub.count("select count(*) from flyway_schema_history where success and version is not null");
    assertTrue(migrations >= 35, "all versioned migrations applied: " + migrations);
    assertEquals(1, hub.count("select count(distinct installed_on::date) from flyway_schema_history"),
        "applied once, when the template was built");
    assertEquals(0, hub.count("select count(*) from pg_database where datname = current_database() and datistemplate"));
    assertTrue(hub.dbUrl().contains("conecta_test_"), hub.dbUrl());
  }

  @Test
  @DisplayName("admin, agents and a marketing user are signed in; a WhatsApp customer's message reaches the fake as a reply")
  void signedInClientsAndFakeGraph(RunningHub hub) {
    assertEquals(200, hub.admin().get("/api/v1/auth/me").statusCode());
    assertEquals("agent", hub.agent("ana").get("/api/v1/auth/me").bodyAsJsonObject().getString("role"));
    assertEquals("marketing", hub.marketing().get("/api/v1/auth/me").bodyAsJsonObject().getString("role"));
    hub.customer("56977001122", "Rosa Kit").text(hub.port(), "Hola, ¿tienen extintores?");
    long conversation = Await.value(() -> hub.count("select coalesce(max(c.id), 0) from conversations c join contacts k "
        + "on k.id = c.contact_id where k.phone like '%56977001122'"), id -> id > 0, "the customer's conversation");
    var reply = hub.admin().post("/api/v1/conversations/" + conversation + "/messages",
        new JsonObject().put("text", "Hola Rosa, sí: ¿cuántos necesita?"));
    assertEquals(201, reply.statusCode(), reply.bodyAsString());
    Await.until(() -> hub.graph().api().sentTo("56977001122").size() == 1, "the reply at the fake Graph API");
    assertEquals("Hola Rosa, sí: ¿cuántos necesita?", hub.graph().api().sentTo("56977001122").get(0).body()
        .getJsonObject("text").getString("body"));
  }

  @Test
  @DisplayName("a periodic pass runs when the test says, on this node or a second one, and an unknown pass is refused")
  void passesRunOnDemand(RunningHub hub) {
    assertTrue(hub.jobs().names().containsAll(java.util.List.of("reminder", "campaign", "quote", "assignment")),
        hub.jobs().names().toString());
    LocalDate today = LocalDate.now(ZoneId.of("America/Santiago"));
    var invoice = hub.admin().post("/api/v1/invoices", new JsonObject().put("externalId", "KIT-1").put("number", "KIT-1")
        .put("amount", "150000").put("currency", "CLP").put("dueDate", today.toString())
        .put("contact", new JsonObject().put("phone", "+56977003344").put("name", "Cliente Kit")));
    assertEquals(201, invoice.statusCode(), invoice.bodyAsString());
    assertEquals(0, hub.count("select count(*) from reminder_sends"), "no tick has run: the timer is an hour away");
    hub.run("reminder");
    Await.until(() -> hub.graph().api().sentTo("56977003344").size() == 1, "the payment reminder");
    hub.anotherNode().jobs().run("reminder").await();
    hub.run("reminder");
    assertEquals(1, hub.count("select count(*) from reminder_sends"), "sent once, however many passes and nodes");
    assertThrows(IllegalArgumentException.class, () -> hub.jobs().run("no such pass").await());
  }
}
