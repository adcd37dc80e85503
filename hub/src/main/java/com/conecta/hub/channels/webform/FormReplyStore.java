package com.conecta.hub.channels.webform;

import com.conecta.hub.foundation.platform.FirstRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** SQL for answering a web-form lead on WhatsApp or by email: where to send from, and the conversation it goes on. */
public record FormReplyStore(Pool pool) {
  /** The lead's contact details, and the WhatsApp and email inboxes to answer from (the form's team's first). */
  private static final String OPTIONS = """
      select ct.id as contact_id, ct.name, ct.phone, ct.email, ct.locale, c.team_id,
             (select ci.value from contact_identities ci where ci.contact_id = ct.id and ci.kind = 'whatsapp'
               order by ci.id limit 1) as wa_id,
             (select i.id from inboxes i where i.channel = 'whatsapp'
               order by (i.team_id is not distinct from c.team_id) desc, i.id limit 1) as whatsapp_inbox_id,
             (select i.name from inboxes i where i.channel = 'whatsapp'
               order by (i.team_id is not distinct from c.team_id) desc, i.id limit 1) as whatsapp_inbox_name,
             (select i.id from inboxes i where i.channel = 'email'
               order by (i.team_id is not distinct from c.team_id) desc, i.id limit 1) as email_inbox_id,
             (select i.name from inboxes i where i.channel = 'email'
               order by (i.team_id is not distinct from c.team_id) desc, i.id limit 1) as email_inbox_name
      from conversations c join contacts ct on ct.id = c.contact_id
      where c.id = $1""";
  private static final String ADD_IDENTITY = """
      insert into contact_identities (contact_id, kind, value) values ($1, $2, $3) on conflict (kind, value) do nothing""";
  private static final String IDENTITY_OWNER = "select contact_id from contact_identities where kind = $1 and value = $2";
  /** WhatsApp: the contact's one open conversation in that inbox, or a new one given to the agent who writes. */
  private static final String WHATSAPP_CONVERSATION = """
      insert into conversations as c (inbox_id, contact_id, team_id, assignee_id, last_activity_at)
      values ($1, $2, (select team_id from inboxes where id = $1), $3, now())
      on conflict (inbox_id, contact_id) where status <> 'resolved' and thread_key is null
      do update set last_activity_at = now(), assignee_id = coalesce(c.assignee_id, excluded.assignee_id)
      returning c.id, (c.xmax = 0) as created""";
  /** Email: a new thread; the customer's answer finds it again by our Message-ID and reply token. */
  private static final String EMAIL_CONVERSATION = """
      insert into conversations (inbox_id, contact_id, team_id, assignee_id, last_activity_at, thread_key)
      values ($1, $2, (select team_id from inboxes where id = $1), $3, now(), 'thread:' || gen_random_uuid())
      returning id, true as created""";
  private static final String LINK_LEAD = """
      update leads set custom_attributes = custom_attributes || jsonb_build_object($2::text, $3::bigint), updated_at = now()
      where conversation_id = $1""";

  /** What the lead gave and where an answer can go from. */
  public record Options(long contactId, String name, String phone, String email, String locale, String waId,
      Long whatsappInboxId,
      String whatsappInboxName, Long emailInboxId, String emailInboxName) {}

  public Future<Options> options(long conversationId) {
    return pool.preparedQuery(OPTIONS).execute(Tuple.of(conversationId))
        .map(rows -> FirstRow.orNull(rows, r -> new Options(r.getLong("contact_id"), r.getString("name"),
            r.getString("phone"), r.getString("email"), r.getString("locale"), r.getString("wa_id"),
            r.getLong("whatsapp_inbox_id"), r.getString("whatsapp_inbox_name"), r.getLong("email_inbox_id"),
            r.getString("email_inbox_name"))));
  }

  /** Gives the contact this identity; answers whose it is now (another contact's when they wrote on it before). */
  public Future<Long> identity(SqlConnection conn, long contactId, String kind, String value) {
    return conn.preparedQuery(ADD_IDENTITY).execute(Tuple.of(contactId, kind, value))
        .compose(v -> conn.preparedQuery(IDENTITY_OWNER).execute(Tuple.of(kind, value)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The conversation the answer goes on: [id, 1 when it was created now else 0]. */
  public Future<long[]> conversation(SqlConnection conn, String channel, long inboxId, long contactId, long agentId) {
    return conn.preparedQuery("email".equals(channel) ? EMAIL_CONVERSATION : WHATSAPP_CONVERSATION)
        .execute(Tuple.of(inboxId, contactId, agentId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new long[] {r.getLong("id"), r.getBoolean("created") ? 1 : 0};
        });
  }

  /** The lead of the form conversation remembers where it continues (whatsappConversationId / emailConversationId). */
  public Future<Void> linkLead(SqlConnection conn, long formConversationId, String attribute, long conversationId) {
    return conn.preparedQuery(LINK_LEAD).execute(Tuple.of(formConversationId, attribute, conversationId)).mapEmpty();
  }
}
