package com.conecta.hub.customers.contact.transfer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * How a CSV file is written: its character set, its delimiter and whether it starts with a byte-order mark. Excel on an
 * es-CL machine writes windows-1252 with semicolons; Google Sheets and most systems write UTF-8 with commas.
 */
public record CsvDialect(Charset charset, char delimiter, boolean bom) {
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  /** Excel as set up in Chile, Bolivia and Colombia: the comma is the decimal mark, so the list separator is ';'. */
  public static final CsvDialect EXCEL_ES = new CsvDialect(WINDOWS_1252, ';', false);
  public static final CsvDialect UTF8_COMMA = new CsvDialect(java.nio.charset.StandardCharsets.UTF_8, ',', false);

  /** The format commons-csv reads and writes this dialect with (quotes doubled, records ended by CRLF). */
  public CSVFormat format() {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator("\r\n").setIgnoreEmptyLines(true)
        .build();
  }

  /** Opens the file as records, streamed from disk (the caller closes the parser). */
  public CSVParser open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    if (bom && in.skip(3) != 3) {
      in.close();
      throw new IOException("the file ends inside its byte-order mark");
    }
    Reader reader = new InputStreamReader(in, charset);
    return CSVParser.parse(reader, format());
  }

  /** The delimiter as people name it in the UI and the API. */
  public String delimiterName() {
    return switch (delimiter) {
      case ';' -> "semicolon";
      case '\t' -> "tab";
      default -> "comma";
    };
  }
}
