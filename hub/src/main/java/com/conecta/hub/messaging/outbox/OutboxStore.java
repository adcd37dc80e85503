package com.conecta.hub.messaging.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL of the outbox: claiming due sends across nodes, and closing them. Runs on the queue pool, which plans each
 * statement for the outbox as it is now (see {@code Database.queuePool}).
 */
public final class OutboxStore {
  /**
   * Only the oldest unsent message of a conversation is claimable, so that messages leave in order. The due rows are
   * read through outbox_due (a few thousand in a large campaign), and each costs one probe of
   * outbox_conversation_unsent for an older unsent message of its conversation, instead of ordering every unsent row
   * of the outbox by conversation as before (measured on 2,400 due rows: 5 ms).
   */
  private static final String CLAIM = """
      with due as (
        select o.id from outbox o
        where o.status = 'pending' and o.next_attempt_at <= now()
          and not exists (select 1 from outbox older where older.conversation_id = o.conversation_id
                            and older.status in ('pending', 'sending') and older.id < o.id)
          and (o.campaign_id is null
               or exists (select 1 from campaigns c where c.id = o.campaign_id and c.status = 'running'))
        order by o.next_attempt_at, o.id
        limit $2
        for update of o skip locked),
      claimed as (
      update outbox o set status = 'sending', claimed_by = $1, claimed_until = now() + ($3 || ' milliseconds')::interval,
             attempts = o.attempts + 1
      from due where o.id = due.id
      returning o.id, o.message_id, o.inbox_id, o.conversation_id, o.channel, o.idempotency_key, o.attempts,
                o.campaign_id)
      -- What the sender needs comes back with the claim: one statement per batch, not one more per message.
      select cl.*, m.id as found_message_id, m.content_type, m.text, m.attachments, m.content, m.reply_to_provider_id,
             c.contact_id,
             array(select ci.kind || ':' || ci.value from contact_identities ci where ci.contact_id = c.contact_id
                   order by ci.id) as identities
      from claimed cl left join messages m on m.id = cl.message_id left join conversations c on c.id = m.conversation_id""";
  /**
   * Marks sends done, many in one statement (one commit for a node's last few milliseconds of sends instead of one
   * each). Rows are locked in id order, so concurrent batches never deadlock; the lease renewal skips what is locked
   * here.
   */
  private static final String SENT = """
      with i as (select * from unnest($1::bigint[], $2::text[]) as t(outbox_id, provider_id)),
      l as (select ob.id from outbox ob join i on i.outbox_id = ob.id order by ob.id for update of ob),
      o as (update outbox ob set status = 'sent', sent_at = coalesce(ob.sent_at, now()), claimed_by = null, last_error = null
            from l join i on i.outbox_id = l.id where ob.id = l.id returning ob.id, ob.message_id, i.provider_id)
      update messages m set provider_message_id = coalesce(o.provider_id, m.provider_message_id),
             status = case when m.status is null or m.status = 'queued' then 'sent' else m.status end
      from o where m.id = o.message_id returning o.id as outbox_id, m.id, m.conversation_id, m.inbox_id""";
  private static final String RETRY = """
      update outbox set status = 'pending', claimed_by = null, next_attempt_at = now() + ($2 || ' milliseconds')::interval,
             last_error = $3 where id = $1 and status = 'sending' and claimed_by = $4""";
  /**
   * The provider may or may not have taken it (no answer): back to the queue, but only after the time its status
   * webhook needs to arrive and close the row instead (see DeliveryStore's reconcile).
   */
  private static final String IN_DOUBT = """
      update outbox set status = 'pending', claimed_by = null, in_doubt_since = coalesce(in_doubt_since, now()),
             in_doubt_count = in_doubt_count + 1,
             next_attempt_at = now() + ($2 || ' milliseconds')::interval, last_error = $3
      where id = $1 and status = 'sending' and claimed_by = $4""";
  /**
   * A reply that never left is no reply: the conversation's first reply becomes the earliest agent message that did
   * not fail (none: unanswered again), so reports and the first-response alarm do not count it.
   */
  private static final String FAILED = """
      with o as (update outbox set status = 'failed', claimed_by = null, last_error = $3
                 where id = $1 and status = 'sending' and claimed_by = $4 returning message_id),
      f as (update messages m set status = 'failed', error_code = $2, error_title = $3
            from o where m.id = o.message_id returning m.id, m.conversation_id, m.inbox_id),
      r as (update conversations c set first_reply_at = (
              select min(m2.sent_at) from messages m2
              where m2.conversation_id = c.id and m2.direction = 'out' and m2.sender_kind = 'agent' and not m2.private
                and m2.status is distinct from 'failed' and m2.id not in (select f.id from f))
            from f where c.id = f.conversation_id and c.first_reply_at is not null)
      select id, conversation_id, inbox_id from f""";
  /** Back to the queue untouched: not an attempt (rate limit ahead, or its campaign paused). */
  private static final String DEFER = """
      update outbox set status = 'pending', claimed_by = null, attempts = greatest(attempts - 1, 0),
             next_attempt_at = now() + ($2 || ' milliseconds')::interval
      where id = $1 and status = 'sending' and claimed_by = $3""";
  private static final String CAMPAIGN_RUNNING = "select status = 'running' from campaigns where id = $1";
  /** A claim whose node stopped renewing it: that node may have sent it just before dying, so it is in doubt. */
  private static final String RELEASE_STALE = """
      update outbox set status = 'pending', claimed_by = null, in_doubt_since = coalesce(in_doubt_since, now()),
             in_doubt_count = in_doubt_count + 1, next_attempt_at = now() + ($1 || ' milliseconds')::interval
      where status = 'sending' and claimed_until < now()""";
  /**
   * Renews only the claims past a third of their lease (renewal runs every third, so each is renewed with a third
   * still to run): the rows of a campaign at full speed are sent within a second and never need it, and a renewal of
   * hundreds of rows would hold their locks while the batch marks wait. Skips rows locked by someone else: those are
   * being closed by this node right now and need no renewal; any missed row is renewed next time.
   */
  private static final String RENEW = """
      with l as (select id from outbox
                 where status = 'sending' and claimed_by = $1
                   and claimed_until < now() + ($3 || ' milliseconds')::interval
                 order by id for update skip locked)
      update outbox o set claimed_until = now() + ($2 || ' milliseconds')::interval
      from l where o.id = l.id and o.status = 'sending' and o.claimed_by = $1""";
  /** On a clean stop: rows never handed to the provider go back as they were; rows in flight ($2) are in doubt. */
  private static final String RELEASE_MINE = """
      update outbox set status = 'pending', claimed_by = null,
             attempts = case when id = any($2) then attempts else greatest(attempts - 1, 0) end,
             in_doubt_since = case when id = any($2) then coalesce(in_doubt_since, now()) else in_doubt_since end,
             in_doubt_count = case when id = any($2) then in_doubt_count + 1 else in_doubt_count end,
             next_attempt_at = case when id = any($2) then now() + ($3 || ' milliseconds')::interval else now() end
      where status = 'sending' and claimed_by = $1""";

