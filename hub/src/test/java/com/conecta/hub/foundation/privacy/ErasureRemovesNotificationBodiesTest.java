package com.conecta.hub.foundation.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Notices to users (bot hand-offs, ticket and activity reminders, quotes) quote the customer. The rows are written
 * here as those features write them (user, body naming the person, payload pointing at the record), so that the test
 * does not depend on their timers.
 */
@DisplayName("Erasing a contact also erases the notices to users about that person")
class ErasureRemovesNotificationBodiesTest extends HubTestBase {

  private long notice(String status, String body, JsonObject payload) {
    // Due in an hour, so that the delivery worker leaves the pending ones to this test.
    return sql.preparedQuery("insert into notifications (user_id, channel, kind, subject, body, html_body, payload, status,"
            + " next_attempt_at) values (2, 'email', 'test.notice', $1, $1, $2, $3, $4, now() + interval '1 hour')"
            + " returning id")
        .execute(Tuple.of(body, "<p>" + body + "</p>", payload, status)).await().iterator().next().getLong("id");
  }

  private Row row(long id) {
    return sql.preparedQuery("select subject, body, html_body, payload, status, last_error from notifications where id = $1")
        .execute(Tuple.of(id)).await().iterator().next();
  }

  @Test
  @DisplayName("bodies about the person's conversations and tickets go, unsent ones are not sent; others stay as they were")
  void notificationBodiesGo() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String name = "Marta " + tag;
    JsonObject in = admin.post("/api/v1/inboxes/" + API_INBOX + "/messages", new JsonObject().put("sourceId", "er-" + tag)
        .put("text", "hola").put("contact", new JsonObject().put("identifier", "er-" + tag).put("name", name)))
        .bodyAsJsonObject();
    long contact = in.getLong("contactId");
    long ticket = admin.post("/api/v1/tickets", new JsonObject().put("contactId", contact).put("kind", "support")
        .put("subject", "Reclamo de " + name)).bodyAsJsonObject().getLong("id");
    long other = admin.inbound(API_INBOX, "er-other-" + tag, "er-other-" + tag, "Otro " + tag, "hola")
        .bodyAsJsonObject().getLong("conversationId");

    long handoff = notice("pending", name + " pregunta por el precio",
        new JsonObject().put("conversationId", in.getLong("conversationId")));
    long due = notice("sent", "Vence el ticket de " + name, new JsonObject().put("ticketId", ticket));
    long unrelated = notice("pending", "Otro " + tag + " pregunta", new JsonObject().put("conversationId", other));

    assertEquals(200, admin.post("/api/v1/contacts/" + contact + "/erase", new JsonObject()).statusCode());

    Row h = row(handoff);
    assertEquals("-", h.getString("body"));
    assertEquals(null, h.getString("subject"));
    assertEquals(null, h.getString("html_body"));
    assertEquals(new JsonObject(), h.getJsonObject("payload"));
    assertEquals("failed", h.getString("status"), "a notice not yet sent is not sent with an empty body");
    assertEquals("contact erased", h.getString("last_error"));
    Row d = row(due);
    assertEquals("-", d.getString("body"));
    assertEquals("sent", d.getString("status"));
    assertEquals(0, count("select count(*) from notifications where body like '%" + name + "%'"
        + " or subject like '%" + name + "%' or html_body like '%" + name + "%'"));
    Row u = row(unrelated);
    assertEquals("Otro " + tag + " pregunta", u.getString("body"));
    assertEquals("pending", u.getString("status"));
  }
}
