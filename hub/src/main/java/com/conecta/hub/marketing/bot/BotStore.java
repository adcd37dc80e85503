package com.conecta.hub.marketing.bot;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;

/** SQL for the bot: its session per conversation (locked while a step runs) and what its outcomes create. */
public record BotStore(Pool pool) {
  private static final String OPEN = """
      insert into bot_sessions (conversation_id, flow, state) values ($1, $2, $3) on conflict do nothing""";
  private static final String LOCK = """
      select s.state, s.status, c.assignee_id, ct.name, ct.email, ct.phone, ct.city, ct.do_not_contact
      from bot_sessions s join conversations c on c.id = s.conversation_id join contacts ct on ct.id = c.contact_id
      where s.conversation_id = $1 for update of s""";
  private static final String TAKE_MESSAGE = """
      update bot_sessions set last_message_id = $2
      where conversation_id = $1 and (last_message_id is null or last_message_id < $2)""";
  private static final String SAVE = """
      update bot_sessions set state = $2, status = $3, handoff_reason = coalesce($4, handoff_reason), updated_at = now()
      where conversation_id = $1""";
  /**
   * The lead, and what the bot learned about the person written onto the contact too (a city it did not have, the
   * customer type, a company name), so campaign segments find them (issue 21 item 8).
   */
  private static final String LEAD = """
      with l as (
        insert into leads (contact_id, conversation_id, title, stage, source, interest_area, priority, score, answers,
                           team_id)
        values ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9) returning id, contact_id, answers),
      facts as (
        update contacts ct set city = coalesce(ct.city, nullif(l.answers ->> 'city', '')),
               custom_attributes = coalesce(ct.custom_attributes, '{}'::jsonb) || jsonb_strip_nulls(jsonb_build_object(
                 'customerType', l.answers ->> 'customer_type', 'company', nullif(l.answers ->> 'company', ''))),
               updated_at = now()
        from l where ct.id = l.contact_id)
      select id from l""";
  private static final String TICKET = """
      insert into tickets (contact_id, conversation_id, kind, subject, description, custom_attributes)
      values ($1, $2, $3, $4, $5, $6) returning id""";
  private static final String MARK_OPTED_OUT = """
      update contacts set do_not_contact = true, opted_out_at = coalesce(opted_out_at, now()), updated_at = now()
      where id = $1""";
  private static final String LEAD_OWNER_FROM_CONVERSATION = """
      update leads l set assignee_id = c.assignee_id, updated_at = now() from conversations c
      where l.conversation_id = c.id and c.id = $1 and l.assignee_id is null and c.assignee_id is not null""";
  private static final String CONTACT_OF = "select contact_id from conversations where id = $1";
  /**
   * Conversations that are not a prospect talking: the customer is answering the after-sale survey, a person already
   * wrote to the customer there (V90 ends a running session the same way), or the "contact" is one of the hub's own
   * people (an agent answering a WhatsApp notification).
   */
  private static final String NOT_FOR_THE_BOT = """
      select not exists (select 1 from bot_sessions b where b.conversation_id = $1)
         and (exists (select 1 from satisfaction_surveys s where s.conversation_id = $1 and s.answer_until > now())
              or exists (select 1 from messages m where m.conversation_id = $1 and m.sender_kind = 'agent'
                         and m.direction = 'out' and not m.private)
              or exists (select 1 from conversations c join contacts ct on ct.id = c.contact_id
                         join users u on u.phone is not null
                           and regexp_replace(u.phone, '[^0-9]', '', 'g') = regexp_replace(ct.phone, '[^0-9]', '', 'g')
                         where c.id = $1 and ct.phone is not null))""";
  /**
   * The person a returning customer belongs to, in this order: the owner of an open lead, of an open opportunity, of
   * the account, of the contact, or the last agent who had one of the contact's conversations. Only someone who is
   * active and can see the conversation's inbox (a member of its team, or an admin).
   */
  private static final String KNOWN_OWNER = """
      with c as (select c.id, c.contact_id, coalesce(c.team_id, i.team_id) as team_id, ct.account_id,
                        ct.owner_id as contact_owner
                 from conversations c join inboxes i on i.id = c.inbox_id join contacts ct on ct.id = c.contact_id
                 where c.id = $1),
      owners as (
        select 1 as rank, l.assignee_id as user_id, 'open_lead' as why, l.created_at as at
        from leads l join c on l.contact_id = c.contact_id join lead_stages s on s.key = l.stage
        where s.outcome = 'open' and l.converted_at is null and l.assignee_id is not null
          and l.conversation_id is distinct from c.id
        union all
        select 2, coalesce(lo.assignee_id, o.created_by), 'open_opportunity', o.created_at
        from opportunities o left join leads lo on lo.id = o.lead_id join c
          on o.contact_id = c.contact_id or o.account_id = c.account_id
        where o.status = 'open'
        union all
        select 3, a.owner_id, 'account_owner', a.created_at from accounts a join c on a.id = c.account_id
        union all
        select 4, c.contact_owner, 'contact_owner', now() from c
        union all
        select 5, x.assignee_id, 'last_agent', x.last_activity_at
        from c join conversations x on x.contact_id = c.contact_id and x.id <> c.id and x.assignee_id is not null)
      select u.id, u.name, o.why from owners o join users u on u.id = o.user_id cross join c
      where u.active and u.role in ('agent', 'admin')
        and (u.role = 'admin' or exists (select 1 from team_members m where m.user_id = u.id and m.team_id = c.team_id))
      order by o.rank, o.at desc limit 1""";
  private static final String VISIT_ACTIVITY = """
      insert into activities (kind, title, notes, due_at, contact_id, ticket_id)
      values ('visit', $1, $2, $3, $4, $5) returning id""";
  /** A conversation the bot handed off, with what the agent should read: answers, reason, the bot's last note. */
  private static final String HANDED_OFF = """
      select s.state, s.handoff_reason, coalesce(ct.name, ct.phone, 'cliente') as contact_name,
             u.name as agent_name, u.locale as agent_locale,
             (select m.text from messages m where m.conversation_id = s.conversation_id and m.private
                and m.sender_kind = 'bot' order by m.id desc limit 1) as note
      from bot_sessions s join conversations c on c.id = s.conversation_id join contacts ct on ct.id = c.contact_id
      join users u on u.id = $2
      where s.conversation_id = $1 and s.status = 'handed_off'""";

