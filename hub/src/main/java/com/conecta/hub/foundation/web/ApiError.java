package com.conecta.hub.foundation.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A client error: what went wrong, in which field, and the HTTP status to answer with. */
public class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final JsonArray details;

  public ApiError(int status, String code, String message, String field) {
    this(status, code, message, field, null);
  }

  public ApiError(int status, String code, String message, String field, JsonArray details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }

  public static ApiError badRequest(String code, String message, String field) {
    return new ApiError(400, code, message, field);
  }

  public static ApiError invalid(String field, String message) {
    return new ApiError(422, "invalid_field", message, field);
  }

  public static ApiError missing(String field) {
    return new ApiError(422, "missing_field", "'" + field + "' is required", field);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " not found", null);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message, null);
  }

  public static ApiError unauthenticated() {
    return new ApiError(401, "unauthenticated", "sign in or send a valid API token", null);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public JsonObject toJson() {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (field != null) {
      error.put("field", field);
    }
    JsonObject body = new JsonObject().put("error", error);
    if (details != null) {
      body.put("fields", details);
    }
    return body;
  }
}
