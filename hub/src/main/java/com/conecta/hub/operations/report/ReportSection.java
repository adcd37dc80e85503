package com.conecta.hub.operations.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;

/**
 * One table of a report, with the chart that draws it: {@code chart} is bar, line, funnel or table; the first
 * column labels the rows, the others are the series.
 */
public record ReportSection(String key, String titleEs, String titleEn, String chart, List<String> columns,
    List<List<Object>> rows) {

  /** A section whose columns are the query's columns, in order. */
  static ReportSection of(String key, String titleEs, String titleEn, String chart, RowSet<Row> rows) {
    List<String> columns = rows.columnsNames();
    List<List<Object>> data = new ArrayList<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        values.add(plain(r.getValue(i)));
      }
      data.add(values);
    }
    return new ReportSection(key, titleEs, titleEn, chart, columns, data);
  }

  /** JSON-friendly values: decimals as numbers rounded to 2 places, dates and times as ISO text. */
  static Object plain(Object v) {
    if (v instanceof BigDecimal d) {
      return d.setScale(Math.min(2, Math.max(0, d.scale())), java.math.RoundingMode.HALF_UP).doubleValue();
    }
    if (v instanceof Double d) {
      return Math.round(d * 100.0) / 100.0;
    }
    if (v instanceof Temporal t) {
      return t.toString();
    }
    return v;
  }

  public String title(String lang) {
    return "en".equals(lang) ? titleEn : titleEs;
  }

  public JsonObject toJson() {
    JsonArray data = new JsonArray();
    for (List<Object> r : rows) {
      JsonObject o = new JsonObject();
      for (int i = 0; i < columns.size(); i++) {
        o.put(columns.get(i), r.get(i));
      }
      data.add(o);
    }
    return new JsonObject().put("key", key).put("title", new JsonObject().put("es", titleEs).put("en", titleEn))
        .put("chart", chart).put("columns", new JsonArray(columns)).put("rows", data);
  }
}
