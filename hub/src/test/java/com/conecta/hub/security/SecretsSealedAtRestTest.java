package com.conecta.hub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.Hub;
import com.conecta.hub.foundation.config.ConfigLoader;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.runtime.RotateSecretsCommand;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import com.conecta.hub.foundation.twofactor.Totp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Channel secrets and two-factor keys are sealed at rest, never shown or logged, and rotate to a new key")
class SecretsSealedAtRestTest extends HubTestBase {
  private static final String OLD_KEY = newKey();
  private static final String NEW_KEY = newKey();
  private final LogCapture logs = LogCapture.begin();

  private static String newKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("secrets.key", OLD_KEY);
  }

  @AfterAll
  void stopCapture() {
    logs.stop();
  }

  private String stored(String sqlText, Object arg) {
    return sql.preparedQuery(sqlText).execute(Tuple.of(arg)).await().iterator().next().getValue(0).toString();
  }

  @Test
  @DisplayName("a WhatsApp token and a TOTP key are unreadable in the database, the API and a DEBUG log; after"
      + " rotate-secrets a node with only the new key still opens the token and checks codes")
  void sealedShownNowhereAndRotated() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String token = "EAAG-secreto-" + tag;
    var inbox = admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA " + tag).put("channel", "whatsapp")
        .put("channelAccountId", "pn-" + tag).put("teamId", 1)
        .put("settings", new JsonObject().put("accessToken", token).put("displayPhoneNumber", "+56 9 1234 " + tag)));
    assertEquals(201, inbox.statusCode(), inbox.bodyAsString());
    long inboxId = inbox.bodyAsJsonObject().getLong("id");
    String email = "sellado-" + tag + "@demo.conecta.cl";
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", "Sellado")
        .put("role", "agent").put("password", Api.AGENT_PASSWORD).put("teamIds", new JsonArray().add(1))).statusCode());
    Api api = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    String secret = api.post("/api/v1/auth/two-factor/enrolment", new JsonObject()).bodyAsJsonObject().getString("secret")
        .replace(" ", "");
    long step = Totp.step(Instant.now());
    assertEquals(200, api.post("/api/v1/auth/two-factor/enrolment/confirm",
        new JsonObject().put("code", Totp.code(secret, step))).statusCode());

    String settings = stored("select settings::text from inboxes where id = $1", inboxId);
    assertEquals(0, count("select count(*) from inboxes where settings::text like '%sandbox-token%'"),
        "the demo inboxes' tokens, which the seeder writes plain, are sealed before the node serves");
    assertFalse(settings.contains(token), settings);
    assertTrue(settings.contains("+56 9 1234 " + tag), "settings that are not secret stay readable");
    String totp = stored("select t.secret from user_totp t join users u on u.id = t.user_id where u.email = $1", email);
    assertTrue(totp.startsWith("enc:v1:"), totp);
    assertFalse(totp.contains(secret));
    for (String path : new String[] {"/api/v1/inboxes", "/api/v1/inboxes/" + inboxId + "/settings"}) {
      var answer = admin.get(path);
      assertFalse(answer.bodyAsString().contains(token), path + " " + answer.bodyAsString());
    }

    HubConfig rotation = new ConfigLoader(vertx, Map.of()).load(new JsonObject().put("db.url", dbUrl)
        .put("secrets.key", NEW_KEY).put("secrets.previous-keys", OLD_KEY)).await();
    int resealed = RotateSecretsCommand.run(vertx, rotation, dbUrl).await();
    assertTrue(resealed >= 2, "the new inbox and the TOTP key at least: " + resealed);
    assertNotEquals(settings, stored("select settings::text from inboxes where id = $1", inboxId));
    assertEquals(0, count("select count(*) from inboxes where settings::text like '%sandbox-token%'"),
        "the demo inboxes' tokens, stored plain by the seeder, are sealed too");
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
      // The settings are opened to be shown (secrets masked): a value the node could not open would answer 500.
      var settingsOnNewNode = Api.admin(vertx, newKeyOnly.port()).get("/api/v1/inboxes/" + inboxId + "/settings");
      assertEquals(200, settingsOnNewNode.statusCode(), settingsOnNewNode.bodyAsString());
      JsonObject seen = settingsOnNewNode.bodyAsJsonObject();
      assertTrue(seen.getJsonArray("secretsSet").contains("accessToken"), "the node knows it is set: " + seen.encode());
      assertFalse(seen.encode().contains(token));
    } finally {
      newKeyOnly.stop().await();
    }
    String log = logs.text();
    assertFalse(log.contains(token), "the token is in the log");
    assertFalse(log.contains(secret), "the TOTP key is in the log");
    assertFalse(log.contains(OLD_KEY) || log.contains(NEW_KEY), "a secrets key is in the log");
  }
}
