package com.conecta.hub.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Fixtures;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every real Cloud API fixture goes through the signed webhook path")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class WhatsAppFixturesAreStoredTest extends WhatsAppTestBase {
  private static final Map<String, String> EXPECTED_TYPE = Map.ofEntries(
      Map.entry("audio-voice", "audio"), Map.entry("contacts", "contacts"), Map.entry("document", "document"),
      Map.entry("image", "image"), Map.entry("interactive-button-reply", "interactive_reply"),
      Map.entry("interactive-list-reply", "interactive_reply"), Map.entry("location", "location"),
      Map.entry("reaction", "reaction"), Map.entry("sticker", "sticker"),
      Map.entry("template-quick-reply-button", "button_reply"),
      Map.entry("template-quick-reply-button-bsuid-no-context", "button_reply"), Map.entry("text", "text"),
      Map.entry("text-from-username-user-bsuid", "text"), Map.entry("unsupported-131051", "unsupported"),
      Map.entry("video-with-caption", "video"));

  @BeforeAll
  void inboxesForTheFixtures() {
    for (String id : List.of("106540352242922", "109999999999999", "1111111111111", "1122334455667", "409552778964973")) {
      whatsappInbox(id, 1);
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  @DisplayName("each inbound fixture is accepted with 200 and stored once with its content type")
  void inboundFixtures() {
    List<String> files = Fixtures.list("whatsapp-cloud/inbound");
    assertEquals(EXPECTED_TYPE.size(), files.size(), "a fixture without an expectation: " + files);
    java.util.Map<String, String> firstTypeById = new java.util.HashMap<>();
    for (String file : files) {
      byte[] body = Fixtures.bytes(file);
      String wamid = firstMessageId(body);
      String name0 = file.substring(file.lastIndexOf('/') + 1).replace(".json", "");
      // reaction.json and text.json carry the same wamid: the second is, correctly, a repeat delivery.
      firstTypeById.putIfAbsent(wamid, EXPECTED_TYPE.get(name0));
      assertEquals(200, postSigned(body).statusCode(), file);
      assertEquals(200, postSigned(body).statusCode(), "a repeat delivery is answered 200 too: " + file);
      String name = file.substring(file.lastIndexOf('/') + 1).replace(".json", "");
      var row = sql.preparedQuery("select content_type, count(*) over () from messages where provider_message_id = $1")
          .execute(io.vertx.sqlclient.Tuple.of(wamid)).await();
      assertEquals(1, row.size(), file + " stored once");
      assertEquals(firstTypeById.get(wamid), row.iterator().next().getString(0), file);
    }
    assertEquals(1, count("select count(*) from contact_identities where kind = 'whatsapp_bsuid' and value = 'user.93737...'"),
        "the username sender is known by their business-scoped id");
    assertEquals(0, count("select count(*) from contact_identities a join contact_identities b on a.contact_id = b.contact_id "
        + "where a.value = 'user.93737...' and b.kind = 'whatsapp'"), "an empty wa_id makes no phone identity");
  }

  @Test
  @DisplayName("the fixture's own signature header (computed by the researcher) is accepted on the exact bytes")
  void researcherSignatureVector() {
    JsonObject vectors = new JsonObject(new String(Fixtures.bytes("whatsapp-cloud/signature-vectors.json"),
        StandardCharsets.UTF_8));
    byte[] body = Fixtures.bytes(vectors.getString("file"));
    assertEquals(200, postWithHeader(body, vectors.getString("X-Hub-Signature-256")).statusCode());
  }

  @Test
  @DisplayName("status fixtures are recorded (failed ones with their code) and account events store no message")
  void statusAndOtherFixtures() {
    long before = count("select count(*) from messages");
    for (String file : Fixtures.list("whatsapp-cloud/status")) {
      assertEquals(200, postSigned(Fixtures.bytes(file)).statusCode(), file);
    }
    for (String file : Fixtures.list("whatsapp-cloud/other")) {
      assertEquals(200, postSigned(Fixtures.bytes(file)).statusCode(), file);
    }
    assertEquals(before, count("select count(*) from messages"));
    assertEquals(1, count("select count(*) from delivery_receipts where error_code = '131047'"));
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (String file : Fixtures.list("whatsapp-cloud/status")) {
      JsonObject value = new JsonObject(new String(Fixtures.bytes(file), StandardCharsets.UTF_8)).getJsonArray("entry")
          .getJsonObject(0).getJsonArray("changes").getJsonObject(0).getJsonObject("value");
      JsonObject st = value.getJsonArray("statuses").getJsonObject(0);
      distinct.add(value.getJsonObject("metadata").getString("phone_number_id") + "|" + st.getString("id") + "|"
          + st.getString("status"));
    }
    assertEquals(distinct.size(), count("select count(*) from delivery_receipts"), "one receipt per distinct status");
  }

  private static String firstMessageId(byte[] body) {
    return new JsonObject(new String(body, StandardCharsets.UTF_8)).getJsonArray("entry").getJsonObject(0)
        .getJsonArray("changes").getJsonObject(0).getJsonObject("value").getJsonArray("messages").getJsonObject(0)
        .getString("id");
  }
}
