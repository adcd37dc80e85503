package com.conecta.hub.channels.webform;

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
    // Seven quick posts: at most three per minute pass, so at least one is refused even if the minute turns over.
    int accepted = 0;
    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> refused = null;
    long before = 0;
    for (int i = 0; i < 7; i++) {
      long messages = count("select count(*) from messages");
      var res = http.post(hub.port(), "127.0.0.1", "/forms/contact").sendJsonObject(body.copy().put("idempotencyKey", "k" + i))
          .await();
      if (res.statusCode() == 201) {
        accepted++;
      } else if (refused == null) {
        refused = res;
        before = messages;
      }
    }
    assertNotNull(refused, "a submission past the limit is refused");
    org.junit.jupiter.api.Assertions.assertTrue(accepted >= 3 && accepted <= 6, "accepted " + accepted);
    assertEquals(429, refused.statusCode());
    assertNotNull(refused.getHeader("Retry-After"));
    assertEquals("too_many_submissions", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    org.junit.jupiter.api.Assertions.assertTrue(count("select count(*) from messages") <= before + 3,
        "refused posts store nothing");
  }
}
