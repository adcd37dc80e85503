package com.conecta.hub.foundation.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads {@code conecta.yaml} (the file named by CONECTA_CONFIG, else ./config/conecta.yaml, else the copy bundled in
 * the jar), then lets environment variables win, then explicit overrides (used by tests to start several nodes).
 */
public record ConfigLoader(Vertx vertx, Map<String, String> environment) {
  /** CONECTA_ + the key upper-cased with dots and dashes as underscores. */
  public static String envName(String dottedKey) {
    return "CONECTA_" + dottedKey.toUpperCase().replace('.', '_').replace('-', '_');
  }

  public Future<HubConfig> load(JsonObject overrides) {
    ConfigStoreOptions file = new ConfigStoreOptions().setType("file").setFormat("yaml")
        .setConfig(new JsonObject().put("path", configPath()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().addStore(file).setScanPeriod(-1));
    return retriever.getConfig()
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        })
        .map(yaml -> {
          JsonObject merged = yaml.copy();
          applyEnvironment(merged, merged, "");
          overrides.forEach(e -> put(merged, e.getKey(), e.getValue()));
          return HubConfig.from(merged);
        });
  }

  private String configPath() {
    String explicit = environment.get("CONECTA_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    // Relative paths that are not on disk are resolved from the classpath by Vert.x's file resolver.
    return Files.exists(Path.of("config/conecta.yaml")) ? Path.of("config/conecta.yaml").toAbsolutePath().toString()
        : "config/conecta.yaml";
  }

  private void applyEnvironment(JsonObject root, JsonObject node, String prefix) {
    for (String key : node.fieldNames().toArray(String[]::new)) {
      String dotted = prefix.isEmpty() ? key : prefix + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        applyEnvironment(root, child, dotted);
      } else {
        String env = environment.get(envName(dotted));
        if (env != null) {
          node.put(key, env);
        }
      }
    }
  }

  /** Sets a dotted key, creating the sections on the way. */
  static void put(JsonObject root, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = node.getJsonObject(parts[i]);
      if (next == null) {
        next = new JsonObject();
        node.put(parts[i], next);
      }
      node = next;
    }
    node.put(parts[parts.length - 1], value);
  }
}
