package com.conecta.hub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Api;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records the route walk calls with: a conversation with a note, a contact with its account, lead, ticket,
 * activity and invoice, a campaign, a token, a marketing user and inboxes holding every kind of channel secret, all
 * marked with the run's tag; the sample bodies of the changes an agent of the team may make; and how a route's path
 * parameters are filled with these ids (or with missing ones).
 */
final class WalkFixture {
  private static final String MISSING_ID = "999999999";
  /** Ana, the demo agent of the records' team. */
  private static final long ANA_ID = 2;

  final String tag;
  final String personName;
  final String messageText;
  final String invoiceNumber;
  final String marketingPassword;
  /** Values no answer and no log line may hold. */
  final List<String> secrets = new ArrayList<>();
  /** Sample bodies by "METHOD /path/template"; a null body is sent as none. */
  final Map<String, JsonObject> bodies = new HashMap<>();
  private final Map<String, String> byParam = new HashMap<>();
  private final Map<String, String> byResource = new HashMap<>();

  WalkFixture(Api admin, long apiInbox, String tag, String appSecret) {
    this.tag = tag;
    this.personName = "Persona Walk " + tag;
    this.messageText = "mensaje privado walk " + tag;
    this.invoiceNumber = "F-WALK-" + tag;
    this.marketingPassword = "mkt-pass-" + tag;
    secrets.add(appSecret);
    secrets.add("verify-" + tag);
    JsonObject conv = admin.inbound(apiInbox, "walk-1-" + tag, "walk-a-" + tag, personName, messageText).bodyAsJsonObject();
    long conversation = conv.getLong("conversationId");
    long contact = conv.getLong("contactId");
    long second = admin.inbound(apiInbox, "walk-2-" + tag, "walk-b-" + tag, "Otra " + tag, "hola").bodyAsJsonObject()
        .getLong("contactId");
    created(admin.post("/api/v1/conversations/" + conversation + "/notes", new JsonObject().put("text", "nota " + tag)));
    long account = id(admin.post("/api/v1/accounts", new JsonObject().put("name", "Empresa " + tag)));
    assertEquals(200, admin.patch("/api/v1/contacts/" + contact, new JsonObject().put("accountId", account)).statusCode());
    long lead = id(admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Lead " + tag)));
    long ticket = id(admin.post("/api/v1/tickets", new JsonObject().put("contactId", contact).put("kind", "support")
        .put("subject", "Ticket " + tag)));
    long activity = id(admin.post("/api/v1/activities", new JsonObject().put("contactId", contact).put("kind", "task")
        .put("title", "Tarea " + tag)));
    long canned = id(admin.post("/api/v1/canned-responses", new JsonObject().put("shortCode", "w" + tag)
        .put("content", "Hola")));
    long campaign = id(admin.post("/api/v1/campaigns", new JsonObject().put("name", "Campaña " + tag).put("inboxId", 1)
        .put("template", new JsonObject().put("name", "promocion_general").put("language", "es"))
        .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "20%")))));
    long token = id(admin.post("/api/v1/tokens", new JsonObject().put("name", "walk " + tag)));
    long invoice = id(admin.post("/api/v1/invoices", new JsonObject().put("externalId", "walk-" + tag)
        .put("number", invoiceNumber).put("amount", 1000).put("currency", "CLP").put("dueDate", "2030-01-01")
        .put("contactId", contact)));
    created(admin.post("/api/v1/users", new JsonObject().put("email", "mkt-" + tag + "@demo.conecta.cl")
        .put("name", "Marketing " + tag).put("role", "marketing").put("password", marketingPassword)));
    // Inboxes with every kind of channel secret: none may come back from any route, nor reach the log.
    String waToken = "EAAG-wa-token-" + tag;
    String twilioToken = "twilio-auth-" + tag;
    String smtpPassword = "smtp-pass-" + tag;
    secrets.addAll(List.of(waToken, twilioToken, smtpPassword));
    created(admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA " + tag).put("channel", "whatsapp")
        .put("channelAccountId", "9" + tag.hashCode()).put("teamId", 1)
        .put("settings", new JsonObject().put("accessToken", waToken).put("displayPhoneNumber", "+56 9 0000"))));
    created(admin.post("/api/v1/inboxes", new JsonObject().put("name", "TW " + tag).put("channel", "twilio")
        .put("channelAccountId", "+1555" + Math.abs(tag.hashCode() % 10_000_000)).put("teamId", 1)
        .put("settings", new JsonObject().put("accountSid", "AC" + tag).put("authToken", twilioToken))));
    created(admin.post("/api/v1/inboxes", new JsonObject().put("name", "Mail " + tag).put("channel", "email")
        .put("channelAccountId", "walk-" + tag + "@demo.conecta.cl").put("teamId", 1)
        .put("settings", new JsonObject().put("smtp", new JsonObject().put("host", "127.0.0.1").put("password", smtpPassword))
            .put("imapPassword", smtpPassword))));

    byParam.put("conversationId", String.valueOf(conversation));
    byParam.put("inboxId", String.valueOf(apiInbox));
    byParam.put("tokenId", String.valueOf(token));
    byParam.put("label", "vip");
    byResource.put("contacts", String.valueOf(contact));
    byResource.put("accounts", String.valueOf(account));
    byResource.put("leads", String.valueOf(lead));
    byResource.put("tickets", String.valueOf(ticket));
    byResource.put("activities", String.valueOf(activity));
    byResource.put("canned-responses", String.valueOf(canned));
    byResource.put("campaigns", String.valueOf(campaign));
    byResource.put("invoices", String.valueOf(invoice));

    // Real changes an agent of the team may make; an agent of another team sends the same and must be refused.
    bodies.put("POST /api/v1/conversations/:conversationId/notes", new JsonObject().put("text", "nota del recorrido"));
    bodies.put("POST /api/v1/conversations/:conversationId/messages", new JsonObject().put("text", "respuesta"));
    bodies.put("POST /api/v1/conversations/:conversationId/status", new JsonObject().put("status", "open"));
    bodies.put("POST /api/v1/conversations/:conversationId/labels", new JsonObject().put("labels", new JsonArray().add("vip")));
    bodies.put("DELETE /api/v1/conversations/:conversationId/labels/:label", null);
    bodies.put("POST /api/v1/conversations/:conversationId/read", new JsonObject());
    bodies.put("PATCH /api/v1/contacts/:id", new JsonObject().put("city", "Talca"));
    bodies.put("PATCH /api/v1/accounts/:id", new JsonObject().put("city", "Talca"));
    bodies.put("PATCH /api/v1/leads/:id", new JsonObject().put("stage", "qualified"));
    bodies.put("PATCH /api/v1/tickets/:id", new JsonObject().put("status", "waiting"));
    bodies.put("PATCH /api/v1/activities/:id", new JsonObject().put("done", true));
    bodies.put("POST /api/v1/contacts/:id/merge", new JsonObject().put("mergeContactId", second));
    bodies.put("POST /api/v1/inboxes/:inboxId/messages", Api.inboundBody("walk-3-" + tag, "walk-c-" + tag, "C", "hola"));

    byParam.put("userId", String.valueOf(ANA_ID));
  }

  private static void created(io.vertx.ext.web.client.HttpResponse<Buffer> res) {
    assertEquals(201, res.statusCode(), res.bodyAsString());
  }

  private static long id(io.vertx.ext.web.client.HttpResponse<Buffer> res) {
    created(res);
    return res.bodyAsJsonObject().getLong("id");
  }

  /** A path with its parameters filled, and what the filling tells about the route. */
  record Filled(String path, boolean allKnown, boolean teamScoped) {}

  Filled fill(String template, boolean realIds) {
    String[] parts = template.split("/");
    boolean known = true;
    boolean scoped = false;
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].startsWith(":")) {
        continue;
      }
      String name = parts[i].substring(1);
      String resource = i > 0 ? parts[i - 1] : "";
      String value = "id".equals(name) ? byResource.get(resource) : byParam.get(name);
      if (value == null) {
        known = false;
        value = name.equals("key") ? "0".repeat(32) : "1";
      } else if (!realIds) {
        value = name.equals("label") ? "nada" : MISSING_ID;
      }
      scoped |= realIds && (name.equals("conversationId") || name.equals("inboxId")
          || ("id".equals(name) && List.of("contacts", "accounts", "leads", "tickets", "activities").contains(resource)));
      parts[i] = value;
    }
    return new Filled(String.join("/", parts), known, scoped);
  }
}
