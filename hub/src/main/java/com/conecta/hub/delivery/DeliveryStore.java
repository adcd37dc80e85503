package com.conecta.hub.delivery;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/** SQL for delivery receipts and the status they give a message. */
public final class DeliveryStore {
  private static final String RECORD = """
      insert into delivery_receipts (inbox_id, provider_message_id, status, rank, error_code, error_title, occurred_at)
      values ($1, $2, $3, conecta_status_rank($3), $4, $5, $6)
      on conflict (inbox_id, provider_message_id, status) do nothing returning id""";
  /** Moves the message to its furthest receipt, never backwards. */
  private static final String ADVANCE = """
      update messages m set status = r.status, error_code = coalesce(r.error_code, m.error_code),
             error_title = coalesce(r.error_title, m.error_title)
      from (select status, error_code, error_title from delivery_receipts
            where inbox_id = $1 and provider_message_id = $2 order by rank desc limit 1) r
      where m.inbox_id = $1 and m.provider_message_id = $2
        and conecta_status_rank(m.status) < conecta_status_rank(r.status)
      returning m.id, m.conversation_id, m.status, m.error_code, m.error_title""";

  /**
   * A receipt carrying a send's idempotency key (WhatsApp's biz_opaque_callback_data) proves the provider took it:
   * an outbox row still waiting (its answer was lost: time-out, or its node died before writing it) is closed as
   * sent with the provider's id, so it is not sent a second time.
   */
  private static final String RECONCILE = """
      with o as (update outbox set status = 'sent', sent_at = coalesce(sent_at, now()), claimed_by = null,
                        last_error = 'closed from the provider''s receipt'
                 where idempotency_key = $2 and inbox_id = $1 and status in ('pending', 'sending') returning message_id)
      update messages m set provider_message_id = $3,
             status = case when m.status is null or m.status = 'queued' then 'sent' else m.status end
      from o where m.id = o.message_id and m.provider_message_id is null returning m.id""";

  private final Pool pool;

  public DeliveryStore(Pool pool) {
    this.pool = pool;
  }

  /** True when this receipt is new (false for a repeat). */
  public Future<Boolean> record(long inboxId, String providerId, String status, String errorCode, String errorTitle,
      OffsetDateTime at) {
    return pool.preparedQuery(RECORD).execute(Tuple.tuple().addLong(inboxId).addString(providerId).addString(status)
        .addString(errorCode).addString(errorTitle).addOffsetDateTime(at)).map(rows -> rows.size() > 0);
  }

  public record Advanced(long messageId, long conversationId, String status, String errorCode, String errorTitle) {}

  /** Applies the receipts of a message; null when nothing changed (or the message is not known yet). */
  public Future<Advanced> advance(SqlClient client, long inboxId, String providerId) {
    return client.preparedQuery(ADVANCE).execute(Tuple.of(inboxId, providerId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Advanced(r.getLong("id"), r.getLong("conversation_id"), r.getString("status"),
          r.getString("error_code"), r.getString("error_title"));
    });
  }

  /** True when a waiting send was closed by this receipt. */
  public Future<Boolean> reconcile(long inboxId, String idempotencyKey, String providerId) {
    return pool.preparedQuery(RECONCILE).execute(Tuple.of(inboxId, idempotencyKey, providerId)).map(rows -> rows.size() > 0);
  }

  public Pool pool() {
    return pool;
  }
}
