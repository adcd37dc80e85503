package com.conecta.hub.customers.customfield;

import com.conecta.hub.foundation.web.ApiError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One typed JSON value per field type, the same whether it comes from a body, a list filter or a bot answer, so
 * that custom_attributes containment ({@code @>}, used by list filters and campaign segments) and {@code ->>}
 * (used by template parameters {@code custom.<key>}) see one representation: text and choice as strings, number and
 * money as JSON numbers, date as "YYYY-MM-DD", checkbox as true/false.
 */
public final class CustomFieldValues {
  private static final int MAX_TEXT = 1000;

  private CustomFieldValues() {}

  /** The stored value for a JSON value; ApiError 422 naming {@code fieldName} when it does not fit. */
  public static Object fromJson(CustomField f, Object v, String fieldName) {
    if (v == null) {
      return null;
    }
    return switch (f.type()) {
      case "text" -> {
        if (!(v instanceof String s)) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' must be text");
        }
        if (s.length() > MAX_TEXT) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' is longer than " + MAX_TEXT + " characters");
        }
        yield s.trim();
      }
      case "number", "money" -> {
        if (!(v instanceof Number n) || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' must be a number");
        }
        if ("money".equals(f.type()) && new BigDecimal(n.toString()).stripTrailingZeros().scale() > 2) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' is an amount with at most 2 decimals");
        }
        yield n;
      }
      case "date" -> {
        if (!(v instanceof String s)) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' must be a date such as 2026-01-31");
        }
        try {
          yield LocalDate.parse(s).toString();
        } catch (DateTimeParseException e) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' must be a date such as 2026-01-31");
        }
      }
      case "choice" -> {
        if (!(v instanceof String s) || !f.choices().contains(s)) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' must be one of " + String.join(", ", f.choices()));
        }
        yield s;
      }
      case "checkbox" -> {
        if (!(v instanceof Boolean b)) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' must be true or false");
        }
        yield b;
      }
      default -> throw new IllegalStateException("unknown custom field type " + f.type());
    };
  }

  /** The stored value for text typed by a person (a query string, a bot answer). */
  public static Object fromText(CustomField f, String raw, String fieldName) {
    String s = raw == null ? null : raw.trim();
    if (s == null || s.isEmpty()) {
      return null;
    }
    return switch (f.type()) {
      case "number", "money" -> {
        try {
          // the bot's amounts come as "2000000 CLP": the currency is the installation's, the number is the value
          String digits = "money".equals(f.type()) ? s.replaceFirst("\\s+[A-Z]{3}$", "") : s;
          yield fromJson(f, new BigDecimal(digits.replace(" ", "")), fieldName);
        } catch (NumberFormatException e) {
          throw ApiError.invalid(fieldName, "'" + f.key() + "' must be a number");
        }
      }
      case "checkbox" -> switch (s.toLowerCase()) {
        case "true", "si", "sí", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw ApiError.invalid(fieldName, "'" + f.key() + "' must be true or false");
      };
      case "choice" -> {
        String match = f.choices().stream().filter(c -> c.equalsIgnoreCase(s)).findFirst().orElse(s);
        yield fromJson(f, match, fieldName);
      }
      default -> fromJson(f, s, fieldName);
    };
  }
}
