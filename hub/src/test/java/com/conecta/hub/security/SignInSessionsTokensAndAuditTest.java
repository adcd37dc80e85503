package com.conecta.hub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.Hub;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestHub;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("Sign-in limits, session expiry, scoped and revocable tokens, and the audit log")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInSessionsTokensAndAuditTest extends HubTestBase {
  private static final int PER_ACCOUNT = 3;
  private static final int PER_IP = 12;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("auth.session-hours", 2).put("auth.sign-in.failures-per-account", PER_ACCOUNT)
        .put("auth.sign-in.failures-per-ip", PER_IP).put("auth.sign-in.window-minutes", 15);
  }

  private HttpResponse<Buffer> login(String email, String password) {
    return new Api(vertx, hub.port()).post("/api/v1/auth/login", new JsonObject().put("email", email).put("password", password));
  }

  private String newAgent() {
    String email = "a-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.conecta.cl";
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", "Agente")
        .put("role", "agent").put("password", Api.AGENT_PASSWORD)).statusCode());
    return email;
  }

  @Test
  @Order(1)
  @DisplayName("after too many wrong passwords for one account even the right one gets 429 with Retry-After;"
      + " other accounts still sign in")
  void perAccountLimit() {
    String victim = newAgent();
    for (int i = 0; i < PER_ACCOUNT; i++) {
      assertEquals(401, login(victim, "wrong-" + i).statusCode());
    }
    HttpResponse<Buffer> locked = login(victim.toUpperCase(), Api.AGENT_PASSWORD);
    assertEquals(429, locked.statusCode(), locked.bodyAsString());
    assertEquals("too_many_attempts", locked.bodyAsJsonObject().getJsonObject("error").getString("code"));
    long retry = Long.parseLong(locked.getHeader("Retry-After"));
    assertTrue(retry >= 1 && retry <= 15 * 60, "Retry-After " + retry);
    assertEquals(200, login(newAgent(), Api.AGENT_PASSWORD).statusCode());
  }

  @Test
  @Order(2)
  @DisplayName("without Redis the node counts failures itself and still locks the account")
  void perAccountLimitWithoutRedis() {
    Hub alone = TestHub.start(vertx, dbUrl, null, redisPrefix, extraConfig());
    try {
      String victim = newAgent();
      Api anonymous = new Api(vertx, alone.port());
      JsonObject wrong = new JsonObject().put("email", victim).put("password", "nope");
      for (int i = 0; i < PER_ACCOUNT; i++) {
        assertEquals(401, anonymous.post("/api/v1/auth/login", wrong).statusCode());
      }
      HttpResponse<Buffer> locked = anonymous.post("/api/v1/auth/login",
          new JsonObject().put("email", victim).put("password", Api.AGENT_PASSWORD));
      assertEquals(429, locked.statusCode());
      assertNotNull(locked.getHeader("Retry-After"));
    } finally {
      alone.stop().await();
    }
  }

  @Test
  @Order(3)
  @DisplayName("a session lasts auth.session-hours, and an aged session is refused at once")
  void sessionsExpire() {
    HttpResponse<Buffer> res = login(Api.ADMIN, Api.ADMIN_PASSWORD);
    String setCookie = res.cookies().stream().filter(c -> c.startsWith("conecta_session=")).findFirst().orElseThrow();
    assertTrue(setCookie.contains("Max-Age=7200"), setCookie);
    String token = setCookie.split(";")[0].substring("conecta_session=".length());
    OffsetDateTime expires = sql.preparedQuery("select expires_at from sessions where token_hash = $1")
        .execute(Tuple.of(Tokens.sha256(token))).await().iterator().next().getOffsetDateTime(0);
    long minutes = java.time.Duration.between(OffsetDateTime.now(), expires).toMinutes();
    assertTrue(minutes >= 118 && minutes <= 120, "expires in " + minutes + " min");

    Api fresh = Api.signedIn(vertx, hub.port(), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    sql.preparedQuery("update sessions set expires_at = now() - interval '1 second' where token_hash = $1")
        .execute(Tuple.of(Tokens.sha256(fresh.cookie().substring("conecta_session=".length())))).await();
    assertEquals(401, fresh.get("/api/v1/auth/me").statusCode());
    assertEquals(401, fresh.get("/api/v1/conversations").statusCode());
  }

  @Test
  @Order(4)
  @DisplayName("a read-only token reads but changes nothing; a full one changes; a revoked one is refused at once")
  void tokenScopes() {
    var read = admin.post("/api/v1/tokens", new JsonObject().put("name", "BI").put("scope", "read"));
    assertEquals(201, read.statusCode(), read.bodyAsString());
    assertEquals("read", read.bodyAsJsonObject().getString("scope"));
    Api reader = new Api(vertx, hub.port()).withBearer(read.bodyAsJsonObject().getString("token"));
    assertEquals(200, reader.get("/api/v1/conversations").statusCode());
    long before = count("select count(*) from messages");
    var refused = reader.inbound(API_INBOX, "ro-1", "ro-erp", "RO", "hola");
    assertEquals(403, refused.statusCode());
    assertEquals("token_read_only", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(403, reader.post("/api/v1/contacts", new JsonObject().put("name", "x")).statusCode());
    assertEquals(before, count("select count(*) from messages"));

    var full = admin.post("/api/v1/tokens", new JsonObject().put("name", "ERP"));
    assertEquals("full", full.bodyAsJsonObject().getString("scope"));
    Api writer = new Api(vertx, hub.port()).withBearer(full.bodyAsJsonObject().getString("token"));
    assertEquals(201, writer.inbound(API_INBOX, "rw-1", "rw-erp", "RW", "hola").statusCode());
    assertEquals(422, admin.post("/api/v1/tokens", new JsonObject().put("name", "x").put("scope", "god")).statusCode());

    assertEquals(204, admin.delete("/api/v1/tokens/" + read.bodyAsJsonObject().getLong("id")).statusCode());
    assertEquals(401, reader.get("/api/v1/conversations").statusCode());
    assertEquals(1, admin.get("/api/v1/audit?action=api_token.revoke&targetId=" + read.bodyAsJsonObject().getLong("id"))
        .bodyAsJsonObject().getJsonArray("items").size(), "revocations are audited");
    assertEquals(2, admin.get("/api/v1/audit?action=api_token.create").bodyAsJsonObject().getJsonArray("items").size());
    var listed = admin.get("/api/v1/tokens").bodyAsJsonObject().getJsonArray("items");
    assertTrue(listed.stream().map(o -> (JsonObject) o).anyMatch(t -> "read".equals(t.getString("scope"))
        && t.getString("revokedAt") != null));
  }

  @Test
  @Order(5)
  @DisplayName("role changes are audited and the last admin cannot be demoted; agents cannot change roles")
  void roleChanges() {
    String email = newAgent();
    long id = admin.get("/api/v1/users").bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(u -> email.equals(u.getString("email"))).findFirst().orElseThrow().getLong("id");
    var changed = admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/users/" + id + "/role",
        new JsonObject().put("role", "marketing"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("agent", changed.bodyAsJsonObject().getString("previousRole"));
    Api marketing = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    assertEquals(403, marketing.get("/api/v1/conversations").statusCode(), "the new role applies");
    assertEquals(409, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/users/1/role",
        new JsonObject().put("role", "agent")).statusCode());
    assertEquals(403, signIn("ana@demo.conecta.cl").send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/users/2/role",
        new JsonObject().put("role", "admin")).statusCode());
    assertEquals(422, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/users/" + id + "/role",
        new JsonObject().put("role", "owner")).statusCode());
    JsonArray audit = admin.get("/api/v1/audit?action=user.role_change&targetId=" + id).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals(1, audit.size());
    assertEquals("marketing", audit.getJsonObject(0).getJsonObject("details").getString("to"));
    assertEquals(1L, audit.getJsonObject(0).getLong("actorId"));
  }

  @Test
  @Order(6)
  @DisplayName("sign-ins, failed ones too, are in the audit log, which admins page and filter and nobody else reads")
  void auditLog() {
    String email = newAgent();
    assertEquals(401, login(email, "not-it").statusCode());
    assertEquals(200, login(email, Api.AGENT_PASSWORD).statusCode());
    JsonObject failed = admin.get("/api/v1/audit?action=auth.sign_in_failed").bodyAsJsonObject();
    assertTrue(failed.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .anyMatch(a -> email.equals(a.getJsonObject("details").getString("email"))));
    assertTrue(failed.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .noneMatch(a -> a.encode().contains("not-it")), "the password tried is not kept");
    JsonArray signIns = admin.get("/api/v1/audit?action=auth.sign_in").bodyAsJsonObject().getJsonArray("items");
    assertTrue(signIns.stream().map(o -> (JsonObject) o).allMatch(a -> a.getString("action").startsWith("auth.sign_in")));

    JsonObject page1 = admin.get("/api/v1/audit?limit=2").bodyAsJsonObject();
    assertEquals(2, page1.getJsonArray("items").size());
    assertNotNull(page1.getString("nextCursor"));
    JsonObject page2 = admin.get("/api/v1/audit?limit=2&cursor=" + page1.getString("nextCursor")).bodyAsJsonObject();
    assertTrue(page2.getJsonArray("items").getJsonObject(0).getLong("id")
        < page1.getJsonArray("items").getJsonObject(1).getLong("id"));
    long actor = admin.get("/api/v1/audit?actorId=1&limit=200").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(a -> a.getLong("actorId") != 1L).count();
    assertEquals(0, actor);
    assertEquals(0, admin.get("/api/v1/audit?from=2099-01-01T00:00:00Z").bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(400, admin.get("/api/v1/audit?from=yesterday").statusCode());
    assertEquals(400, admin.get("/api/v1/audit?shoe=42").statusCode());
    assertEquals(403, signIn("ana@demo.conecta.cl").get("/api/v1/audit").statusCode());
    assertEquals(401, new Api(vertx, hub.port()).get("/api/v1/audit").statusCode());
  }

  @Test
  @Order(7)
  @DisplayName("after too many failures from one address every sign-in from it gets 429 for the window")
  void perIpLimit() {
    for (int i = 0; i < PER_IP; i++) {
      int status = login("nobody-" + i + "@demo.conecta.cl", "x").statusCode();
      assertTrue(status == 401 || status == 429, "status " + status);
    }
    HttpResponse<Buffer> res = login(Api.ADMIN, Api.ADMIN_PASSWORD);
    assertEquals(429, res.statusCode());
    assertNotNull(res.getHeader("Retry-After"));
    assertNull(res.cookies().stream().filter(c -> c.startsWith("conecta_session=")).findFirst().orElse(null));
    assertNotEquals(0, count("select count(*) from audit_log where action = 'auth.sign_in'"));
  }
}
