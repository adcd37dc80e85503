package com.conecta.hub.foundation.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Typed, validating reads of a JSON request body; every problem is an ApiError naming the field. */
public final class JsonBody {
  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  public static JsonBody of(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiError.badRequest("empty_body", "a JSON object body is required", null);
    }
    int first = 0;
    while (first < body.length() && Character.isWhitespace(body.getByte(first))) {
      first++;
    }
    if (first == body.length() || body.getByte(first) != '{') {
      throw ApiError.badRequest("not_an_object", "the body must be a JSON object", null);
    }
    JsonObject object;
    try {
      object = new JsonObject(body);
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      throw ApiError.badRequest("malformed_json", "the body is not valid JSON", null);
    }
    return new JsonBody(object);
  }

  public static JsonBody wrap(JsonObject json) {
    return new JsonBody(json);
  }

  public JsonObject raw() {
    return json;
  }

  public boolean has(String field) {
    return json.containsKey(field);
  }

  public String requiredString(String field) {
    String s = optionalString(field);
    if (s == null || s.isBlank()) {
      throw ApiError.missing(field);
    }
    return s;
  }

  public String optionalString(String field) {
    return optional(field, String.class, "a string");
  }

  public String optionalString(String field, int maxLength) {
    String s = optionalString(field);
    if (s != null && s.length() > maxLength) {
      throw ApiError.invalid(field, "'" + field + "' is longer than " + maxLength + " characters");
    }
    return s;
  }

  public Long optionalLong(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 9e15) {
      return n.longValue();
    }
    throw ApiError.invalid(field, "'" + field + "' must be a whole number");
  }

  public long requiredLong(String field) {
    Long v = optionalLong(field);
    if (v == null) {
      throw ApiError.missing(field);
    }
    return v;
  }

  public Boolean optionalBoolean(String field) {
    return optional(field, Boolean.class, "true or false");
  }

  public Instant optionalInstant(String field) {
    String s = optionalString(field);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, "'" + field + "' must be an ISO-8601 time such as 2026-01-31T15:00:00Z");
    }
  }

  public JsonObject optionalObject(String field) {
    return optional(field, JsonObject.class, "an object");
  }

  public JsonArray optionalArray(String field) {
    return optional(field, JsonArray.class, "an array");
  }

  /** The field's value, null when absent; a value of another JSON type is refused as not being {@code expected}. */
  private <T> T optional(String field, Class<T> type, String expected) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!type.isInstance(v)) {
      throw ApiError.invalid(field, "'" + field + "' must be " + expected);
    }
    return type.cast(v);
  }

  public String oneOf(String field, String fallback, java.util.Set<String> allowed) {
    String s = optionalString(field);
    if (s == null) {
      return fallback;
    }
    if (!allowed.contains(s)) {
      throw ApiError.invalid(field, "'" + field + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
    return s;
  }
}
