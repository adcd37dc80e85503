package com.conecta.hub.commerce.sales;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Typed reads of the sales API's bodies; every problem is a 422 naming the field (with its path, e.g. opportunity.amount). */
public final class SalesInput {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private SalesInput() {}

  public static String string(JsonObject o, String prefix, String field, boolean required, int max) {
    Object v = o.getValue(field);
    if (v == null || (v instanceof String s && s.isBlank())) {
      if (required) {
        throw ApiError.missing(prefix + field);
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a string");
    }
    if (s.length() > max) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' is longer than " + max + " characters");
    }
    return s.trim();
  }

  /** A non-negative amount given as a number or a decimal string ("1500000.50"). */
  public static BigDecimal money(JsonObject o, String prefix, String field, boolean required) {
    Object v = o.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiError.missing(prefix + field);
      }
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(v instanceof Number n ? n.toString() : (String) v);
      if (d.signum() < 0 || d.scale() > 2 && d.stripTrailingZeros().scale() > 2 || d.precision() - d.scale() > 12) {
        throw new NumberFormatException();
      }
      return d.setScale(2, java.math.RoundingMode.UNNECESSARY);
    } catch (NumberFormatException | ClassCastException | ArithmeticException e) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be an amount of at least 0 with at most 2 decimals");
    }
  }

  public static BigDecimal decimal(JsonObject o, String prefix, String field, BigDecimal min, BigDecimal max,
      BigDecimal fallback) {
    Object v = o.getValue(field);
    if (v == null) {
      return fallback;
    }
    try {
      BigDecimal d = new BigDecimal(v instanceof Number n ? n.toString() : (String) v);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException | ClassCastException e) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a number from " + min + " to " + max);
    }
  }

  public static String currency(JsonObject o, String prefix, String field, String fallback) {
    String c = string(o, prefix, field, false, 3);
    if (c == null) {
      return fallback;
    }
    if (!CURRENCY.matcher(c).matches()) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be an ISO currency code such as CLP");
    }
    return c;
  }

  public static LocalDate date(JsonObject o, String prefix, String field) {
    String s = string(o, prefix, field, false, 10);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a date such as 2026-12-31");
    }
  }

  public static Integer percent(JsonObject o, String prefix, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 0 && n.intValue() <= 100) {
      return n.intValue();
    }
    throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a whole number from 0 to 100");
  }

  public static List<String> keys(JsonObject o, String prefix, String field, boolean required) {
    Object v = o.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiError.missing(prefix + field);
      }
      return null;
    }
    if (!(v instanceof JsonArray a) || a.isEmpty() || a.size() > 20) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a list of 1 to 20 keys");
    }
    List<String> out = new ArrayList<>();
    for (Object k : a) {
      if (!(k instanceof String s) || s.isBlank() || s.length() > 40) {
        throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a list of keys");
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  public static List<Long> ids(JsonObject o, String prefix, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a) || a.size() > 20) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a list of user ids");
    }
    List<Long> out = new ArrayList<>();
    for (Object k : a) {
      if (!(k instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() <= 0) {
        throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be a list of user ids");
      }
      if (!out.contains(n.longValue())) {
        out.add(n.longValue());
      }
    }
    return out;
  }

  public static boolean flag(JsonObject o, String prefix, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be true or false");
    }
    return b;
  }
}