  /** The locked session with what the hub knows of the customer; null when there is none. */
  public record Session(JsonObject state, String status, Long assigneeId, Map<String, String> known) {}

  /** True when the bot must not start a session in this conversation (see NOT_FOR_THE_BOT). */
  public Future<Boolean> notForTheBot(long conversationId) {
    return pool.preparedQuery(NOT_FOR_THE_BOT).execute(Tuple.of(conversationId))
        .map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }

  /**
   * Creates the session at once, outside the step's transaction, so that assignment's queue sees the bot is busy with
   * the conversation while its first (possibly slow) step runs.
   */
  public Future<Void> open(long conversationId, String flow, JsonObject initial) {
    return pool.preparedQuery(OPEN).execute(Tuple.of(conversationId, flow, initial)).mapEmpty();
  }

  public Future<Session> openAndLock(SqlConnection conn, long conversationId, String flow, JsonObject initial) {
    return conn.preparedQuery(OPEN).execute(Tuple.of(conversationId, flow, initial))
        .compose(v -> conn.preparedQuery(LOCK).execute(Tuple.of(conversationId)))
        .map(rows -> {
          Row r = rows.iterator().next();
          Map<String, String> known = new HashMap<>();
          for (String f : new String[] {"name", "email", "phone", "city"}) {
            if (r.getString(f) != null) {
              known.put(f, r.getString(f));
            }
          }
          return new Session((JsonObject) r.getValue("state"), r.getString("status"), r.getLong("assignee_id"), known);
        });
  }

  /**
   * In the step's transaction, with the session locked: true the first time this message (or a later one) reaches
   * the bot; false when a step for it already committed (its reaction runs again after a crash) — no second answer.
   */
  public Future<Boolean> takeMessage(SqlConnection conn, long conversationId, long messageId) {
    return conn.preparedQuery(TAKE_MESSAGE).execute(Tuple.of(conversationId, messageId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> save(SqlConnection conn, long conversationId, JsonObject state, String status, String reason) {
    return conn.preparedQuery(SAVE).execute(Tuple.of(conversationId, state, status, reason)).mapEmpty();
  }

  public Future<Long> contactOf(SqlConnection conn, long conversationId) {
    return conn.preparedQuery(CONTACT_OF).execute(Tuple.of(conversationId)).map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> lead(SqlConnection conn, long contactId, long conversationId, String title, String source,
      String interestArea, String priority, int score, JsonObject answers, Long teamId) {
    return conn.preparedQuery(LEAD).execute(Tuple.tuple().addLong(contactId).addLong(conversationId).addString(title)
            .addString(source).addString(interestArea).addString(priority).addInteger(score).addValue(answers)
            .addLong(teamId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> ticket(SqlConnection conn, long contactId, long conversationId, String kind, String subject,
      String description, JsonObject answers) {
    return conn.preparedQuery(TICKET).execute(Tuple.tuple().addLong(contactId).addLong(conversationId).addString(kind)
            .addString(subject).addString(description).addValue(answers))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> visitActivity(SqlConnection conn, String title, String notes, java.time.OffsetDateTime dueAt,
      long contactId, Long ticketId) {
    return conn.preparedQuery(VISIT_ACTIVITY).execute(Tuple.tuple().addString(title).addString(notes)
            .addOffsetDateTime(dueAt).addLong(contactId).addLong(ticketId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** What a hand-off notification says; null when the conversation was not handed off by the bot. */
  public record HandedOff(JsonObject state, String reason, String contactName, String agentName, String agentLocale,
      String note) {}

  public Future<HandedOff> handedOff(SqlConnection conn, long conversationId, long agentId) {
    return conn.preparedQuery(HANDED_OFF).execute(Tuple.of(conversationId, agentId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new HandedOff((JsonObject) r.getValue("state"), r.getString("handoff_reason"), r.getString("contact_name"),
          r.getString("agent_name"), r.getString("agent_locale"), r.getString("note"));
    });
  }

  /** Who a returning customer belongs to; why: open_lead, open_opportunity, account_owner, contact_owner, last_agent. */
  public record Owner(long userId, String name, String why) {}

  /** The owner of the conversation's customer (see KNOWN_OWNER), or null for someone new. */
  public Future<Owner> knownOwner(SqlConnection conn, long conversationId) {
    return conn.preparedQuery(KNOWN_OWNER).execute(Tuple.of(conversationId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Owner(r.getLong("id"), r.getString("name"), r.getString("why"));
    });
  }

  public Future<Void> optOut(SqlConnection conn, long contactId) {
    return conn.preparedQuery(MARK_OPTED_OUT).execute(Tuple.of(contactId)).mapEmpty();
  }

  /** After hand-off, the lead belongs to whoever took the conversation. */
  public Future<Void> leadOwnerFromConversation(long conversationId) {
    return pool.preparedQuery(LEAD_OWNER_FROM_CONVERSATION).execute(Tuple.of(conversationId)).mapEmpty();
  }
}
