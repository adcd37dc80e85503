package com.conecta.hub.foundation.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database and Redis. Each check first makes node B remember the caller (its principal cache lasts
 * a few seconds), then changes something on node A and asks B again at once: without the Redis invalidation B would
 * still answer from its cache.
 */
@DisplayName("Revocations, role and password changes and sign-out everywhere apply on every node at once")
class ChangesApplyOnEveryNodeTest extends HubTestBase {
  private static final String NEW_PASSWORD = "otra-clave-segura-1";
  private Hub nodeB;

  @BeforeAll
  void secondNode() {
    nodeB = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix);
  }

  @AfterAll
  void stopSecondNode() {
    if (nodeB != null) {
      nodeB.stop().await();
    }
  }

  private String newAgent() {
    String email = "agente-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.conecta.cl";
    var made = admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", "Agente Nodo")
        .put("role", "agent").put("password", Api.AGENT_PASSWORD).put("teamIds", new io.vertx.core.json.JsonArray().add(1)));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return email;
  }

  @Test
  @DisplayName("an API token revoked on node A is refused on node B in the next request")
  void revokedTokenRefusedOnOtherNode() {
    var made = admin.post("/api/v1/tokens", new JsonObject().put("name", "ERP nodos").put("userId", 1));
    String token = made.bodyAsJsonObject().getString("token");
    Api onB = new Api(vertx, nodeB.port()).withBearer(token);
    assertEquals(200, onB.get("/api/v1/conversations").statusCode());
    assertEquals(200, onB.get("/api/v1/conversations").statusCode(), "B now answers from its cache");
    assertEquals(204, admin.delete("/api/v1/tokens/" + made.bodyAsJsonObject().getLong("id")).statusCode());
    assertEquals(401, onB.get("/api/v1/conversations").statusCode());
  }

  @Test
  @DisplayName("a role changed on node A applies to the user's next request on node B")
  void roleChangeAppliesOnOtherNode() {
    String email = newAgent();
    Api onB = Api.signedIn(vertx, nodeB.port(), email, Api.AGENT_PASSWORD);
    assertEquals(200, onB.get("/api/v1/conversations").statusCode());
    long id = onB.get("/api/v1/auth/me").bodyAsJsonObject().getLong("id");
    var changed = admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/users/" + id + "/role",
        new JsonObject().put("role", "marketing"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(403, onB.get("/api/v1/conversations").statusCode(), "marketing never reads conversations");
    assertEquals("marketing", onB.get("/api/v1/auth/me").bodyAsJsonObject().getString("role"));
  }

  @Test
  @DisplayName("a password changed on node A ends the user's other sessions on node B at once and keeps this one")
  void passwordChangeEndsOtherSessions() {
    String email = newAgent();
    Api onA = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    Api onB = Api.signedIn(vertx, nodeB.port(), email, Api.AGENT_PASSWORD);
    assertEquals(200, onB.get("/api/v1/auth/me").statusCode());
    var changed = onA.post("/api/v1/auth/password", new JsonObject().put("currentPassword", Api.AGENT_PASSWORD)
        .put("newPassword", NEW_PASSWORD));
    assertEquals(204, changed.statusCode(), changed.bodyAsString());
    assertEquals(401, onB.get("/api/v1/auth/me").statusCode());
    assertEquals(200, onA.get("/api/v1/auth/me").statusCode(), "the session that changed it goes on");
    assertThrows(IllegalStateException.class, () -> Api.signedIn(vertx, nodeB.port(), email, Api.AGENT_PASSWORD));
    assertEquals(200, Api.signedIn(vertx, nodeB.port(), email, NEW_PASSWORD).get("/api/v1/auth/me").statusCode());
  }

  @Test
  @DisplayName("a wrong current password or a short new one changes nothing and names the field")
  void badPasswordChangeChangesNothing() {
    String email = newAgent();
    Api onA = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    Api onB = Api.signedIn(vertx, nodeB.port(), email, Api.AGENT_PASSWORD);
    var wrong = onA.post("/api/v1/auth/password", new JsonObject().put("currentPassword", "no-es-esta")
        .put("newPassword", NEW_PASSWORD));
    assertEquals(422, wrong.statusCode());
    assertEquals("currentPassword", wrong.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var shortOne = onA.post("/api/v1/auth/password", new JsonObject().put("currentPassword", Api.AGENT_PASSWORD)
        .put("newPassword", "corta"));
    assertEquals(422, shortOne.statusCode());
    assertEquals("newPassword", shortOne.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(200, onB.get("/api/v1/auth/me").statusCode(), "the other session still works");
    assertEquals(200, Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD).get("/api/v1/auth/me").statusCode());
  }

  @Test
  @DisplayName("signing out everywhere on node A ends every session of the user, on node B too, at once")
  void signOutEverywhere() {
    String email = newAgent();
    Api onA = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    Api onB = Api.signedIn(vertx, nodeB.port(), email, Api.AGENT_PASSWORD);
    assertEquals(200, onB.get("/api/v1/auth/me").statusCode());
    assertEquals(204, onA.post("/api/v1/auth/logout-everywhere", new JsonObject()).statusCode());
    assertEquals(401, onB.get("/api/v1/auth/me").statusCode());
    assertEquals(401, onA.get("/api/v1/auth/me").statusCode());
  }

  @Test
  @DisplayName("a user moved to another team on node A sees that team on node B in the next request, and leaves the old")
  void teamMembershipAppliesOnOtherNode() {
    String email = newAgent();
    Api onB = Api.signedIn(vertx, nodeB.port(), email, Api.AGENT_PASSWORD);
    JsonObject me = onB.get("/api/v1/auth/me").bodyAsJsonObject();
    assertEquals(new io.vertx.core.json.JsonArray().add(1), me.getJsonArray("teamIds"), "B now remembers team 1");
    var team = admin.post("/api/v1/teams", new JsonObject().put("name", "Postventa " + UUID.randomUUID().toString().substring(0, 6)));
    assertEquals(201, team.statusCode(), team.bodyAsString());
    long teamId = team.bodyAsJsonObject().getLong("id");
    var moved = admin.send(io.vertx.core.http.HttpMethod.PATCH, "/api/v1/users/" + me.getLong("id"),
        new JsonObject().put("teamIds", new io.vertx.core.json.JsonArray().add(teamId)));
    assertEquals(200, moved.statusCode(), moved.bodyAsString());
    assertEquals(new io.vertx.core.json.JsonArray().add(teamId), onB.get("/api/v1/auth/me").bodyAsJsonObject()
        .getJsonArray("teamIds"));
  }

  @Test
  @DisplayName("a user added to a new team on node A is in it on node B in the next request")
  void newTeamAppliesOnOtherNode() {
    String email = newAgent();
    Api onB = Api.signedIn(vertx, nodeB.port(), email, Api.AGENT_PASSWORD);
    long id = onB.get("/api/v1/auth/me").bodyAsJsonObject().getLong("id");
    var team = admin.post("/api/v1/teams", new JsonObject().put("name", "Instalaciones " + UUID.randomUUID().toString().substring(0, 6))
        .put("memberIds", new io.vertx.core.json.JsonArray().add(id)));
    assertEquals(201, team.statusCode(), team.bodyAsString());
    assertEquals(2, onB.get("/api/v1/auth/me").bodyAsJsonObject().getJsonArray("teamIds").size());
  }

  @Test
  @DisplayName("an API token cannot change its user's password")
  void tokenCannotChangePassword() {
    var made = admin.post("/api/v1/tokens", new JsonObject().put("name", "ERP clave").put("userId", 1));
    Api bearer = new Api(vertx, hub.port()).withBearer(made.bodyAsJsonObject().getString("token"));
    var res = bearer.post("/api/v1/auth/password", new JsonObject().put("currentPassword", Api.ADMIN_PASSWORD)
        .put("newPassword", NEW_PASSWORD));
    assertEquals(403, res.statusCode());
    assertEquals(200, Api.admin(vertx, hub.port()).get("/api/v1/auth/me").statusCode());
  }
}
