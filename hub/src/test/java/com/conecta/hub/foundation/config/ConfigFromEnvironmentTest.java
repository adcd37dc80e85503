package com.conecta.hub.foundation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration from conecta.yaml and CONECTA_* variables")
class ConfigFromEnvironmentTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("the defaults come from config/conecta.yaml: port 8080, embedded database, sandbox on")
  void defaults() {
    HubConfig c = new ConfigLoader(vertx, Map.of()).load(new JsonObject()).await();
    assertEquals(8080, c.http().port());
    assertTrue(c.db().embedded());
    assertTrue(c.sandbox().enabled(), "sandbox is on by default with the embedded database");
  }

  @Test
  @DisplayName("every key is overridden by CONECTA_ + its path, dots and dashes as underscores")
  void environmentWins() {
    HubConfig c = new ConfigLoader(vertx, Map.of("CONECTA_HTTP_PORT", "9090",
        "CONECTA_DB_URL", "postgresql://u:p@db:5432/conecta", "CONECTA_PUBLIC_BASE_URL", "https://hub.example.cl/",
        "CONECTA_SANDBOX_ADMIN_EMAIL", "jefa@empresa.cl", "CONECTA_WHATSAPP_APP_SECRET", "s3cr3t"))
        .load(new JsonObject()).await();
    assertEquals(9090, c.http().port());
    assertEquals("postgresql://u:p@db:5432/conecta", c.db().url());
    assertFalse(c.sandbox().enabled(), "sandbox is off once a real database is configured");
    assertEquals("https://hub.example.cl", c.publicBaseUrl());
    assertEquals("jefa@empresa.cl", c.sandbox().adminEmail());
    assertEquals("s3cr3t", c.whatsapp().appSecret());
    assertEquals("CONECTA_PUBLIC_BASE_URL", ConfigLoader.envName("public.base-url"));
  }

  @Test
  @DisplayName("a bad value stops the start with a message naming the key and its variable")
  void badValueIsNamed() {
    var loader = new ConfigLoader(vertx, Map.of("CONECTA_HTTP_PORT", "eighty"));
    Exception e = assertThrows(Exception.class, () -> loader.load(new JsonObject()).await());
    assertTrue(e.getMessage().contains("http.port") && e.getMessage().contains("CONECTA_HTTP_PORT"), e.getMessage());
  }
}
