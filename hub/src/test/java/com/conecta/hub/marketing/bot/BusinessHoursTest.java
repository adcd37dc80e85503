package com.conecta.hub.marketing.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An inbox's business hours")
class BusinessHoursTest {
  private static final ZoneId SCL = ZoneId.of("America/Santiago");
  private final BusinessHours hours = BusinessHours.of(new JsonObject().put("businessHours", new JsonObject()
      .put("timeZone", "America/Santiago")
      .put("weekly", new JsonObject().put("mon", new JsonArray().add("09:00").add("18:00"))
          .put("tue", new JsonArray().add("09:00").add("18:00")).put("fri", new JsonArray().add("09:00").add("13:00")))
      .put("holidays", new JsonArray().add("2026-12-08"))));

  @Test
  @DisplayName("open inside the day's span, closed outside it, on days off and on holidays")
  void openOrClosed() {
    assertTrue(hours.isOpen(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, SCL)));
    assertFalse(hours.isOpen(ZonedDateTime.of(2026, 11, 23, 18, 0, 0, 0, SCL)));
    assertFalse(hours.isOpen(ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, SCL)), "Wednesday is not listed");
    assertFalse(hours.isOpen(ZonedDateTime.of(2026, 12, 8, 10, 0, 0, 0, SCL)), "a holiday Tuesday");
    assertNull(BusinessHours.of(new JsonObject()), "no setting: always open");
  }

  @Test
  @DisplayName("the next opening is said as a person would: today, tomorrow, or the weekday, in es or en")
  void nextOpening() {
    assertEquals("hoy a las 09:00", hours.nextOpening(ZonedDateTime.of(2026, 11, 23, 7, 0, 0, 0, SCL), "es"));
    assertEquals("mañana a las 09:00", hours.nextOpening(ZonedDateTime.of(2026, 11, 23, 19, 0, 0, 0, SCL), "es"));
    assertEquals("el viernes a las 09:00", hours.nextOpening(ZonedDateTime.of(2026, 11, 24, 19, 0, 0, 0, SCL), "es"));
    assertEquals("on Monday at 09:00", hours.nextOpening(ZonedDateTime.of(2026, 11, 27, 14, 0, 0, 0, SCL), "en"));
    assertEquals("el viernes a las 09:00", hours.nextOpening(ZonedDateTime.of(2026, 12, 7, 19, 0, 0, 0, SCL), "es"),
        "the holiday Tuesday is skipped");
  }
}
