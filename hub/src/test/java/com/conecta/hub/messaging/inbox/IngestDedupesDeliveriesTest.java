package com.conecta.hub.messaging.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ingest through the API channel")
class IngestDedupesDeliveriesTest extends HubTestBase {

  @Test
  @DisplayName("the same provider id posted 50 times at once makes exactly one message, and every post is answered")
  void concurrentRepeatsMakeOneMessage() {
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      posts.add(admin.postAsync("/api/v1/inboxes/" + API_INBOX + "/messages",
          Api.inboundBody("dup-1", "erp-dup", "Cliente Repetido", "hola, ¿tienen stock?")));
    }
    Future.all(posts).await();
    long created = posts.stream().filter(f -> f.result().statusCode() == 201).count();
    long repeats = posts.stream().filter(f -> f.result().statusCode() == 200
        && f.result().bodyAsJsonObject().getBoolean("duplicate")).count();
    assertEquals(1, created, "exactly one post creates the message");
    assertEquals(49, repeats, "the others are answered as repeats, not errors");
    assertEquals(1, count("select count(*) from messages where provider_message_id = 'dup-1'"));
    assertEquals(1, count("select count(*) from contact_identities where value = 'erp-dup'"));
    assertEquals(1, count("select count(*) from contacts where name = 'Cliente Repetido'"));
    assertEquals(1, count("select unread_count from conversations c join contacts ct on ct.id = c.contact_id "
        + "where ct.name = 'Cliente Repetido'"));
  }

  @Test
  @DisplayName("200 different senders posting at once each get one contact and one conversation")
  void concurrentDifferentSendersAreAllStored() {
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      posts.add(admin.postAsync("/api/v1/inboxes/" + API_INBOX + "/messages",
          Api.inboundBody("many-" + i, "erp-many-" + (i % 40), "Cliente " + (i % 40), "mensaje " + i)));
    }
    Future.all(posts).await();
    assertTrue(posts.stream().allMatch(f -> f.result().statusCode() == 201));
    assertEquals(200, count("select count(*) from messages where provider_message_id like 'many-%'"));
    assertEquals(40, count("select count(distinct contact_id) from contact_identities where value like 'erp-many-%'"));
    assertEquals(40, count("select count(*) from conversations c join contact_identities ci on ci.contact_id = c.contact_id "
        + "where ci.value like 'erp-many-%'"));
    assertEquals(200, count("select sum(unread_count) from conversations c join contact_identities ci "
        + "on ci.contact_id = c.contact_id where ci.value like 'erp-many-%'"));
  }

  @Test
  @DisplayName("a new message from a resolved conversation's contact opens a new conversation")
  void resolvedConversationIsNotReused() {
    long first = admin.inbound(API_INBOX, "res-1", "erp-res", "Resuelto", "primera consulta").bodyAsJsonObject()
        .getLong("conversationId");
    assertEquals(200, admin.post("/api/v1/conversations/" + first + "/status",
        new io.vertx.core.json.JsonObject().put("status", "resolved")).statusCode());
    long second = admin.inbound(API_INBOX, "res-2", "erp-res", "Resuelto", "otra consulta").bodyAsJsonObject()
        .getLong("conversationId");
    assertTrue(second != first);
    long again = admin.inbound(API_INBOX, "res-3", "erp-res", "Resuelto", "sigo aquí").bodyAsJsonObject()
        .getLong("conversationId");
    assertEquals(second, again, "an open conversation is joined");
  }
}
