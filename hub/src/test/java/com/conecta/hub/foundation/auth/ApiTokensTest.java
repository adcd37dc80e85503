package com.conecta.hub.foundation.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("API tokens for integrations")
class ApiTokensTest extends HubTestBase {

  @Test
  @DisplayName("an admin makes a token; it works as Bearer on the API without CSRF; revoked, it stops working")
  void tokenLifecycle() {
    var made = admin.post("/api/v1/tokens", new JsonObject().put("name", "ERP").put("userId", 1));
    assertEquals(201, made.statusCode());
    String token = made.bodyAsJsonObject().getString("token");
    assertTrue(token.startsWith("cnt_"));
    Api erp = admin.withBearer(token);
    Api bearer = new Api(vertx, hub.port()).withBearer(token);
    assertEquals(201, bearer.inbound(API_INBOX, "tok-1", "erp-tok", "Token", "pedido 123").statusCode());
    assertEquals(200, bearer.get("/api/v1/conversations").statusCode());
    var list = admin.get("/api/v1/tokens").bodyAsJsonObject().getJsonArray("items");
    assertFalse(list.encode().contains(token), "the secret is never shown again");
    long id = made.bodyAsJsonObject().getLong("id");
    assertEquals(204, admin.delete("/api/v1/tokens/" + id).statusCode());
    assertEquals(401, bearer.get("/api/v1/conversations").statusCode());
    assertEquals(404, admin.delete("/api/v1/tokens/" + id).statusCode());
    assertEquals(401, erp.withBearer("cnt_forged").get("/api/v1/conversations").statusCode());
  }

  @Test
  @DisplayName("a token for a user that does not exist is refused with the field named")
  void tokenForUnknownUser() {
    var res = admin.post("/api/v1/tokens", new JsonObject().put("name", "x").put("userId", 999));
    assertEquals(422, res.statusCode());
    assertEquals("userId", res.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }
}
