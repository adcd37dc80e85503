package com.conecta.hub.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Api;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** How the report tests read the reports API: one report over a range, and its sections, rows and a row. */
final class ReportReader {
  /** Where report days are counted (reports.time-zone's default). */
  static final ZoneId ZONE = ZoneId.of("America/Santiago");

  private ReportReader() {}

  /** Yesterday and today, as the reports' range query. */
  static String range(LocalDate today) {
    return "from=" + today.minusDays(1) + "&to=" + today;
  }

  static JsonObject section(JsonObject report, String key) {
    return report.getJsonArray("sections").stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("key").equals(key)).findFirst().orElseThrow(() -> new AssertionError("no " + key));
  }

  static List<JsonObject> rows(JsonObject report, String key) {
    return section(report, key).getJsonArray("rows").stream().map(o -> (JsonObject) o).toList();
  }

  static Optional<JsonObject> row(JsonObject report, String key, String column, Object value) {
    return rows(report, key).stream().filter(r -> value.equals(r.getValue(column))).findFirst();
  }

  /** The report {@code key} as {@code api}'s user reads it with {@code query}; it must answer 200. */
  static JsonObject report(Api api, String key, String query) {
    var res = api.get("/api/v1/reports/" + key + "?" + query);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }
}
