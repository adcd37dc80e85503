package com.conecta.hub.customers.crm;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a CRM body against its resource's fields and turns it into typed column values. */
public final class FieldValues {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,19}");

  private FieldValues() {}

  /** Field → value for every writable field present in the body; unknown and read-only fields are refused. */
  public static Map<FieldSpec, Object> read(ResourceSpec spec, JsonObject body, boolean creating) {
    Map<FieldSpec, Object> out = new LinkedHashMap<>();
    for (String key : body.fieldNames()) {
      FieldSpec f = spec.field(key);
      if (f == null) {
        throw new ApiError(422, "unknown_field", "'" + key + "' is not a field of a " + spec.name(), key);
      }
      if (!f.writable()) {
        throw new ApiError(422, "read_only_field", "'" + key + "' cannot be set", key);
      }
      out.put(f, convert(f, body.getValue(key)));
    }
    if (creating) {
      for (FieldSpec f : spec.fields()) {
        if (f.required() && out.get(f) == null) {
          throw ApiError.missing(f.json());
        }
      }
    } else {
      for (Map.Entry<FieldSpec, Object> e : out.entrySet()) {
        if (e.getKey().required() && e.getValue() == null) {
          throw ApiError.invalid(e.getKey().json(), "'" + e.getKey().json() + "' cannot be emptied");
        }
      }
    }
    return out;
  }

  static Object convert(FieldSpec f, Object v) {
    if (v == null) {
      return null;
    }
    String name = f.json();
    return switch (f.type()) {
      case TEXT -> {
        String s = string(name, v).trim();
        if (s.length() > f.max()) {
          throw ApiError.invalid(name, "'" + name + "' is longer than " + f.max() + " characters");
        }
        yield s.isEmpty() ? null : s;
      }
      case EMAIL -> {
        String s = string(name, v).trim().toLowerCase();
        if (!EMAIL.matcher(s).matches()) {
          throw ApiError.invalid(name, "'" + name + "' is not an email address");
        }
        yield s;
      }
      case PHONE -> {
        String s = string(name, v).trim();
        if (!PHONE.matcher(s).matches()) {
          throw ApiError.invalid(name, "'" + name + "' is not a phone number");
        }
        yield s.replaceAll("[ ()-]", "");
      }
      case ENUM -> {
        String s = string(name, v);
        if (!f.values().contains(s)) {
          throw ApiError.invalid(name, "'" + name + "' must be one of " + String.join(", ", new java.util.TreeSet<>(f.values())));
        }
        yield s;
      }
      case INT, REF -> {
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > 2e9) {
          throw ApiError.invalid(name, "'" + name + "' must be a whole number");
        }
        yield f.type() == FieldSpec.Type.REF ? (Object) n.longValue() : (Object) n.intValue();
      }
      case BOOL -> {
        if (!(v instanceof Boolean b)) {
          throw ApiError.invalid(name, "'" + name + "' must be true or false");
        }
        yield b;
      }
      case TIMESTAMP -> {
        try {
          yield Instant.parse(string(name, v)).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          throw ApiError.invalid(name, "'" + name + "' must be an ISO-8601 time such as 2026-01-31T15:00:00Z");
        }
      }
      case JSON -> {
        if (!(v instanceof JsonObject o)) {
          throw ApiError.invalid(name, "'" + name + "' must be an object");
        }
        if (o.encode().length() > 16_384) {
          throw ApiError.invalid(name, "'" + name + "' is larger than 16 KB");
        }
        yield o;
      }
      case ID -> throw new ApiError(422, "read_only_field", "'" + name + "' cannot be set", name);
    };
  }

  private static String string(String name, Object v) {
    if (!(v instanceof String s)) {
      throw ApiError.invalid(name, "'" + name + "' must be a string");
    }
    return s;
  }

  /** A filter value from the query string, checked like a body value. */
  public static Object fromQuery(FieldSpec f, String raw) {
    return switch (f.type()) {
      case INT, REF -> {
        try {
          yield f.type() == FieldSpec.Type.REF ? (Object) Long.parseLong(raw) : (Object) Integer.parseInt(raw);
        } catch (NumberFormatException e) {
          throw ApiError.badRequest("invalid_parameter", "'" + f.json() + "' must be a number", f.json());
        }
      }
      case BOOL -> {
        if (!"true".equals(raw) && !"false".equals(raw)) {
          throw ApiError.badRequest("invalid_parameter", "'" + f.json() + "' must be true or false", f.json());
        }
        yield Boolean.parseBoolean(raw);
      }
      default -> {
        try {
          yield convert(f, raw);
        } catch (ApiError e) {
          throw ApiError.badRequest("invalid_parameter", e.getMessage(), f.json());
        }
      }
    };
  }

  static Object toJsonValue(FieldSpec f, Object dbValue) {
    if (dbValue instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    return dbValue;
  }
}
