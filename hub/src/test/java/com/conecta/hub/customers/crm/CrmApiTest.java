package com.conecta.hub.customers.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The CRM core's API")
class CrmApiTest extends HubTestBase {

  @Test
  @DisplayName("accounts, contacts, leads, tickets and activities are created, read, updated and listed with filters")
  void crudRoundTrip() {
    var account = admin.post("/api/v1/accounts", new JsonObject().put("name", "Frío Sur SpA").put("taxId", "76.543.210-3")
        .put("kind", "business").put("city", "Temuco"));
    assertEquals(201, account.statusCode(), account.bodyAsString());
    long accountId = account.bodyAsJsonObject().getLong("id");
    var contact = admin.post("/api/v1/contacts", new JsonObject().put("name", "Luis Toro").put("email", "LUIS@friosur.cl")
        .put("phone", "+56 9 8765 4321").put("accountId", accountId));
    assertEquals(201, contact.statusCode(), contact.bodyAsString());
    assertEquals("luis@friosur.cl", contact.bodyAsJsonObject().getString("email"));
    assertEquals("+56987654321", contact.bodyAsJsonObject().getString("phone"));
    long contactId = contact.bodyAsJsonObject().getLong("id");
    var lead = admin.post("/api/v1/leads", new JsonObject().put("contactId", contactId).put("stage", "new")
        .put("source", "whatsapp").put("interestArea", "climatizacion").put("priority", "A").put("score", 80)
        .put("customAttributes", new JsonObject().put("btu", 12000)));
    assertEquals(201, lead.statusCode(), lead.bodyAsString());
    long leadId = lead.bodyAsJsonObject().getLong("id");
    var ticket = admin.post("/api/v1/tickets", new JsonObject().put("kind", "visit").put("subject", "Instalación split")
        .put("contactId", contactId).put("dueAt", "2026-12-01T14:00:00Z"));
    assertEquals(201, ticket.statusCode(), ticket.bodyAsString());
    assertEquals("2026-12-01T14:00:00Z", ticket.bodyAsJsonObject().getString("dueAt"));
    var activity = admin.post("/api/v1/activities", new JsonObject().put("kind", "follow_up").put("title", "Llamar por cotización")
        .put("leadId", leadId).put("contactId", contactId));
    assertEquals(201, activity.statusCode(), activity.bodyAsString());

    var updated = admin.patch("/api/v1/leads/" + leadId, new JsonObject().put("stage", "contacted"));
    assertEquals("contacted", updated.bodyAsJsonObject().getString("stage"));
    assertEquals(80, updated.bodyAsJsonObject().getInteger("score"));
    var byArea = admin.get("/api/v1/leads?interestArea=climatizacion").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, byArea.size());
    assertEquals(0, admin.get("/api/v1/leads?interestArea=solar").bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(1, admin.get("/api/v1/contacts?q=toro").bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(1, admin.get("/api/v1/accounts?taxId=76.543.210-3").bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(404, admin.get("/api/v1/tickets/999999").statusCode());
    assertEquals(422, admin.patch("/api/v1/accounts/" + accountId, new JsonObject().putNull("name")).statusCode());
  }

  @Test
  @DisplayName("lists page by cursor without repeats")
  void listPagination() {
    for (int i = 0; i < 5; i++) {
      admin.post("/api/v1/accounts", new JsonObject().put("name", "Paginado " + i));
    }
    var first = admin.get("/api/v1/accounts?q=paginado&limit=3").bodyAsJsonObject();
    assertEquals(3, first.getJsonArray("items").size());
    var second = admin.get("/api/v1/accounts?q=paginado&limit=3&cursor=" + first.getString("nextCursor")).bodyAsJsonObject();
    assertEquals(2, second.getJsonArray("items").size());
    assertNull(second.getString("nextCursor"));
  }

  @Test
  @DisplayName("merging two contacts moves identities, conversations and leads to the survivor and removes the other")
  void mergeContacts() {
    long a = admin.inbound(API_INBOX, "mg-1", "erp-merge-a", "Sofía Pinto", "hola por WhatsApp").bodyAsJsonObject()
        .getLong("contactId");
    var second = admin.inbound(API_INBOX, "mg-2", "erp-merge-b", null, "hola por correo").bodyAsJsonObject();
    long b = second.getLong("contactId");
    admin.patch("/api/v1/contacts/" + b, new JsonObject().put("email", "sofia@pinto.cl"));
    admin.post("/api/v1/leads", new JsonObject().put("contactId", b).put("source", "email"));
    var merged = admin.post("/api/v1/contacts/" + a + "/merge", new JsonObject().put("mergeContactId", b));
    assertEquals(200, merged.statusCode(), merged.bodyAsString());
    assertEquals("sofia@pinto.cl", merged.bodyAsJsonObject().getString("email"));
    assertEquals("Sofía Pinto", merged.bodyAsJsonObject().getString("name"));
    assertEquals(404, admin.get("/api/v1/contacts/" + b).statusCode());
    assertEquals(2, count("select count(*) from contact_identities where contact_id = " + a));
    assertEquals(1, count("select count(*) from leads where contact_id = " + a));
    assertEquals(1, count("select count(*) from conversations where contact_id = " + a + " and status <> 'resolved'"));
    assertEquals(2, count("select count(*) from messages m join conversations c on c.id = m.conversation_id where c.contact_id = " + a));
    assertEquals(1, count("select count(*) from audit_log where action = 'contact.merge'"));
    long again = admin.inbound(API_INBOX, "mg-3", "erp-merge-b", null, "sigo aquí").bodyAsJsonObject().getLong("contactId");
    assertEquals(a, again, "the merged identity now names the survivor");
    assertEquals(422, admin.post("/api/v1/contacts/" + a + "/merge", new JsonObject().put("mergeContactId", a)).statusCode());
  }

  @Test
  @DisplayName("an agent's CRM lists show only records of their teams' conversations or their own")
  void agentScope() {
    Api carla = signIn("carla@demo.conecta.cl");
    long salesContact = admin.inbound(API_INBOX, "sc-1", "erp-scope", "Solo Ventas", "hola").bodyAsJsonObject()
        .getLong("contactId");
    assertEquals(404, carla.get("/api/v1/contacts/" + salesContact).statusCode());
    var own = carla.post("/api/v1/contacts", new JsonObject().put("name", "Contacto de Carla"));
    assertEquals(201, own.statusCode());
    assertEquals(4, own.bodyAsJsonObject().getLong("ownerId"));
    assertTrue(carla.get("/api/v1/contacts").bodyAsJsonObject().getJsonArray("items").stream()
        .allMatch(o -> ((JsonObject) o).getLong("id") != salesContact));
    assertNotNull(signIn("ana@demo.conecta.cl").get("/api/v1/contacts/" + salesContact).bodyAsJsonObject().getLong("id"));
  }
}
