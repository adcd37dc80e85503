package com.conecta.hub.marketing.campaign;

import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.outbound.Reply;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** Marks a contact do-not-contact and confirms it once, in the contact's language. */
public record OptOuts(Pool pool, ConversationStore conversations, RealtimeBroker broker) {
  private static final String MARK = """
      update contacts set do_not_contact = true, opted_out_at = now(), updated_at = now()
      where id = $1 and opted_out_at is null returning coalesce(locale, 'es')""";

  /** True when this call opted the contact out (false when they already were). */
  public Future<Boolean> optOut(long contactId, long conversationId, Inbox inbox) {
    return pool.withTransaction(conn -> conn.preparedQuery(MARK).execute(Tuple.of(contactId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture((JsonObject) null);
      }
      String text = "en".equals(rows.iterator().next().getString(0))
          ? "Done: you will not receive promotional messages from us anymore. Write to us whenever you need."
          : "Listo: no le enviaremos más mensajes promocionales. Escríbanos cuando nos necesite.";
      return conversations.send(conn, new Reply(conversationId, inbox.id(), inbox.channel(), "bot", null, "text", text,
          null, new JsonObject().put("optOutConfirmation", true), null, "optout:" + contactId));
    })).map(m -> {
      if (m != null) {
        broker.publish(new HubEvent("message.created", inbox.id(), conversationId, m));
      }
      return m != null;
    });
  }
}
