package com.conecta.hub.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A WhatsApp conversation end to end against the fake Graph API")
class WhatsAppConversationFlowTest extends WhatsAppTestBase {
  private static final String SALES = "100000000000001";

  private long inbound(String waId, String wamid, String text) {
    assertEquals(200, postSigned(WhatsAppPayloads.text(SALES, waId, "Cliente " + waId, wamid, text).toBuffer().getBytes())
        .statusCode());
    return sql.preparedQuery("select conversation_id from messages where provider_message_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(wamid)).await().iterator().next().getLong(0);
  }

  private JsonObject reply(long conversation, JsonObject body) {
    var res = admin.post("/api/v1/conversations/" + conversation + "/messages", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  private String status(long messageId) {
    return sql.query("select status from messages where id = " + messageId).execute().await().iterator().next().getString(0);
  }

  @Test
  @DisplayName("a reply goes out in the Cloud API's shape and its ticks move sent → delivered → read")
  void replyAndTicks() throws Exception {
    long conv = inbound("56922220001", "wamid.flow-1", "hola, ¿tienen split inverter?");
    long id = reply(conv, new JsonObject().put("text", "Sí, tenemos de 9000 y 12000 BTU")).getLong("id");
    Await.until(() -> "read".equals(status(id)), "the message reaches read");
    FakeWhatsAppCloudApi.Sent sent = fake.sentTo("56922220001").get(0);
    assertEquals("text", sent.body().getString("type"));
    assertEquals("Sí, tenemos de 9000 y 12000 BTU", sent.body().getJsonObject("text").getString("body"));
    assertEquals(SALES, sent.phoneNumberId());
    assertEquals(3, count("select count(*) from delivery_receipts where provider_message_id = '" + sent.wamid() + "'"));
  }

  @Test
  @DisplayName("receipts that arrive before the hub has recorded its sends still move each of them to read")
  void receiptsBeforeTheSendIsRecorded() throws Exception {
    // The fake posts its sent, delivered and read webhooks a millisecond after taking each message: before the hub
    // has its answer, and before the batch that marks the sends has been written.
    fake.statusDelayMs(1);
    try {
      long conv = inbound("56922220009", "wamid.flow-9", "hola");
      java.util.List<Long> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ids.add(reply(conv, new JsonObject().put("text", "mensaje " + i)).getLong("id"));
      }
      for (long id : ids) {
        Await.until(() -> "read".equals(status(id)), "message " + id + " reaches read");
      }
      assertEquals(5, count("select count(*) from outbox o join messages m on m.id = o.message_id where m.id in ("
          + ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ") and o.status = 'sent'"
          + " and m.provider_message_id is not null"));
      assertEquals(5, fake.sentTo("56922220009").size(), "each went once");
    } finally {
      fake.statusDelayMs(50);
    }
  }

  @Test
  @DisplayName("statuses arriving out of order or twice never move a message backwards")
  void statusesNeverGoBackwards() throws Exception {
    fake.autoRead(false);
    long conv = inbound("56922220002", "wamid.flow-2", "hola");
    long id = reply(conv, new JsonObject().put("text", "hola!")).getLong("id");
    Await.until(() -> "delivered".equals(status(id)), "delivered");
    String wamid = fake.sentTo("56922220002").get(0).wamid();
    byte[] read = WhatsAppPayloads.status(SALES, wamid, "56922220002", "read", null, null).toBuffer().getBytes();
    byte[] delivered = WhatsAppPayloads.status(SALES, wamid, "56922220002", "delivered", null, null).toBuffer().getBytes();
    byte[] sentAgain = WhatsAppPayloads.status(SALES, wamid, "56922220002", "sent", null, null).toBuffer().getBytes();
    assertEquals(200, postSigned(read).statusCode());
    assertEquals(200, postSigned(delivered).statusCode());
    assertEquals(200, postSigned(sentAgain).statusCode());
    assertEquals(200, postSigned(read).statusCode());
    assertEquals("read", status(id));
    fake.autoRead(true);
  }

  @Test
  @DisplayName("rate-limit answers (130429) are retried until sent; an undeliverable recipient (131026) fails with its code")
  void providerErrors() throws Exception {
    long conv = inbound("56922220003", "wamid.flow-3", "hola");
    fake.failNext(2, 429, 130429, "Rate limit hit");
    long id = reply(conv, new JsonObject().put("text", "reintento")).getLong("id");
    Await.until(() -> "read".equals(status(id)), "sent after the rate limit passes");
    assertEquals(2, count("select attempts - 1 from outbox where message_id = " + id));

    long conv2 = inbound("56922220004", "wamid.flow-4", "hola");
    fake.failRecipient("56922220004", 131026);
    long id2 = reply(conv2, new JsonObject().put("text", "no llegará")).getLong("id");
    Await.until(() -> "failed".equals(status(id2)), "failed");
    JsonObject failed = admin.get("/api/v1/conversations/" + conv2 + "/messages").bodyAsJsonObject().getJsonArray("items")
        .stream().map(o -> (JsonObject) o).filter(m -> m.getLong("id") == id2).findFirst().orElseThrow();
    assertEquals("131026", failed.getString("errorCode"));

    long conv3 = inbound("56922220005", "wamid.flow-5", "hola");
    fake.failNext(1, 400, 100, "Invalid parameter");
    long id3 = reply(conv3, new JsonObject().put("text", "parámetro malo")).getLong("id");
    Await.until(() -> "failed".equals(status(id3)), "invalid parameters fail at once");
  }

  @Test
  @DisplayName("after 24 h a free-form reply is refused with template_required; a template goes out")
  void customerServiceWindow() throws Exception {
    long conv = inbound("56922220006", "wamid.flow-6", "hola");
    assertTrue(admin.get("/api/v1/conversations/" + conv).bodyAsJsonObject().getJsonObject("window").getBoolean("open"));
    sql.query("update conversations set last_inbound_at = now() - interval '25 hours' where id = " + conv).execute().await();
    JsonObject view = admin.get("/api/v1/conversations/" + conv).bodyAsJsonObject();
    assertFalse(view.getJsonObject("window").getBoolean("open"));
    long before = count("select count(*) from messages where conversation_id = " + conv);
    var refused = admin.post("/api/v1/conversations/" + conv + "/messages", new JsonObject().put("text", "hola de nuevo"));
    assertEquals(422, refused.statusCode());
    assertEquals("template_required", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(before, count("select count(*) from messages where conversation_id = " + conv));
    long id = reply(conv, new JsonObject().put("template", new JsonObject().put("name", "seguimiento_cotizacion")
        .put("language", "es").put("params", new JsonArray().add("Cliente").add("COT-1001")))).getLong("id");
    Await.until(() -> "read".equals(status(id)), "template sent");
    JsonObject body = fake.sentTo("56922220006").get(0).body();
    assertEquals("template", body.getString("type"));
    assertEquals("seguimiento_cotizacion", body.getJsonObject("template").getString("name"));
    assertEquals("COT-1001", body.getJsonObject("template").getJsonArray("components").getJsonObject(0)
        .getJsonArray("parameters").getJsonObject(1).getString("text"));
    long english = sql.query("select contact_id from conversations where id = " + conv).execute().await().iterator().next()
        .getLong(0);
    sql.query("update contacts set locale = 'en' where id = " + english).execute().await();
    long id2 = reply(conv, new JsonObject().put("template", new JsonObject().put("name", "seguimiento_cotizacion")
        .put("params", new JsonArray().add("Client").add("COT-1002")))).getLong("id");
    Await.until(() -> "read".equals(status(id2)), "second template sent");
    assertEquals("en", fake.sentTo("56922220006").get(1).body().getJsonObject("template").getJsonObject("language")
        .getString("code"), "without a language the template goes in the contact's");
  }

  @Test
  @DisplayName("opening the conversation marks the customer's message read; inbound media is downloaded and served")
  void readMarkAndMedia() throws Exception {
    fake.putMedia("media-test-1", Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}));
    assertEquals(200, postSigned(WhatsAppPayloads.image(SALES, "56922220007", "Foto", "wamid.flow-7", "media-test-1",
        "image/png", "la falla").toBuffer().getBytes()).statusCode());
    long conv = sql.query("select conversation_id from messages where provider_message_id = 'wamid.flow-7'").execute()
        .await().iterator().next().getLong(0);
    Await.until(() -> count("select count(*) from media_files") > 0, "media stored");
    admin.post("/api/v1/conversations/" + conv + "/read", new JsonObject());
    Await.until(() -> fake.readMarks().stream().anyMatch(m -> "wamid.flow-7".equals(m.getString("message_id"))), "marked read");
    JsonObject message = admin.get("/api/v1/conversations/" + conv + "/messages").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertEquals("la falla", message.getString("text"));
    String url = message.getJsonArray("attachments").getJsonObject(0).getString("downloadUrl");
    var file = admin.get(url);
    assertEquals(200, file.statusCode());
    assertEquals(7, file.body().length());
    assertEquals(404, signIn("carla@demo.conecta.cl").get(url).statusCode(), "another team's agent cannot fetch it");
    assertEquals(401, new com.conecta.hub.support.Api(vertx, hub.port()).get(url).statusCode());
  }

  @Test
  @DisplayName("an agent uploads a photo and sends it: it goes up to the Graph API and out by media id with its caption")
  void outboundMedia() throws Exception {
    long conv = inbound("56922220008", "wamid.flow-8", "¿tienen foto del equipo?");
    io.vertx.ext.web.multipart.MultipartForm form = io.vertx.ext.web.multipart.MultipartForm.create()
        .binaryFileUpload("file", "split-12000.png", Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 9, 9}), "image/png");
    var upload = http.post(hub.port(), "127.0.0.1", "/api/v1/conversations/" + conv + "/attachments")
        .putHeader("cookie", admin.cookie()).putHeader("X-CSRF-Token", admin.csrf()).sendMultipartForm(form).await();
    assertEquals(201, upload.statusCode(), upload.bodyAsString());
    String key = upload.bodyAsJsonObject().getString("storageKey");
    long id = reply(conv, new JsonObject().put("text", "Este es el modelo de 12000 BTU")
        .put("attachments", new JsonArray().add(new JsonObject().put("storageKey", key)))).getLong("id");
    Await.until(() -> "read".equals(status(id)), "photo sent");
    JsonObject body = fake.sentTo("56922220008").get(0).body();
    assertEquals("image", body.getString("type"));
    assertTrue(body.getJsonObject("image").getString("id").startsWith("media-"));
    assertEquals("Este es el modelo de 12000 BTU", body.getJsonObject("image").getString("caption"));
    var foreign = admin.post("/api/v1/conversations/" + inbound("56922220009", "wamid.flow-9", "hola") + "/messages",
        new JsonObject().put("attachments", new JsonArray().add(new JsonObject().put("storageKey", "0".repeat(32)))));
    assertEquals(422, foreign.statusCode());
    assertEquals("attachments", foreign.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }
}
