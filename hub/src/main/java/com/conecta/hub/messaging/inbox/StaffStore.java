package com.conecta.hub.messaging.inbox;

import com.conecta.connectors.InboundMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** SQL of the hub's own people as senders: which user a phone number belongs to, and what they wrote. */
public final class StaffStore {
  /** Users' phones are free text ("+56 9 8765 4321"); channels give digits. */
  private static final String STAFF_PHONES = """
      select regexp_replace(phone, '[^0-9]', '', 'g') as digits, min(id) as id from users
      where active and phone is not null group by 1""";
  private static final String RECORD = """
      insert into staff_inbound_messages (user_id, inbox_id, provider_message_id, content_type, text, content)
      values ($1, $2, $3, $4, $5, $6)
      on conflict (inbox_id, provider_message_id) where provider_message_id is not null do nothing
      returning id""";
  private static final String EXISTING = """
      select id from staff_inbound_messages where inbox_id = $1 and provider_message_id = $2""";

  private final Pool pool;

  public StaffStore(Pool pool) {
    this.pool = pool;
  }

  /** Every active user's phone (digits only) → the user (the lowest id when two share one). */
  public Future<java.util.Map<String, Long>> staffPhones() {
    return pool.query(STAFF_PHONES).execute().map(rows -> {
      java.util.Map<String, Long> out = new java.util.HashMap<>();
      rows.forEach(r -> out.put(r.getString("digits"), r.getLong("id")));
      return java.util.Map.copyOf(out);
    });
  }

  /** The stored row's id and whether this delivery stored it (false for a repeat of the same provider id). */
  public record Recorded(long id, boolean created) {}

  public Future<Recorded> record(long userId, long inboxId, InboundMessage m) {
    Tuple args = Tuple.of(userId, inboxId, m.providerMessageId(), m.contentType().wire(), m.text(),
        m.content() == null ? new JsonObject() : m.content());
    return pool.preparedQuery(RECORD).execute(args).compose(rows -> rows.size() > 0
        ? Future.succeededFuture(new Recorded(rows.iterator().next().getLong(0), true))
        : pool.preparedQuery(EXISTING).execute(Tuple.of(inboxId, m.providerMessageId()))
            .map(again -> new Recorded(again.iterator().next().getLong(0), false)));
  }
}
