package com.conecta.hub.foundation.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.config.ConfigException;
import com.conecta.hub.foundation.config.ConfigLoader;
import com.conecta.hub.foundation.config.HubConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Password hashing cost: OWASP's minimum unless a sandbox asks for less")
class PasswordCostIsProductionStrengthOutsideTheSandboxTest {
  private final Vertx vertx = Vertx.vertx();

  private HubConfig config(JsonObject overrides) {
    return new ConfigLoader(vertx, Map.of()).load(overrides.put("db.url", "postgresql://x@127.0.0.1/x")).await();
  }

  @AfterAll
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("with nothing configured, new hashes use 19 MiB and 2 passes")
  void defaultIsOwaspMinimum() {
    PasswordHasher hasher = PasswordHasher.from(config(new JsonObject().put("sandbox.enabled", "false")));
    String hash = hasher.hash("conecta-agente");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(hasher.verify("conecta-agente", hash));
  }

  @Test
  @DisplayName("a production node refuses a cheaper cost at start, naming the key")
  void productionRefusesCheapCost() {
    ConfigException e = assertThrows(ConfigException.class, () -> PasswordHasher.from(config(new JsonObject()
        .put("sandbox.enabled", "false").put("auth.password-hash.memory-kib", 64))));
    assertTrue(e.getMessage().contains("auth.password-hash.memory-kib"), e.getMessage());
    assertThrows(ConfigException.class, () -> PasswordHasher.from(config(new JsonObject()
        .put("sandbox.enabled", "false").put("auth.password-hash.iterations", 1))));
  }

  @Test
  @DisplayName("a sandbox may hash cheaply, and a strong hash made elsewhere still verifies with it")
  void sandboxMayHashCheaply() {
    PasswordHasher cheap = PasswordHasher.from(config(new JsonObject().put("sandbox.enabled", "true")
        .put("auth.password-hash.memory-kib", 64).put("auth.password-hash.iterations", 1)));
    String hash = cheap.hash("conecta-demo");
    assertEquals("$argon2id$v=19$m=64,t=1,p=1", hash.substring(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1)));
    assertTrue(cheap.verify("conecta-demo", hash));
    assertFalse(cheap.verify("otra", hash));
    assertTrue(cheap.verify("conecta-demo", new PasswordHasher().hash("conecta-demo")), "hashes keep their own cost");
  }
}
