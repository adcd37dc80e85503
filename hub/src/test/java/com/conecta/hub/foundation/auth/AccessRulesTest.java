package com.conecta.hub.foundation.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Who sees and changes what")
class AccessRulesTest extends HubTestBase {
  private long supportInbox;
  private long salesConversation;
  private long supportConversation;

  @BeforeAll
  void data() {
    supportInbox = admin.post("/api/v1/inboxes", new JsonObject().put("name", "API Soporte").put("channel", "api")
        .put("teamId", 2)).bodyAsJsonObject().getLong("id");
    salesConversation = admin.inbound(API_INBOX, "a-1", "erp-a1", "Venta", "quiero comprar")
        .bodyAsJsonObject().getLong("conversationId");
    supportConversation = admin.inbound(supportInbox, "a-2", "erp-a2", "Soporte", "no funciona")
        .bodyAsJsonObject().getLong("conversationId");
    admin.post("/api/v1/users", new JsonObject().put("email", "mkt@demo.conecta.cl").put("name", "Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD));
  }

  private Set<Long> visible(Api api) {
    return api.get("/api/v1/conversations?status=all").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id")).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("an agent sees only the conversations and inboxes of their teams; admins see all")
  void agentsSeeTheirTeamsInboxes() {
    Api ana = signIn("ana@demo.conecta.cl");
    Api carla = signIn("carla@demo.conecta.cl");
    assertTrue(visible(ana).contains(salesConversation));
    assertFalse(visible(ana).contains(supportConversation));
    assertTrue(visible(carla).contains(supportConversation));
    assertFalse(visible(carla).contains(salesConversation));
    assertTrue(visible(admin).containsAll(Set.of(salesConversation, supportConversation)));
    assertEquals(404, ana.get("/api/v1/conversations/" + supportConversation).statusCode());
    assertEquals(404, ana.post("/api/v1/conversations/" + supportConversation + "/messages",
        new JsonObject().put("text", "hola")).statusCode());
    assertEquals(404, ana.inbound(supportInbox, "a-3", "x", "x", "x").statusCode());
    JsonArray anaInboxes = ana.get("/api/v1/inboxes").bodyAsJsonObject().getJsonArray("items");
    assertTrue(anaInboxes.stream().allMatch(o -> ((JsonObject) o).getLong("teamId") == 1L));
  }

  @Test
  @DisplayName("agents cannot assign others' conversations but can take an unassigned one")
  void agentAssignmentLimits() {
    Api ana = signIn("ana@demo.conecta.cl");
    assertEquals(403, ana.post("/api/v1/conversations/" + salesConversation + "/assignment",
        new JsonObject().put("assigneeId", 3)).statusCode());
    assertEquals(200, ana.post("/api/v1/conversations/" + salesConversation + "/assignment",
        new JsonObject().put("assigneeId", 2)).statusCode());
    Api bruno = signIn("bruno@demo.conecta.cl");
    assertEquals(403, bruno.post("/api/v1/conversations/" + salesConversation + "/assignment",
        new JsonObject().put("assigneeId", 3)).statusCode(), "taken conversations are not free");
    assertEquals(200, admin.post("/api/v1/conversations/" + salesConversation + "/assignment",
        new JsonObject().putNull("assigneeId")).statusCode());
  }

  @Test
  @DisplayName("marketing cannot read conversations; anonymous callers get 401; admin-only routes refuse agents")
  void rolesAndAnonymous() {
    Api mkt = Api.signedIn(vertx, hub.port(), "mkt@demo.conecta.cl", Api.AGENT_PASSWORD);
    assertEquals(403, mkt.get("/api/v1/conversations").statusCode());
    assertEquals(200, mkt.get("/api/v1/contacts").statusCode());
    assertEquals(403, mkt.post("/api/v1/contacts", new JsonObject().put("name", "x")).statusCode());
    Api anonymous = new Api(vertx, hub.port());
    assertEquals(401, anonymous.get("/api/v1/conversations").statusCode());
    assertEquals(401, anonymous.get("/api/v1/events").statusCode());
    assertEquals(403, signIn("ana@demo.conecta.cl").post("/api/v1/tokens", new JsonObject().put("name", "t")).statusCode());
  }

  @Test
  @DisplayName("a state-changing request with the session cookie but no CSRF header is refused and changes nothing")
  void csrfIsRequiredWithCookies() {
    Api ana = signIn("ana@demo.conecta.cl");
    var me = ana.get("/api/v1/auth/me");
    assertEquals(200, me.statusCode());
    var client = io.vertx.ext.web.client.WebClient.create(vertx);
    String cookie = "conecta_session=" + "invalid";
    var res = client.post(hub.port(), "127.0.0.1", "/api/v1/auth/logout").putHeader("cookie", cookie).send().await();
    assertEquals(401, res.statusCode());
    long before = count("select count(*) from messages");
    var login = client.post(hub.port(), "127.0.0.1", "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("email", "ana@demo.conecta.cl").put("password", Api.AGENT_PASSWORD)).await();
    String session = login.cookies().get(0).split(";")[0];
    assertTrue(login.cookies().get(0).toLowerCase().contains("httponly"), login.cookies().get(0));
    assertTrue(login.cookies().get(0).toLowerCase().contains("samesite=lax"));
    var forged = client.post(hub.port(), "127.0.0.1", "/api/v1/conversations/" + salesConversation + "/notes")
        .putHeader("cookie", session).sendJsonObject(new JsonObject().put("text", "forged")).await();
    assertEquals(403, forged.statusCode());
    assertEquals("csrf_failed", forged.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(before, count("select count(*) from messages"));
  }

  @Test
  @DisplayName("wrong passwords and unknown emails get the same 401")
  void badSignIn() {
    Api anonymous = new Api(vertx, hub.port());
    var wrong = anonymous.post("/api/v1/auth/login", new JsonObject().put("email", Api.ADMIN).put("password", "nope"));
    var unknown = anonymous.post("/api/v1/auth/login", new JsonObject().put("email", "x@y.cl").put("password", "nope"));
    assertEquals(401, wrong.statusCode());
    assertEquals(wrong.bodyAsString(), unknown.bodyAsString());
  }
}
