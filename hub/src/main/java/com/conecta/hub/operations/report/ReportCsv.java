package com.conecta.hub.operations.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report as CSV for a spreadsheet: each section is its title, a header row and its rows, then a blank line.
 * Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. In Spanish it is what Excel set to
 * es-CL opens in columns at once: a UTF-8 BOM (else accents break), ';' between cells (',' is the decimal mark there),
 * decimal commas, dates as 31-12-2026 and the headers by their Spanish names. Cells that hold a stage, channel or
 * source key are written by the name the screens show (ReportCellNames).
 */
final class ReportCsv {
  private static final Map<String, Map<String, String>> HEADERS = Map.of("es", headers("es"), "en", headers("en"));
  private static final CSVFormat SPANISH = CSVFormat.RFC4180.builder().setDelimiter(';').build();

  private ReportCsv() {}

  static String write(Report report, String lang, ReportCellNames cellNames) {
    boolean es = !"en".equals(lang);
    StringWriter out = new StringWriter();
    if (es) {
      out.write('\uFEFF');
    }
    Map<String, String> names = HEADERS.get(es ? "es" : "en");
    try (CSVPrinter csv = new CSVPrinter(out, es ? SPANISH : CSVFormat.RFC4180)) {
      for (ReportSection s : report.sections()) {
        csv.printRecord(s.title(lang));
        csv.printRecord(s.columns().stream().map(c -> names.getOrDefault(c, c)).toList());
        for (List<Object> row : s.rows()) {
          List<Object> named = new ArrayList<>(row.size());
          for (int i = 0; i < row.size(); i++) {
            Object v = cell(cellNames.name(s.columns().get(i), row.get(i)));
            named.add(es ? spanish(v) : v);
          }
          csv.printRecord(named);
        }
        csv.println();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Object cell(Object v) {
    if (v instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return v;
  }

  /** 12.5 → "12,5"; 2026-12-31 → "31-12-2026"; whole numbers stay ungrouped so the spreadsheet reads them as numbers. */
  private static Object spanish(Object v) {
    if (v instanceof Number n && !(v instanceof Long || v instanceof Integer || v instanceof Short)) {
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      return d.stripTrailingZeros().toPlainString().replace('.', ',');
    }
    if (v instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return s.substring(8) + "-" + s.substring(5, 7) + "-" + s.substring(0, 4);
    }
    return v;
  }

  private static Map<String, String> headers(String lang) {
    return ReportCellNames.properties("i18n/report-columns." + lang + ".properties");
  }
}
