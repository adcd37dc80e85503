package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.web.JsonBody;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small input conversions every service concern reads the same way. */
final class ServiceInput {
  private ServiceInput() {}

  /** A trimmed text, or null when absent or blank. */
  static String text(JsonBody b, String field, int max) {
    String s = b.optionalString(field, max);
    return s == null || s.isBlank() ? null : s.trim();
  }

  static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /** A visit's length in minutes: 15 minutes to a whole day; null when absent. */
  static Integer duration(JsonBody b) {
    Long minutes = b.optionalLong("durationMinutes");
    if (minutes != null && (minutes < 15 || minutes > 24 * 60)) {
      throw com.conecta.hub.foundation.web.ApiError.invalid("durationMinutes", "a visit lasts from 15 minutes to 24 hours");
    }
    return minutes == null ? null : minutes.intValue();
  }
}
