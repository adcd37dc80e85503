package com.conecta.hub.foundation.privacy;

import com.conecta.hub.foundation.platform.FirstRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for a person's data: everything we hold on one contact, as whole rows (so a new column is exported without a
 * code change), and its erasure.
 */
public record PrivacyStore(Pool pool) {
  private static final String EXPORT = """
      select to_jsonb(c) as contact,
        (select coalesce(jsonb_agg(to_jsonb(i) order by i.id), '[]') from contact_identities i where i.contact_id = c.id)
          as identities,
        (select coalesce(jsonb_agg(to_jsonb(cv) || jsonb_build_object('messages',
            (select coalesce(jsonb_agg(to_jsonb(m) order by m.id), '[]') from messages m where m.conversation_id = cv.id))
          order by cv.id), '[]') from conversations cv where cv.contact_id = c.id) as conversations,
        (select coalesce(jsonb_agg(to_jsonb(l) order by l.id), '[]') from leads l where l.contact_id = c.id) as leads,
        (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]') from tickets t where t.contact_id = c.id) as tickets,
        (select coalesce(jsonb_agg(to_jsonb(a) order by a.id), '[]') from activities a where a.contact_id = c.id)
          as activities,
        (select coalesce(jsonb_agg(to_jsonb(i) order by i.id), '[]') from invoices i where i.contact_id = c.id) as invoices,
        (select coalesce(jsonb_agg(to_jsonb(o) order by o.id), '[]') from orders o where o.contact_id = c.id) as orders,
        (select coalesce(jsonb_agg(jsonb_build_object('campaignId', r.campaign_id, 'campaign', k.name,
            'status', r.status, 'repliedAt', r.replied_at) order by r.id), '[]')
          from campaign_recipients r join campaigns k on k.id = r.campaign_id where r.contact_id = c.id) as campaigns
      from contacts c where c.id = $1""";
  private static final String LOCK = "select erased_at from contacts where id = $1 for update";
  private static final String CONVERSATIONS = "select id from conversations where contact_id = $1";
  private static final String MEDIA_KEYS = """
      select distinct a ->> 'storageKey' as key from messages m, jsonb_array_elements(m.attachments) a
      where m.conversation_id = any($1) and a ->> 'storageKey' is not null""";
  private static final String COUNTS = """
      select (select count(*) from messages where conversation_id = any($1)) as messages,
             (select count(*) from leads where contact_id = $2) as leads,
             (select count(*) from tickets where contact_id = $2) as tickets""";
  /** Row counts stay for reports; whatever a person wrote or could be recognised by goes. */
  private static final List<String> ERASE_BY_CONVERSATIONS = List.of(
      "update messages set text = null, attachments = '[]', content = '{}', reply_to_provider_id = null,"
          + " error_title = null where conversation_id = any($1)",
      "update conversations set last_message_preview = null, labels = '{}', snoozed_until = null,"
          + " status = 'resolved', resolved_at = coalesce(resolved_at, now()) where id = any($1)",
      "delete from bot_sessions where conversation_id = any($1)",
      "update outbox set status = 'cancelled', last_error = 'contact erased' where conversation_id = any($1)"
          + " and status = 'pending'");
  private static final String DELETE_MEDIA = "delete from media_files where key = any($1::text[])";
  private static final List<String> ERASE_BY_CONTACT = List.of(
      "delete from contact_identities where contact_id = $1",
      "update leads set title = null, answers = '{}', custom_attributes = '{}', lost_reason = null where contact_id = $1",
      "update tickets set subject = '-', description = null, custom_attributes = '{}' where contact_id = $1",
      "update activities set title = '-', notes = null where contact_id = $1",
      // Notices to users about this person's conversations and records quote them (names, messages): the bodies go,
      // and those not yet sent are not sent. Runs before the records it looks through are changed further.
      """
      update notifications set subject = null, body = '-', html_body = null, payload = '{}',
             last_error = case when status = 'pending' then 'contact erased' else last_error end,
             status = case when status = 'pending' then 'failed' else status end
       where (payload->>'conversationId')::bigint in (select id from conversations where contact_id = $1)
          or (payload->>'activityId')::bigint in (select id from activities where contact_id = $1)
          or (payload->>'ticketId')::bigint in (select id from tickets where contact_id = $1)
          or (payload->>'quoteId')::bigint in (select id from quotes where contact_id = $1)
          or (payload->>'serviceRequestId')::bigint in (select id from service_requests where contact_id = $1)""",
      "update contacts set name = null, phone = null, email = null, city = null, locale = null,"
          + " custom_attributes = '{}', do_not_contact = true, erased_at = now(), updated_at = now() where id = $1");

  /** Everything held on the contact, or null when there is no such contact. */
  public Future<JsonObject> export(long contactId) {
    return pool.preparedQuery(EXPORT).execute(Tuple.of(contactId)).map(rows -> FirstRow.orNull(rows, r -> {
      JsonObject out = new JsonObject();
      for (String column : List.of("contact", "identities", "conversations", "leads", "tickets", "activities",
          "invoices", "orders", "campaigns")) {
        out.put(column, r.getJson(column));
      }
      return out;
    }));
  }

  /** What the erasure did: the media keys whose bytes must go too, and the anonymous counts that stay. */
  public record Erased(boolean alreadyErased, List<String> mediaKeys, long conversations, long messages, long leads,
      long tickets) {}

  /** Erases the contact within the caller's transaction; null when there is no such contact. */
  public Future<Erased> erase(SqlConnection conn, long contactId) {
    return conn.preparedQuery(LOCK).execute(Tuple.of(contactId)).compose(locked -> {
      if (locked.size() == 0) {
        return Future.succeededFuture(null);
      }
      boolean already = locked.iterator().next().getOffsetDateTime("erased_at") != null;
      return conn.preparedQuery(CONVERSATIONS).execute(Tuple.of(contactId)).compose(convRows -> {
        List<Long> ids = new ArrayList<>();
        convRows.forEach(r -> ids.add(r.getLong("id")));
        Long[] conversations = ids.toArray(Long[]::new);
        return conn.preparedQuery(MEDIA_KEYS).execute(Tuple.of(conversations)).compose(keyRows -> {
          List<String> keys = new ArrayList<>();
          keyRows.forEach(r -> keys.add(r.getString("key")));
          return conn.preparedQuery(COUNTS).execute(Tuple.of(conversations, contactId)).compose(countRows -> {
            Row c = countRows.iterator().next();
            Future<Void> chain = conn.preparedQuery(DELETE_MEDIA).execute(Tuple.of(keys.toArray(String[]::new))).mapEmpty();
            for (String sql : ERASE_BY_CONVERSATIONS) {
              chain = chain.compose(v -> conn.preparedQuery(sql).execute(Tuple.of(conversations)).mapEmpty());
            }
            for (String sql : ERASE_BY_CONTACT) {
              chain = chain.compose(v -> conn.preparedQuery(sql).execute(Tuple.of(contactId)).mapEmpty());
            }
            return chain.map(v -> new Erased(already, keys, ids.size(), c.getLong("messages"), c.getLong("leads"),
                c.getLong("tickets")));
          });
        });
      });
    });
  }
}
