package com.conecta.hub.foundation.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A contact's data is exported and erased on request")
class PersonalDataTest extends HubTestBase {

  /** A person who wrote, was answered with a file, and has a lead, a ticket, an activity and an opt-out. */
  private record Person(long contactId, long conversationId, String identifier, String name, String phone, String email,
      String text, String storageKey) {}

  private Person person() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String identifier = "erp-" + tag;
    String name = "Rosa " + tag;
    String phone = "+56 9 " + Math.abs(tag.hashCode() % 10_000_000);
    String email = "rosa-" + tag + "@correo.cl";
    String text = "mi dirección es calle " + tag;
    JsonObject body = new JsonObject().put("sourceId", "pd-" + tag).put("text", text).put("contact", new JsonObject()
        .put("identifier", identifier).put("name", name).put("phone", phone).put("email", email));
    JsonObject in = admin.post("/api/v1/inboxes/" + API_INBOX + "/messages", body).bodyAsJsonObject();
    long contact = in.getLong("contactId");
    long conversation = in.getLong("conversationId");
    var upload = WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/api/v1/conversations/" + conversation + "/attachments")
        .putHeader("cookie", admin.cookie()).putHeader("X-CSRF-Token", admin.csrf())
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "cedula-" + tag + ".txt",
            Buffer.buffer("documento de " + name), "text/plain")).await();
    assertEquals(201, upload.statusCode(), upload.bodyAsString());
    String key = upload.bodyAsJsonObject().getString("storageKey");
    assertEquals(201, admin.post("/api/v1/conversations/" + conversation + "/messages", new JsonObject()
        .put("text", "Hola " + name).put("attachments", new JsonArray().add(new JsonObject().put("storageKey", key))))
        .statusCode());
    assertEquals(201, admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Lead " + name))
        .statusCode());
    assertEquals(201, admin.post("/api/v1/tickets", new JsonObject().put("contactId", contact).put("kind", "support")
        .put("subject", "Reclamo de " + name)).statusCode());
    assertEquals(201, admin.post("/api/v1/activities", new JsonObject().put("contactId", contact).put("kind", "call")
        .put("title", "Llamar a " + name)).statusCode());
    assertEquals(200, admin.patch("/api/v1/contacts/" + contact, new JsonObject().put("doNotContact", true)).statusCode());
    return new Person(contact, conversation, identifier, name, phone, email, text, key);
  }

  @Test
  @DisplayName("the export holds the contact, identities, conversations with messages, leads, tickets, activities and"
      + " consent; only admins get it, and it is audited")
  void export() {
    Person p = person();
    assertEquals(403, signIn("ana@demo.conecta.cl").get("/api/v1/contacts/" + p.contactId() + "/export").statusCode());
    var res = admin.get("/api/v1/contacts/" + p.contactId() + "/export");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertTrue(res.getHeader("content-disposition").contains("contact-" + p.contactId() + ".json"));
    JsonObject e = res.bodyAsJsonObject();
    assertEquals(p.name(), e.getJsonObject("contact").getString("name"));
    assertEquals(p.email(), e.getJsonObject("contact").getString("email"));
    assertTrue(e.getJsonObject("contact").getBoolean("do_not_contact"), "consent is in the export");
    assertEquals(p.identifier(), e.getJsonArray("identities").getJsonObject(0).getString("value"));
    JsonArray messages = e.getJsonArray("conversations").getJsonObject(0).getJsonArray("messages");
    assertTrue(messages.stream().map(o -> (JsonObject) o).anyMatch(m -> p.text().equals(m.getString("text"))));
    assertTrue(messages.encode().contains(p.storageKey()), "attachments are listed");
    assertEquals(1, e.getJsonArray("leads").size());
    assertEquals(1, e.getJsonArray("tickets").size());
    assertEquals(1, e.getJsonArray("activities").size());
    assertEquals(404, admin.get("/api/v1/contacts/999999/export").statusCode());
    JsonArray audit = admin.get("/api/v1/audit?action=contact.export&targetId=" + p.contactId()).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals(1, audit.size());
  }

  @Test
  @DisplayName("erasure removes personal fields, message bodies and files, keeps the counts, is audited; the person is"
      + " not found by phone or email, and a new message from them opens a fresh contact")
  void erase() {
    Person p = person();
    long messages = count("select count(*) from messages where conversation_id = " + p.conversationId());
    long leads = count("select count(*) from leads where contact_id = " + p.contactId());
    assertEquals(403, signIn("ana@demo.conecta.cl").post("/api/v1/contacts/" + p.contactId() + "/erase", new JsonObject())
        .statusCode());
    assertEquals(200, admin.get("/api/v1/media/" + p.storageKey()).statusCode());

    var res = admin.post("/api/v1/contacts/" + p.contactId() + "/erase", new JsonObject().put("reason", "solicitud ARCO"));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals(messages, res.bodyAsJsonObject().getLong("messages"));
    assertEquals(1, res.bodyAsJsonObject().getInteger("files"));

    JsonObject contact = admin.get("/api/v1/contacts/" + p.contactId()).bodyAsJsonObject();
    assertNull(contact.getString("name"));
    assertNull(contact.getString("phone"));
    assertNull(contact.getString("email"));
    assertEquals(messages, count("select count(*) from messages where conversation_id = " + p.conversationId()),
        "anonymous counts stay for reports");
    assertEquals(leads, count("select count(*) from leads where contact_id = " + p.contactId()));
    assertEquals(0, count("select count(*) from messages where conversation_id = " + p.conversationId()
        + " and (text is not null or attachments <> '[]')"));
    assertEquals(404, admin.get("/api/v1/media/" + p.storageKey()).statusCode(), "the file is gone");
    String everything = admin.get("/api/v1/contacts/" + p.contactId() + "/export").bodyAsString()
        + admin.get("/api/v1/conversations/" + p.conversationId() + "/messages").bodyAsString()
        + admin.get("/api/v1/leads?limit=100").bodyAsString() + admin.get("/api/v1/tickets?limit=100").bodyAsString()
        + admin.get("/api/v1/activities?limit=100").bodyAsString();
    for (String personal : new String[] {p.name(), p.email(), p.phone(), p.text(), p.identifier()}) {
      assertFalse(everything.contains(personal), "still held: " + personal);
    }
    String digits = p.phone().replaceAll("[^0-9]", "");
    assertEquals(0, admin.get("/api/v1/contacts?q=" + digits).bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(0, admin.get("/api/v1/contacts?q=" + p.email()).bodyAsJsonObject().getJsonArray("items").size());

    var again = admin.inbound(API_INBOX, "pd-again-" + p.identifier(), p.identifier(), "Rosa", "hola de nuevo");
    assertEquals(201, again.statusCode());
    assertNotEquals(p.contactId(), again.bodyAsJsonObject().getLong("contactId"), "a fresh contact");
    assertNotEquals(p.conversationId(), again.bodyAsJsonObject().getLong("conversationId"));

    JsonArray audit = admin.get("/api/v1/audit?action=contact.erase&targetId=" + p.contactId()).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals(1, audit.size());
    assertEquals("solicitud ARCO", audit.getJsonObject(0).getJsonObject("details").getString("reason"));
    assertEquals(200, admin.post("/api/v1/contacts/" + p.contactId() + "/erase", new JsonObject()).statusCode(),
        "erasing twice is harmless");
    assertEquals(404, admin.post("/api/v1/contacts/999999/erase", new JsonObject()).statusCode());
  }
}
