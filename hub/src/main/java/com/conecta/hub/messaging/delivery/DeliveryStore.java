package com.conecta.hub.messaging.delivery;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL for delivery receipts and the status they give a message. */
public final class DeliveryStore {
  private static final String RECORD = """
      insert into delivery_receipts (inbox_id, provider_message_id, status, rank, error_code, error_title, occurred_at)
      values ($1, $2, $3, conecta_status_rank($3), $4, $5, $6)
      on conflict (inbox_id, provider_message_id, status) do nothing returning id""";
  /**
   * Moves each message to its furthest receipt, never backwards (one message per receipt, many after a batch of
   * sends). An agent reply the provider reports failed is no reply: its conversation's first reply becomes the
   * earliest one that did not fail (none: unanswered again).
   */
  private static final String ADVANCE = """
      with moved as (
        update messages m set status = r.status, error_code = coalesce(r.error_code, m.error_code),
               error_title = coalesce(r.error_title, m.error_title)
        from (select distinct on (d.inbox_id, d.provider_message_id) d.inbox_id, d.provider_message_id, d.status,
                     d.error_code, d.error_title
              from unnest($1::bigint[], $2::text[]) as u(inbox_id, provider_id)
              join delivery_receipts d on d.inbox_id = u.inbox_id and d.provider_message_id = u.provider_id
              order by d.inbox_id, d.provider_message_id, d.rank desc) r
        where m.inbox_id = r.inbox_id and m.provider_message_id = r.provider_message_id
          and conecta_status_rank(m.status) < conecta_status_rank(r.status)
        returning m.id, m.inbox_id, m.conversation_id, m.status, m.error_code, m.error_title),
      unanswered as (
        update conversations c set first_reply_at = (
          select min(m2.sent_at) from messages m2
          where m2.conversation_id = c.id and m2.direction = 'out' and m2.sender_kind = 'agent' and not m2.private
            and m2.status is distinct from 'failed' and m2.id not in (select f.id from moved f where f.status = 'failed'))
        where c.first_reply_at is not null
          and c.id in (select f.conversation_id from moved f where f.status = 'failed'))
      select id, inbox_id, conversation_id, status, error_code, error_title from moved""";

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

  public record Advanced(long messageId, long inboxId, long conversationId, String status, String errorCode, String errorTitle) {}

  /** Applies the receipts of these messages (by inbox and provider id); answers the ones that changed. */
  public Future<List<Advanced>> advance(SqlClient client, List<Long> inboxIds, List<String> providerIds) {
    return client.preparedQuery(ADVANCE).execute(Tuple.tuple().addArrayOfLong(inboxIds.toArray(new Long[0]))
        .addArrayOfString(providerIds.toArray(new String[0]))).map(rows -> {
          List<Advanced> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Advanced(r.getLong("id"), r.getLong("inbox_id"), r.getLong("conversation_id"),
              r.getString("status"), r.getString("error_code"), r.getString("error_title"))));
          return out;
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
