package com.conecta.hub.messaging.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.hub.foundation.sandbox.DemoSeeder;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A reply whose send failed never counts as the conversation's first reply")
class FailedReplyIsNoReplyTest extends HubTestBase {
  private static final String SECRET = "failed-reply-secret";

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("whatsapp.app-secret", SECRET);
  }

  @Test
  @DisplayName("WhatsApp reports the agent's reply failed: the conversation is unanswered again (firstReplyAt null), for the list and the reports")
  void providerFailure() throws InterruptedException {
    WhatsAppCustomer carmen = new WhatsAppCustomer(vertx, SECRET, DemoSeeder.SALES_PHONE_NUMBER_ID, "56977500001", "Carmen Lagos");
    carmen.text(hub.port(), "¿Tienen paneles solares?");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from contact_identities where value = '56977500001'") == 1));
    long conversation = count("select c.id from conversations c join contact_identities i on i.contact_id = c.contact_id "
        + "where i.value = '56977500001'");
    var reply = admin.post("/api/v1/conversations/" + conversation + "/messages", new JsonObject().put("text", "Sí, ¿para qué potencia?"));
    assertEquals(201, reply.statusCode(), reply.bodyAsString());
    long message = reply.bodyAsJsonObject().getLong("id");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from messages where id = " + message
        + " and provider_message_id is not null") == 1), "the reply went to the provider");
    assertEquals(1, count("select count(*) from conversations where id = " + conversation + " and first_reply_at is not null"));
    String wamid = sql.query("select provider_message_id from messages where id = " + message).execute().await()
        .iterator().next().getString(0);

    carmen.post(hub.port(), WhatsAppPayloads.status(DemoSeeder.SALES_PHONE_NUMBER_ID, wamid, "56977500001", "failed",
        131026, "Message undeliverable"));
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from messages where id = " + message
        + " and status = 'failed'") == 1), "the failure is recorded");
    assertNull(admin.get("/api/v1/conversations/" + conversation).bodyAsJsonObject().getString("firstReplyAt"),
        "not answered: the customer is still waiting");
  }
}
