package com.conecta.hub.fieldservice.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.EventStreamClient;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Visits with a slot: the coordinator's board, the calendar with reminders and each person's .ics feed")
class VisitBoardAndCalendarFeedTest extends HubTestBase {
  private Api ana;
  private Api carla;
  private WebClient anonymous;
  private long contactId;

  @BeforeAll
  void people() {
    ana = signIn("ana@demo.conecta.cl");
    carla = signIn("carla@demo.conecta.cl");
    anonymous = WebClient.create(vertx);
    assertEquals(200, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/technicians/4",
        new JsonObject().put("level", "specialist")).statusCode());
    contactId = admin.post("/api/v1/contacts", new JsonObject().put("name", "Clínica Las Condes; sede \"Norte\"")
        .put("phone", "+56933334444")).bodyAsJsonObject().getLong("id");
  }

  private JsonObject visit(JsonObject extra) {
    JsonObject body = new JsonObject().put("kind", "technical_visit").put("contactId", contactId)
        .put("address", "Av. Apoquindo 3000, Las Condes, Santiago").mergeIn(extra);
    var res = admin.post("/api/v1/service-requests", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  private static List<Long> ids(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  private HttpResponse<Buffer> feed(String path) {
    return anonymous.get(carla.port(), "127.0.0.1", path).send().await();
  }

  @Test
  @DisplayName("a visit keeps its length; bad lengths and dates are refused per field and change nothing; the board "
      + "lists technicians, the unassigned visit beside them, moves it when assigned (live) and marks overlaps")
  void board() throws Exception {
    long before = count("select count(*) from service_requests");
    var tooShort = admin.post("/api/v1/service-requests", new JsonObject().put("kind", "technical_visit")
        .put("contactId", contactId).put("scheduledFor", "2027-03-03T13:00:00Z").put("durationMinutes", 5));
    assertEquals(422, tooShort.statusCode(), tooShort.bodyAsString());
    assertEquals("durationMinutes", tooShort.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(before, count("select count(*) from service_requests"), "nothing stored");

    JsonObject open = visit(new JsonObject().put("scheduledFor", "2027-03-03T13:00:00Z").put("durationMinutes", 90));
    long id = open.getLong("id");
    assertEquals(90, open.getInteger("durationMinutes"));
    JsonObject week = admin.get("/api/v1/service-board?from=2027-03-01&days=7").bodyAsJsonObject();
    assertEquals("America/Santiago", week.getString("timeZone"));
    assertEquals(7, week.getJsonArray("days").size());
    assertEquals("2027-03-01T03:00:00Z", week.getString("from"), "the board's days start at Santiago's midnight");
    assertTrue(ids(week.getJsonArray("technicians")).contains(4L), week.encode());
    assertTrue(ids(week.getJsonArray("unassigned")).contains(id), "an unassigned visit waits beside the board");
    assertEquals(403, ana.get("/api/v1/service-board?from=2027-03-01").statusCode(), "only coordinators");
    assertEquals(400, admin.get("/api/v1/service-board?from=01-03-2027").statusCode());
    assertEquals(400, admin.get("/api/v1/service-board?days=40").statusCode());

    try (EventStreamClient events = new EventStreamClient(vertx, hub.port(), admin.cookie())) {
      var assign = admin.patch("/api/v1/service-requests/" + id, new JsonObject().put("technicianId", 4)
          .put("scheduledFor", "2027-03-04T13:00:00Z"));
      assertEquals(200, assign.statusCode(), assign.bodyAsString());
      assertNotNull(events.await(e -> "service.changed".equals(e.getString("type"))
          && Long.valueOf(id).equals(e.getJsonObject("data").getLong("serviceRequestId")), Duration.ofSeconds(10)),
          "open boards hear of the change");
    }
    long overlapping = visit(new JsonObject().put("scheduledFor", "2027-03-04T14:00:00Z").put("technicianId", 4))
        .getLong("id");
    long apart = visit(new JsonObject().put("scheduledFor", "2027-03-04T18:00:00Z").put("technicianId", 4)).getLong("id");
    week = admin.get("/api/v1/service-board?from=2027-03-01&days=7").bodyAsJsonObject();
    assertTrue(!ids(week.getJsonArray("unassigned")).contains(id));
    JsonObject placed = byId(week.getJsonArray("visits"), id);
    assertEquals(4L, placed.getLong("technicianId"));
    assertEquals(new JsonArray().add(overlapping), placed.getJsonArray("conflictsWith"), "13:00-14:30 meets 14:00-15:00");
    assertEquals(new JsonArray().add(id), byId(week.getJsonArray("visits"), overlapping).getJsonArray("conflictsWith"));
    assertEquals(new JsonArray(), byId(week.getJsonArray("visits"), apart).getJsonArray("conflictsWith"));
  }

  private static JsonObject byId(JsonArray items, long id) {
    return items.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("the calendar shows a technician's visit as a slot with its place, and a salesperson's sent quote as "
      + "follow-up reminders every few days until it expires")
  void calendarItems() {
    long id = visit(new JsonObject().put("scheduledFor", "2027-05-10T14:00:00Z").put("technicianId", 4)
        .put("durationMinutes", 120)).getLong("id");
    JsonArray items = carla.get("/api/v1/calendar?from=2027-05-10&to=2027-05-11").bodyAsJsonObject().getJsonArray("items");
    JsonObject v = items.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
    assertEquals("2027-05-10T14:00:00Z", v.getString("start"));
    assertEquals("2027-05-10T16:00:00Z", v.getString("end"));
    assertEquals("Av. Apoquindo 3000, Las Condes, Santiago", v.getString("location"));
    sql.preparedQuery("""
        insert into quotes (number, contact_id, status, currency, valid_until, net, tax, total, created_by, sent_at,
          sent_channel) values ('COT-CAL-1', $1, 'sent', 'CLP', '2027-06-20', 100000, 19000, 119000, 2,
          '2027-06-01T15:00:00Z', 'whatsapp')""").execute(io.vertx.sqlclient.Tuple.of(contactId)).await();
    JsonArray june = ana.get("/api/v1/calendar?from=2027-06-01&to=2027-07-01").bodyAsJsonObject().getJsonArray("items");
    List<String> reminders = june.stream().map(o -> (JsonObject) o).filter(o -> "reminder".equals(o.getString("type")))
        .map(o -> o.getString("start")).toList();
    assertEquals(List.of("2027-06-04T15:00:00Z", "2027-06-07T15:00:00Z", "2027-06-10T15:00:00Z", "2027-06-13T15:00:00Z",
        "2027-06-16T15:00:00Z", "2027-06-19T15:00:00Z"), reminders, "every 3 days (config/sales.yaml) until 20-06");
  }

  @Test
  @DisplayName("a person's secret .ics URL is valid iCalendar read without a session (UID, UTC times, summary, place); "
      + "only its hash is stored; remaking it kills the old URL and revoking kills the new one")
  void feed() throws Exception {
    visit(new JsonObject().put("scheduledFor", java.time.Instant.now().plus(Duration.ofDays(2))
        .truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString()).put("technicianId", 4)
        .put("notes", "Llevar escalera, 3 cámaras"));
    assertEquals(false, carla.get("/api/v1/calendar/feed").bodyAsJsonObject().getBoolean("active"));
    var made = carla.post("/api/v1/calendar/feed", new JsonObject());
    assertEquals(201, made.statusCode(), made.bodyAsString());
    String path = made.bodyAsJsonObject().getString("path");
    assertTrue(path.matches("/calendar/feed/[A-Za-z0-9_-]{43}\\.ics"), path);
    String token = path.substring("/calendar/feed/".length(), path.length() - 4);
    assertEquals(0, count("select count(*) from calendar_feeds where token_hash = '" + token + "'"), "never the token");
    assertEquals(1, count("select count(*) from calendar_feeds where user_id = 4 and length(token_hash) = 64"));

    var res = feed(path);
    assertEquals(200, res.statusCode());
    assertTrue(res.getHeader("content-type").startsWith("text/calendar"));
    String text = res.bodyAsString();
    Calendar cal = new CalendarBuilder().build(new StringReader(text));
    cal.validate();
    List<VEvent> events = cal.getComponents("VEVENT");
    assertEquals(1, events.size(), text);
    VEvent e = events.get(0);
    assertTrue(e.getProperty(Property.UID).orElseThrow().getValue().startsWith("service_request-"));
    assertTrue(e.getProperty(Property.DTSTART).orElseThrow().getValue().endsWith("Z"), "UTC");
    assertTrue(e.getProperty(Property.DTEND).orElseThrow().getValue().endsWith("Z"), "UTC");
    // The feed speaks its owner's language (carla reads English in the demo data).
    String words = "en".equals(sql.query("select locale from users where id = 4").execute().await().iterator().next()
        .getString(0)) ? "Technical visit" : "Visita técnica";
    assertEquals(words + ": Clínica Las Condes; sede \"Norte\"",
        e.getProperty(Property.SUMMARY).orElseThrow().getValue(), "escaped text reads back whole");
    assertEquals("Av. Apoquindo 3000, Las Condes, Santiago", e.getProperty(Property.LOCATION).orElseThrow().getValue());
    assertTrue(e.getProperty(Property.DESCRIPTION).orElseThrow().getValue().contains("Llevar escalera, 3 cámaras"));
    assertTrue(text.contains("\r\n"), "RFC 5545 lines end in CRLF");

    String again = carla.post("/api/v1/calendar/feed", new JsonObject()).bodyAsJsonObject().getString("path");
    assertEquals(404, feed(path).statusCode(), "the old URL stops working");
    assertEquals(200, feed(again).statusCode());
    assertEquals(200, carla.delete("/api/v1/calendar/feed").statusCode());
    assertEquals(404, feed(again).statusCode(), "revoked");
    assertEquals(404, feed("/calendar/feed/not-a-token.ics").statusCode());
  }
}
