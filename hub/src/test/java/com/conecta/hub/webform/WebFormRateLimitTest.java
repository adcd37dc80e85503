package com.conecta.hub.webform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Web forms are rate limited per address")
class WebFormRateLimitTest extends HubTestBase {

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("forms.per-ip-per-minute", 3);
  }

  @Test
  @DisplayName("past the limit a submission gets 429 with Retry-After and stores nothing")
  void limited() {
    WebClient http = WebClient.create(vertx);
    JsonObject body = new JsonObject().put("name", "Ana").put("email", "ana@x.cl").put("message", "hola");
    int accepted = 0;
    for (int i = 0; i < 3; i++) {
      accepted += http.post(hub.port(), "127.0.0.1", "/forms/contact").sendJsonObject(body.copy().put("idempotencyKey", "k" + i))
          .await().statusCode() == 201 ? 1 : 0;
    }
    long before = count("select count(*) from messages");
    var refused = http.post(hub.port(), "127.0.0.1", "/forms/contact").sendJsonObject(body).await();
    assertEquals(3, accepted, "the first submissions of a minute pass (unless the minute turned over)");
    assertEquals(429, refused.statusCode());
    assertNotNull(refused.getHeader("Retry-After"));
    assertEquals("too_many_submissions", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(before, count("select count(*) from messages"));
  }
}
