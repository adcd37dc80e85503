package com.conecta.hub.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report as CSV for a spreadsheet: each section is its title, a header row and its rows, then a blank line.
 * Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
final class ReportCsv {
  private ReportCsv() {}

  static String write(Report report, String lang) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
      for (ReportSection s : report.sections()) {
        csv.printRecord(s.title(lang));
        csv.printRecord(s.columns());
        for (List<Object> row : s.rows()) {
          csv.printRecord(row.stream().map(ReportCsv::cell).toList());
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
}