  private final Pool pool;

  public OutboxStore(Pool pool) {
    this.pool = pool;
  }

  /** A claimed send, with what it sends ({@code details} is null when its message no longer exists). */
  public record Claimed(long id, long messageId, long inboxId, long conversationId, String channel,
      String idempotencyKey, int attempts, Long campaignId, Details details) {}

  public record Details(long messageId, String contentType, String text, JsonArray attachments, JsonObject content,
      String replyToProviderId, long contactId, List<String> identities) {}

  public Future<List<Claimed>> claim(String nodeId, int limit, long leaseMillis) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(nodeId, limit, String.valueOf(leaseMillis))).map(rows -> {
      List<Claimed> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Claimed(r.getLong("id"), r.getLong("message_id"), r.getLong("inbox_id"),
            r.getLong("conversation_id"), r.getString("channel"), r.getString("idempotency_key"),
            r.getInteger("attempts"), r.getLong("campaign_id"), r.getLong("found_message_id") == null ? null : details(r)));
      }
      return out;
    });
  }

  private static Details details(Row r) {
    Object a = r.getValue("attachments");
    Object c = r.getValue("content");
    return new Details(r.getLong("message_id"), r.getString("content_type"), r.getString("text"),
        a instanceof JsonArray ja ? ja : new JsonArray(), c instanceof JsonObject jo ? jo : new JsonObject(),
        r.getString("reply_to_provider_id"), r.getLong("contact_id"), Arrays.asList(r.getArrayOfStrings("identities")));
  }

  /** Marks sends done; answers [messageId, conversationId, inboxId] for each outbox id found, for the events. */
  public Future<Map<Long, long[]>> sent(List<Long> outboxIds, List<String> providerMessageIds) {
    return pool.preparedQuery(SENT).execute(Tuple.tuple().addArrayOfLong(outboxIds.toArray(new Long[0]))
        .addArrayOfString(providerMessageIds.toArray(new String[0]))).map(rows -> {
          Map<Long, long[]> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong("outbox_id"), new long[] {r.getLong("id"), r.getLong("conversation_id"),
              r.getLong("inbox_id")}));
          return out;
        });
  }

  // The writes below change a row only while this node's claim holds: once released (its lease ran out) or closed
  // from a receipt, the row is no longer this node's to put back.

  public Future<Void> retry(long outboxId, long afterMillis, String error, String nodeId) {
    return pool.preparedQuery(RETRY).execute(Tuple.of(outboxId, String.valueOf(afterMillis), error, nodeId)).mapEmpty();
  }

  public Future<long[]> failed(long outboxId, String code, String title, String nodeId) {
    return pool.preparedQuery(FAILED).execute(Tuple.of(outboxId, code, title, nodeId)).map(OutboxStore::ids);
  }

  public Future<Void> defer(long outboxId, long afterMillis, String nodeId) {
    return pool.preparedQuery(DEFER).execute(Tuple.of(outboxId, String.valueOf(afterMillis), nodeId)).mapEmpty();
  }

  public Future<Boolean> campaignRunning(long campaignId) {
    return pool.preparedQuery(CAMPAIGN_RUNNING).execute(Tuple.of(campaignId))
        .map(rows -> rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }

  public Future<Void> inDoubt(long outboxId, long afterMillis, String error, String nodeId) {
    return pool.preparedQuery(IN_DOUBT).execute(Tuple.of(outboxId, String.valueOf(afterMillis), error, nodeId)).mapEmpty();
  }

  /** Claims of nodes that stopped renewing them go back to the queue, in doubt for {@code inDoubtMillis}. */
  public Future<Integer> releaseStale(long inDoubtMillis) {
    return pool.preparedQuery(RELEASE_STALE).execute(Tuple.of(String.valueOf(inDoubtMillis))).map(rows -> rows.rowCount());
  }

  /** Keeps this node's claims alive: a node that dies stops renewing, and its rows are released after the lease. */
  public Future<Integer> renew(String nodeId, long leaseMillis) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(nodeId, String.valueOf(leaseMillis),
        String.valueOf(leaseMillis * 2 / 3))).map(rows -> rows.rowCount());
  }

  public Future<Integer> releaseMine(String nodeId, List<Long> inFlight, long inDoubtMillis) {
    return pool.preparedQuery(RELEASE_MINE).execute(Tuple.of(nodeId, inFlight.toArray(new Long[0]),
        String.valueOf(inDoubtMillis))).map(rows -> rows.rowCount());
  }

  private static long[] ids(io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new long[] {r.getLong("id"), r.getLong("conversation_id"), r.getLong("inbox_id")};
  }
}
