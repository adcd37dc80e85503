package com.conecta.hub.marketing.bot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * An inbox's opening hours from its settings: {"businessHours": {"timeZone": "America/Santiago",
 * "weekly": {"mon": ["09:00", "18:00"], ...}, "holidays": ["2026-12-25"]}}. No setting means always open.
 */
public record BusinessHours(ZoneId zone, java.util.Map<DayOfWeek, LocalTime[]> weekly, Set<LocalDate> holidays) {
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  public static BusinessHours of(JsonObject settings) {
    JsonObject h = settings.getJsonObject("businessHours");
    if (h == null) {
      return null;
    }
    java.util.Map<DayOfWeek, LocalTime[]> weekly = new java.util.EnumMap<>(DayOfWeek.class);
    JsonObject w = h.getJsonObject("weekly", new JsonObject());
    for (int i = 0; i < DAYS.length; i++) {
      JsonArray span = w.getJsonArray(DAYS[i]);
      if (span != null && span.size() == 2) {
        weekly.put(DayOfWeek.of(i + 1), new LocalTime[] {LocalTime.parse(span.getString(0)), LocalTime.parse(span.getString(1))});
      }
    }
    Set<LocalDate> holidays = new HashSet<>();
    h.getJsonArray("holidays", new JsonArray()).forEach(d -> holidays.add(LocalDate.parse(String.valueOf(d))));
    return new BusinessHours(ZoneId.of(h.getString("timeZone", "America/Santiago")), weekly, holidays);
  }

  public boolean isOpen(ZonedDateTime at) {
    ZonedDateTime t = at.withZoneSameInstant(zone);
    LocalTime[] span = weekly.get(t.getDayOfWeek());
    return span != null && !holidays.contains(t.toLocalDate()) && !t.toLocalTime().isBefore(span[0])
        && t.toLocalTime().isBefore(span[1]);
  }

  /** When a person will answer, said the way the customer reads it ("mañana a las 09:00", "el lunes a las 09:00"). */
  public String nextOpening(ZonedDateTime from, String language) {
    ZonedDateTime t = from.withZoneSameInstant(zone);
    for (int d = 0; d < 14; d++) {
      LocalDate day = t.toLocalDate().plusDays(d);
      LocalTime[] span = weekly.get(day.getDayOfWeek());
      if (span == null || holidays.contains(day)) {
        continue;
      }
      if (d == 0 && !t.toLocalTime().isBefore(span[0])) {
        continue;
      }
      boolean en = "en".equals(language);
      String when = d == 0 ? (en ? "today" : "hoy") : d == 1 ? (en ? "tomorrow" : "mañana")
          : (en ? "on " : "el ") + day.getDayOfWeek().getDisplayName(TextStyle.FULL, en ? Locale.ENGLISH : Locale.forLanguageTag("es"));
      return when + (en ? " at " : " a las ") + span[0];
    }
    return "en cuanto sea posible";
  }
}
