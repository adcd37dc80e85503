package com.conecta.hub.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.Hub;
import com.conecta.hub.config.ConfigLoader;
import com.conecta.hub.config.HubConfig;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import com.conecta.hub.twofactor.Totp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two-factor secrets are sealed in the database, and rotate-secrets moves them to a new key")
class TwoFactorSecretsSealedAndRotatedTest extends HubTestBase {
  private static final String OLD_KEY = newKey();
  private static final String NEW_KEY = newKey();

  private static String newKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("secrets.key", OLD_KEY);
  }

  private String storedSecret(String email) {
    return sql.preparedQuery("select t.secret from user_totp t join users u on u.id = t.user_id where u.email = $1")
        .execute(io.vertx.sqlclient.Tuple.of(email)).await().iterator().next().getString("secret");
  }

  @Test
  @DisplayName("the database holds no readable TOTP key; after rotate-secrets a node with only the new key still checks"
      + " codes")
  void sealedThenRotated() throws Exception {
    String email = "sellado-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.conecta.cl";
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", "Sellado")
        .put("role", "agent").put("password", Api.AGENT_PASSWORD).put("teamIds", new JsonArray().add(1))).statusCode());
    Api api = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    String secret = api.post("/api/v1/auth/two-factor/enrolment", new JsonObject()).bodyAsJsonObject().getString("secret")
        .replace(" ", "");
    long step = Totp.step(Instant.now());
    assertEquals(200, api.post("/api/v1/auth/two-factor/enrolment/confirm",
        new JsonObject().put("code", Totp.code(secret, step))).statusCode());
    String stored = storedSecret(email);
    assertTrue(stored.startsWith("enc:v1:"), stored);
    assertFalse(stored.contains(secret));

    HubConfig rotation = new ConfigLoader(vertx, Map.of()).load(new JsonObject().put("db.url", dbUrl)
        .put("secrets.key", NEW_KEY).put("secrets.previous-keys", OLD_KEY)).await();
    assertEquals(1, RotateSecretsCommand.run(vertx, rotation, dbUrl).await());
    String rotated = storedSecret(email);
    assertFalse(rotated.equals(stored));
    assertFalse(rotated.contains(secret));
    assertEquals(0, RotateSecretsCommand.run(vertx, rotation, dbUrl).await(), "a second run has nothing left to do");

    Hub newKeyOnly = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix,
        new JsonObject().put("secrets.key", NEW_KEY));
    try {
      Api anonymous = new Api(vertx, newKeyOnly.port());
      var login = anonymous.post("/api/v1/auth/login", new JsonObject().put("email", email)
          .put("password", Api.AGENT_PASSWORD));
      String challenge = login.bodyAsJsonObject().getJsonObject("secondStep").getString("challenge");
      var done = anonymous.post("/api/v1/auth/second-step", new JsonObject().put("challenge", challenge)
          .put("code", Totp.code(secret, step + 1)));
      assertEquals(200, done.statusCode(), done.bodyAsString());
    } finally {
      newKeyOnly.stop().await();
    }
  }
}
