package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a product list as a spreadsheet exports it: a header row (code, name, unitPrice, taxRate?, currency?, in English
 * or Spanish), comma or semicolon separated, prices as people write them ("89.990", "1.500,50", "$89990"). Every bad
 * row is reported with its line; the caller stores nothing unless all rows are good.
 */
public final class ProductCsv {
  /** One good row. */
  public record Row(String code, String name, BigDecimal unitPrice, BigDecimal taxRate, String currency) {}

  private static final int MAX_ROWS = 5_000;
  private static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("code", "code"), Map.entry("codigo", "code"),
      Map.entry("código", "code"), Map.entry("sku", "code"), Map.entry("name", "name"), Map.entry("nombre", "name"),
      Map.entry("producto", "name"), Map.entry("unitprice", "unitPrice"), Map.entry("price", "unitPrice"),
      Map.entry("precio", "unitPrice"), Map.entry("preciounitario", "unitPrice"), Map.entry("taxrate", "taxRate"),
      Map.entry("iva", "taxRate"), Map.entry("impuesto", "taxRate"), Map.entry("currency", "currency"),
      Map.entry("moneda", "currency"));

  private ProductCsv() {}

  public static List<Row> parse(String text, BigDecimal defaultTaxRate) {
    if (text == null || text.isBlank()) {
      throw ApiError.missing("csv");
    }
    String firstLine = text.lines().findFirst().orElse("");
    char separator = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count()
        ? ';' : ',';
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).build();
    List<Row> rows = new ArrayList<>();
    JsonArray errors = new JsonArray();
    try (CSVParser csv = CSVParser.parse(new StringReader(text.replace("\uFEFF", "")), format)) {
      Map<String, String> columns = new java.util.HashMap<>();
      for (String h : csv.getHeaderNames()) {
        String key = HEADERS.get(h.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""));
        if (key != null) {
          columns.put(key, h);
        }
      }
      for (String required : List.of("code", "name", "unitPrice")) {
        if (!columns.containsKey(required)) {
          throw new ApiError(422, "csv_missing_column", "the first row must name the columns code, name and unitPrice "
              + "(or codigo, nombre, precio); '" + required + "' is missing", "csv");
        }
      }
      Set<String> codes = new HashSet<>();
      for (CSVRecord r : csv) {
        if (rows.size() + errors.size() >= MAX_ROWS) {
          throw new ApiError(413, "csv_too_long", "at most " + MAX_ROWS + " products per file", "csv");
        }
        long line = r.getRecordNumber() + 1;
        String code = value(r, columns.get("code"));
        String name = value(r, columns.get("name"));
        String currency = value(r, columns.get("currency"));
        currency = currency == null ? "CLP" : currency.toUpperCase(Locale.ROOT);
        int before = errors.size();
        if (code == null || code.length() > 40) {
          errors.add(error(line, "code", "a code of 1 to 40 characters is required"));
        } else if (!codes.add(code)) {
          errors.add(error(line, "code", "code '" + code + "' appears twice in the file"));
        }
        if (name == null || name.length() > 200) {
          errors.add(error(line, "name", "a name of 1 to 200 characters is required"));
        }
        if (!currency.matches("[A-Z]{3}")) {
          errors.add(error(line, "currency", "the currency must be a three-letter code such as CLP"));
        }
        BigDecimal price = amount(value(r, columns.get("unitPrice")), currency);
        if (price == null || price.signum() < 0 || price.precision() - price.scale() > 12) {
          errors.add(error(line, "unitPrice", "the price must be a number such as 89990, 89.990 or 1.500,50"));
        }
        String rawTax = value(r, columns.get("taxRate"));
        BigDecimal tax = rawTax == null ? defaultTaxRate : amount(rawTax.replace("%", ""), "");
        if (tax == null || tax.signum() < 0 || tax.compareTo(BigDecimal.valueOf(100)) > 0) {
          errors.add(error(line, "taxRate", "the tax rate must be a percentage from 0 to 100"));
        }
        if (errors.size() == before) {
          rows.add(new Row(code, name, price, tax, currency));
        }
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new ApiError(422, "csv_unreadable", "the file is not a readable CSV: " + e.getMessage(), "csv");
    }
    if (!errors.isEmpty()) {
      JsonObject first = errors.getJsonObject(0);
      throw new ApiError(422, "csv_invalid_rows", "line " + first.getLong("line") + ": " + first.getString("message")
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), "csv", errors);
    }
    if (rows.isEmpty()) {
      throw new ApiError(422, "csv_empty", "the file has no product rows under its header", "csv");
    }
    return rows;
  }

  /** "89.990" is eighty-nine thousand in Chile; "1.500,50" has decimals after the comma; "$" and spaces are ignored. */
  static BigDecimal amount(String raw, String currency) {
    if (raw == null) {
      return null;
    }
    String s = raw.replace("$", "").replace(currency, "").replace(" ", "").replace("\u00A0", "");
    if (s.contains(",")) {
      s = s.replace(".", "").replace(',', '.');
    } else if (s.matches("\\d{1,3}(\\.\\d{3})+")) {
      s = s.replace(".", "");
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String value(CSVRecord r, String column) {
    if (column == null || !r.isSet(column)) {
      return null;
    }
    String v = r.get(column).trim();
    return v.isEmpty() ? null : v;
  }

  private static JsonObject error(long line, String field, String message) {
    return new JsonObject().put("line", line).put("field", field).put("message", message);
  }
}
