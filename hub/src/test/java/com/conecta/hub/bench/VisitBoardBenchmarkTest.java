package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's visit board and a technician's calendar and .ics feed over HTTP with 5,000 visits spread over 8
 * weeks and 25 technicians (about 625 in the week shown), p50/p99 of 100 calls each. Prints figures; asserts only
 * that the board holds the week's visits. Run: ./mvnw -B -pl hub -am verify -Pbench -Dtest=VisitBoardBenchmarkTest
 */
@Tag("benchmark")
@DisplayName("Visit board benchmark (5,000 visits, 25 technicians)")
class VisitBoardBenchmarkTest extends HubTestBase {
  private static final int VISITS = Integer.getInteger("bench.visits", 5_000);
  private static final int CALLS = 100;

  @Test
  @DisplayName("prints p50/p99 of the board, the calendar and the feed")
  void times() {
    LocalDate monday = LocalDate.now(ZoneId.of("America/Santiago")).with(java.time.DayOfWeek.MONDAY);
    sql.query("insert into users (email, name, role, technician_level) select 'tec' || g || '@bench.cl', 'Técnico ' || g,"
        + " 'agent', case when g % 3 = 0 then 'specialist' else 'standard' end from generate_series(1, 25) g")
        .execute().await();
    long contact = admin.post("/api/v1/contacts", new JsonObject().put("name", "Banco de pruebas")).bodyAsJsonObject()
        .getLong("id");
    // 8 weeks from four weeks back: each technician's 200 visits 6 h 40 min apart; one in ten lasts 8 h (overlaps).
    sql.query("insert into service_requests (kind, contact_id, address, scheduled_for, duration_minutes, technician_id)"
        + " select 'technical_visit', " + contact + ", 'Calle ' || g, '" + monday.minusWeeks(4)
        + "'::timestamptz + make_interval(mins => (g / 25) * 400 + 12 * 60),"
        + " case when g % 10 = 0 then 480 else 60 end,"
        + " (select id from users where email = 'tec' || (g % 25 + 1) || '@bench.cl')"
        + " from generate_series(1, " + VISITS + ") g").execute().await();
    long feedUser = count("select id from users where email = 'tec1@bench.cl'");
    JsonObject board = admin.get("/api/v1/service-board?from=" + monday).bodyAsJsonObject();
    // The board's days are Santiago's days.
    long inWeek = count("select count(*) from service_requests where scheduled_for >= timestamp '" + monday
        + "' at time zone 'America/Santiago' and scheduled_for < timestamp '" + monday.plusDays(7)
        + "' at time zone 'America/Santiago'");
    System.out.printf("%nVisit board at %,d visits (%,d in the week shown, %d technicians)%n", VISITS, inWeek,
        board.getJsonArray("technicians").size());
    assertEquals(inWeek, board.getJsonArray("visits").size() + board.getJsonArray("unassigned").size());
    time("board, a week", admin, "/api/v1/service-board?from=" + monday);
    time("calendar, a week, one person", admin, "/api/v1/calendar?userId=" + feedUser + "&from=" + monday
        + "&to=" + monday.plusDays(7));
    String token = "b".repeat(43);
    sql.query("insert into calendar_feeds (user_id, token_hash) values (" + feedUser + ", encode(sha256('" + token
        + "'::bytea), 'hex'))").execute().await();
    var http = io.vertx.ext.web.client.WebClient.create(vertx);
    long[] times = new long[CALLS];
    int events = 0;
    for (int i = 0; i < CALLS; i++) {
      long s = System.nanoTime();
      var res = http.get(hub.port(), "127.0.0.1", "/calendar/feed/" + token + ".ics").send().await();
      times[i] = System.nanoTime() - s;
      assertEquals(200, res.statusCode());
      events = res.bodyAsString().split("BEGIN:VEVENT").length - 1;
    }
    Arrays.sort(times);
    System.out.printf("%-32s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d events)%n", ".ics feed, 4 months", times[CALLS / 2] / 1e6,
        times[(int) Math.ceil(CALLS * 0.99) - 1] / 1e6, times[CALLS - 1] / 1e6, events);
  }

  private void time(String what, Api caller, String path) {
    long[] times = new long[CALLS];
    for (int i = 0; i < CALLS; i++) {
      long s = System.nanoTime();
      var res = caller.get(path);
      times[i] = System.nanoTime() - s;
      assertEquals(200, res.statusCode(), res.bodyAsString());
    }
    Arrays.sort(times);
    System.out.printf("%-32s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what, times[CALLS / 2] / 1e6,
        times[(int) Math.ceil(CALLS * 0.99) - 1] / 1e6, times[CALLS - 1] / 1e6);
  }
}
