package com.conecta.hub.foundation.config;

import io.vertx.core.json.JsonObject;

/**
 * Reads dotted keys from the nested configuration with defaults and range checks; features with their own settings
 * record read their block through it, so every bad value fails the start the same way.
 */
public record ConfigReader(JsonObject root) {
  public Object value(String dottedKey) {
    Object node = root;
    for (String part : dottedKey.split("\\.")) {
      if (!(node instanceof JsonObject json) || !json.containsKey(part)) {
        return null;
      }
      node = json.getValue(part);
    }
    return node;
  }

  public String string(String key, String fallback) {
    Object v = value(key);
    return v == null ? fallback : String.valueOf(v);
  }

  public boolean bool(String key, boolean fallback) {
    Object v = value(key);
    if (v == null || String.valueOf(v).isBlank()) {
      return fallback;
    }
    String s = String.valueOf(v).trim().toLowerCase();
    return switch (s) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException(key, "must be true or false, was '" + v + "'");
    };
  }

  public int intInRange(String key, int fallback, int min, int max) {
    return (int) longInRange(key, fallback, min, max);
  }

  public long longInRange(String key, long fallback, long min, long max) {
    Object v = value(key);
    if (v == null || String.valueOf(v).isBlank()) {
      return fallback;
    }
    long n;
    try {
      n = v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, was '" + v + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }
}
