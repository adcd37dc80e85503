package com.conecta.hub.foundation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input gets a clear error and changes nothing")
class BadInputIsRefusedTest extends HubTestBase {

  record Case(String name, String path, String body, int status, String code, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    String api = "/api/v1/inboxes/5/messages";
    return List.of(
        new Case("malformed JSON", api, "{\"sourceId\": ", 400, "malformed_json", null),
        new Case("an array instead of an object", api, "[1,2]", 400, "not_an_object", null),
        new Case("empty body", api, "", 400, "empty_body", null),
        new Case("missing sourceId", api, "{\"contact\":{\"identifier\":\"a\"},\"text\":\"x\"}", 422, "missing_field", "sourceId"),
        new Case("missing contact", api, "{\"sourceId\":\"s\",\"text\":\"x\"}", 422, "missing_field", "contact"),
        new Case("missing identifier", api, "{\"sourceId\":\"s\",\"contact\":{},\"text\":\"x\"}", 422, "missing_field", "contact.identifier"),
        new Case("neither text nor attachments", api, "{\"sourceId\":\"s\",\"contact\":{\"identifier\":\"a\"}}", 422, "missing_field", "text"),
        new Case("text of the wrong type", api, "{\"sourceId\":\"s\",\"contact\":{\"identifier\":\"a\"},\"text\":5}", 422, "invalid_field", "text"),
        new Case("contact email invalid", api, "{\"sourceId\":\"s\",\"contact\":{\"identifier\":\"a\",\"email\":\"nope\"},\"text\":\"x\"}", 422, "invalid_field", "contact.email"),
        new Case("unknown inbox", "/api/v1/inboxes/999/messages", "{\"sourceId\":\"s\",\"contact\":{\"identifier\":\"a\"},\"text\":\"x\"}", 404, "not_found", null),
        new Case("non-numeric inbox id", "/api/v1/inboxes/abc/messages", "{\"sourceId\":\"s\",\"contact\":{\"identifier\":\"a\"},\"text\":\"x\"}", 404, "not_found", null),
        new Case("a non-API inbox", "/api/v1/inboxes/1/messages", "{\"sourceId\":\"s\",\"contact\":{\"identifier\":\"a\"},\"text\":\"x\"}", 422, "not_api_channel", null),
        new Case("unknown contact field", "/api/v1/contacts", "{\"name\":\"a\",\"shoeSize\":42}", 422, "unknown_field", "shoeSize"),
        new Case("ticket without subject", "/api/v1/tickets", "{\"kind\":\"support\"}", 422, "missing_field", "subject"),
        new Case("ticket of an unknown kind", "/api/v1/tickets", "{\"kind\":\"party\",\"subject\":\"x\"}", 422, "invalid_field", "kind"),
        new Case("lead pointing at no contact", "/api/v1/leads", "{\"contactId\":424242}", 422, "invalid_field", "contactId"),
        new Case("huge number", "/api/v1/leads", "{\"score\":1e300}", 422, "invalid_field", "score"),
        new Case("reply to an unknown conversation", "/api/v1/conversations/999999/messages", "{\"text\":\"x\"}", 404, "not_found", null),
        new Case("reply without text", "/api/v1/conversations/1/messages", "{}", 422, "missing_field", "text"),
        new Case("unknown route", "/api/v1/nothing-here", "{}", 404, "not_found", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("each bad request is answered with its status, code and field, and stores nothing")
  void refused(Case c) {
    long before = count("select (select count(*) from messages) + (select count(*) from contacts) + (select count(*) from leads)"
        + " + (select count(*) from tickets) + (select count(*) from conversations)");
    HttpResponse<Buffer> res = admin.postRaw(c.path(), Buffer.buffer(c.body()), "application/json");
    assertEquals(c.status(), res.statusCode(), res.bodyAsString());
    JsonObject error = res.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error, res.bodyAsString());
    assertEquals(c.code(), error.getString("code"));
    assertEquals(c.field(), error.getString("field"));
    assertNotNull(error.getString("message"));
    assertEquals(before, count("select (select count(*) from messages) + (select count(*) from contacts) + (select count(*) from leads)"
        + " + (select count(*) from tickets) + (select count(*) from conversations)"));
  }

  @Test
  @DisplayName("a body over the size limit is refused with 413")
  void oversized() {
    String big = "{\"sourceId\":\"s\",\"contact\":{\"identifier\":\"a\"},\"text\":\"" + "x".repeat(2_000_000) + "\"}";
    HttpResponse<Buffer> res = admin.postRaw("/api/v1/inboxes/5/messages", Buffer.buffer(big), "application/json");
    assertEquals(413, res.statusCode());
    assertEquals("payload_too_large", res.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  @DisplayName("unknown list filters and bad limits are 400 with the parameter named")
  void badQueryParameters() {
    var res = admin.get("/api/v1/contacts?shoeSize=42");
    assertEquals(400, res.statusCode());
    assertEquals("shoeSize", res.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(400, admin.get("/api/v1/conversations?limit=5000").statusCode());
    assertEquals(400, admin.get("/api/v1/conversations?assignee=someone").statusCode());
  }
}
