package com.conecta.hub.messaging.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shared inbox's conversation list and actions")
class ConversationListFiltersTest extends HubTestBase {
  private long quote;
  private long fault;
  private long invoice;

  @BeforeAll
  void conversations() {
    quote = conv("f-1", "erp-f1", "Marcela Soto", "necesito cotizar un split de 12000 BTU");
    fault = conv("f-2", "erp-f2", "Pedro Lagos", "la camara no graba desde ayer");
    invoice = conv("f-3", "erp-f3", "Rosa Vidal", "adjunto comprobante de transferencia");
    admin.post("/api/v1/conversations/" + fault + "/assignment", new JsonObject().put("assigneeId", 2));
    var labelled = admin.post("/api/v1/conversations/" + invoice + "/labels",
        new JsonObject().put("labels", new JsonArray().add("cobranza")));
    assertEquals(200, labelled.statusCode(), labelled.bodyAsString());
    assertEquals("cobranza", labelled.bodyAsJsonObject().getJsonArray("labels").getString(0));
    assertEquals(200, admin.post("/api/v1/conversations/" + invoice + "/status", new JsonObject().put("status", "pending"))
        .statusCode());
  }

  private long conv(String source, String id, String name, String text) {
    return admin.inbound(API_INBOX, source, id, name, text).bodyAsJsonObject().getLong("conversationId");
  }

  private Set<Long> ids(Api api, String query) {
    var res = api.get("/api/v1/conversations" + query);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id"))
        .collect(Collectors.toSet());
  }

  @Test
  @DisplayName("status defaults to open; all, pending and resolved filter as named")
  void statusFilter() {
    assertEquals(Set.of(quote, fault), ids(admin, ""));
    assertEquals(Set.of(invoice), ids(admin, "?status=pending"));
    assertEquals(Set.of(quote, fault, invoice), ids(admin, "?status=all"));
    assertEquals(400, admin.get("/api/v1/conversations?status=closed").statusCode());
  }

  @Test
  @DisplayName("assignee me, unassigned and a user id select by owner")
  void assigneeFilter() {
    Api ana = signIn("ana@demo.conecta.cl");
    assertEquals(Set.of(fault), ids(ana, "?assignee=me"));
    assertEquals(Set.of(quote), ids(admin, "?assignee=unassigned"));
    assertEquals(Set.of(fault), ids(admin, "?assignee=2"));
    assertEquals(Set.of(quote, fault), ids(admin, "?assignee=all"));
  }

  @Test
  @DisplayName("label, inbox and team narrow the list; q searches names, phones, emails and message text")
  void labelInboxTeamAndSearch() {
    assertEquals(Set.of(invoice), ids(admin, "?status=all&label=cobranza"));
    assertEquals(Set.of(quote, fault), ids(admin, "?inboxId=" + API_INBOX));
    assertEquals(Set.of(), ids(admin, "?inboxId=2"));
    assertEquals(Set.of(quote, fault), ids(admin, "?teamId=1"));
    assertEquals(Set.of(quote), ids(admin, "?q=split"));
    assertEquals(Set.of(fault), ids(admin, "?q=lagos"));
    assertEquals(Set.of(), ids(admin, "?q=%25"), "a % in q is a literal, not a wildcard");
  }

  @Test
  @DisplayName("cursor pagination walks every conversation once, newest activity first")
  void cursorPagination() {
    Set<Long> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      var body = admin.get("/api/v1/conversations?status=all&limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
          .bodyAsJsonObject();
      body.getJsonArray("items").forEach(o -> assertTrue(seen.add(((JsonObject) o).getLong("id"))));
      cursor = body.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 20);
    assertTrue(seen.containsAll(List.of(quote, fault, invoice)));
    assertEquals(400, admin.get("/api/v1/conversations?cursor=garbage!").statusCode());
  }

  @Test
  @DisplayName("messages page newest last; a reply is queued then sent through the outbox; a note stays private")
  void messagesReplyAndNote() throws Exception {
    var reply = admin.post("/api/v1/conversations/" + quote + "/messages", new JsonObject().put("text", "Le envío la cotización"));
    assertEquals(201, reply.statusCode());
    long replyId = reply.bodyAsJsonObject().getLong("id");
    assertEquals(201, admin.post("/api/v1/conversations/" + quote + "/notes", new JsonObject().put("text", "cliente frecuente"))
        .statusCode());
    assertEquals(1, count("select count(*) from outbox where message_id = " + replyId));
    Await.until(() -> "sent".equals(admin.get("/api/v1/conversations/" + quote + "/messages").bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> (JsonObject) o).filter(m -> m.getLong("id") == replyId).findFirst()
        .orElseThrow().getString("status")), "the reply shown as sent");
    JsonArray items = admin.get("/api/v1/conversations/" + quote + "/messages").bodyAsJsonObject().getJsonArray("items");
    assertEquals("in", items.getJsonObject(0).getString("direction"), "oldest first, newest last");
    JsonObject note = items.getJsonObject(items.size() - 1);
    assertTrue(note.getBoolean("private"));
    assertEquals(0, count("select count(*) from outbox o join messages m on m.id = o.message_id where m.private"));
    var page = admin.get("/api/v1/conversations/" + quote + "/messages?limit=1").bodyAsJsonObject();
    assertNotNull(page.getString("nextCursor"));
    JsonObject conv = admin.get("/api/v1/conversations/" + quote).bodyAsJsonObject();
    assertEquals(0, conv.getInteger("unreadCount"));
    assertNotNull(conv.getString("firstReplyAt"));
  }

  @Test
  @DisplayName("snoozing needs a future time; mark-read zeroes the unread count; labels can be removed")
  void statusLabelsAndRead() {
    assertEquals(422, admin.post("/api/v1/conversations/" + fault + "/status", new JsonObject().put("status", "snoozed"))
        .statusCode());
    var snoozed = admin.post("/api/v1/conversations/" + fault + "/status", new JsonObject().put("status", "snoozed")
        .put("snoozedUntil", Instant.now().plusSeconds(3600).toString()));
    assertEquals(200, snoozed.statusCode());
    assertNotNull(snoozed.bodyAsJsonObject().getString("snoozedUntil"));
    admin.post("/api/v1/conversations/" + fault + "/status", new JsonObject().put("status", "open"));
    assertEquals(0, admin.post("/api/v1/conversations/" + fault + "/read", new JsonObject()).bodyAsJsonObject()
        .getInteger("unreadCount"));
    admin.post("/api/v1/conversations/" + fault + "/labels", new JsonObject().put("labels", new JsonArray().add("urgente")));
    var removed = admin.delete("/api/v1/conversations/" + fault + "/labels/urgente");
    assertEquals(0, removed.bodyAsJsonObject().getJsonArray("labels").size());
    assertNull(admin.get("/api/v1/conversations/" + fault).bodyAsJsonObject().getString("snoozedUntil"));
  }
}
