package com.conecta.hub.foundation.web;

import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** Typed reads of query and path parameters. */
public final class Query {
  private Query() {}

  public static long pathId(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id <= 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException | NullPointerException e) {
      throw ApiError.notFound(name.replace("Id", "") + " '" + raw + "'");
    }
  }

  public static Long optionalId(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' must be a number", name);
    }
  }

  public static String optional(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    return raw == null || raw.isBlank() ? null : raw;
  }

  /**
   * A query parameter read by {@code parse} (a java.time parser), null when absent; one it cannot read is refused as
   * not being {@code expected} ("a date such as 2026-12-31").
   */
  public static <T> T optionalTime(RoutingContext ctx, String name, Function<String, T> parse, String expected) {
    String raw = optional(ctx, name);
    try {
      return raw == null ? null : parse.apply(raw);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' must be " + expected, name);
    }
  }

  public static int limit(RoutingContext ctx, int fallback, int max) {
    String raw = ctx.queryParams().get("limit");
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n < 1 || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_parameter", "'limit' must be between 1 and " + max, "limit");
    }
  }
}
