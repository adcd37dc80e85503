package com.conecta.hub.marketing.satisfaction;

import com.conecta.hub.messaging.outbound.Outbound;
import com.conecta.hub.messaging.outbound.OutboundStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL of the after-sale survey: what is due, asking once (the source is the key), and storing the answer. */
public record SatisfactionStore(Pool pool, OutboundStore outbound) {
  private static final String REACHABLE = """
      exists (select 1 from contact_identities ci where ci.contact_id = ct.id and ci.kind in ('whatsapp', 'whatsapp_bsuid'))
      and not ct.do_not_contact and ct.merged_into_id is null""";
  private static final String DUE_ORDERS = """
      select o.id, ct.id as contact_id, coalesce(ct.name, 'cliente') as name, coalesce(ct.locale, 'es') as locale,
             null::bigint as agent_id, null::bigint as conversation_id
      from orders o join contacts ct on ct.id = o.contact_id
      where o.status = 'delivered' and o.updated_at > now() - ($1 || ' days')::interval
        and o.updated_at <= now() - ($2 || ' minutes')::interval and %s
        and not exists (select 1 from satisfaction_surveys s where s.source_type = 'order' and s.source_id = o.id)
      order by o.id limit 200""".formatted(REACHABLE);
  private static final String DUE_TICKETS = """
      select t.id, ct.id as contact_id, coalesce(ct.name, 'cliente') as name, coalesce(ct.locale, 'es') as locale,
             coalesce(t.assignee_id, c.assignee_id) as agent_id, t.conversation_id
      from tickets t join contacts ct on ct.id = t.contact_id left join conversations c on c.id = t.conversation_id
      where t.status = 'resolved' and t.updated_at > now() - ($1 || ' days')::interval
        and t.updated_at <= now() - ($2 || ' minutes')::interval and %s
        and not exists (select 1 from satisfaction_surveys s where s.source_type = 'ticket' and s.source_id = t.id)
      order by t.id limit 200""".formatted(REACHABLE);
  /** The idempotency key: one survey per order or ticket, whichever node gets there first. */
  private static final String CLAIM = """
      insert into satisfaction_surveys (source_type, source_id, contact_id, agent_id, language, answer_until)
      values ($1, $2, $3, $4, $5, now() + ($6 || ' hours')::interval)
      on conflict (source_type, source_id) do nothing returning id""";
  private static final String INBOX_OF_CONVERSATION = """
      select i.id, i.team_id from conversations c join inboxes i on i.id = c.inbox_id
      where c.id = $1 and i.channel = 'whatsapp'""";
  private static final String WHATSAPP_INBOX_BY_ACCOUNT = """
      select id, team_id from inboxes where channel = 'whatsapp' and channel_account_id = $1""";
  private static final String FIRST_WHATSAPP_INBOX = "select id, team_id from inboxes where channel = 'whatsapp' order by id limit 1";
  private static final String ASKED = """
      update satisfaction_surveys set conversation_id = $2, inbox_id = $3, team_id = $4, channel = 'whatsapp',
             message_id = $5, agent_id = coalesce(agent_id, $6) where id = $1""";
  /** The survey a message in this conversation may answer: asked before it, still within the answer window. */
  private static final String OPEN_FOR = """
      select s.id, s.language, coalesce(ct.name, 'cliente') as name from satisfaction_surveys s
      join contacts ct on ct.id = s.contact_id
      where s.conversation_id = $1 and s.answered_at is null and s.answer_until > now() and s.message_id < $2
      order by s.id desc limit 1""";
  private static final String ANSWER = """
      with s as (update satisfaction_surveys set answered_at = now() where id = $1 and answered_at is null
                 returning id, conversation_id, contact_id, agent_id, team_id, inbox_id, channel, source_type, source_id)
      insert into satisfaction_responses (survey_id, conversation_id, contact_id, agent_id, team_id, inbox_id, channel,
             score, source_order_id, source_ticket_id, message_id, review_requested)
      select s.id, s.conversation_id, s.contact_id, s.agent_id, s.team_id, s.inbox_id, s.channel, $2,
             case when s.source_type = 'order' then s.source_id end, case when s.source_type = 'ticket' then s.source_id end,
             $3, $4
      from s returning id""";
  private static final String LIST = """
      select r.id, r.survey_id, r.conversation_id, r.contact_id, ct.name as contact_name, r.agent_id, u.name as agent_name,
             r.team_id, r.inbox_id, r.channel, r.score, r.source_order_id, r.source_ticket_id, r.review_requested,
             r.created_at
      from satisfaction_responses r join contacts ct on ct.id = r.contact_id left join users u on u.id = r.agent_id
      where ($1::bigint is null or r.id < $1) and ($2::bigint is null or r.agent_id = $2)
        and ($3::bigint is null or r.team_id = $3)
      order by r.id desc limit $4""";
  private static final String SUMMARY = """
      select count(*) as answers, round(avg(score)::numeric, 2) as average from satisfaction_responses
      where ($1::bigint is null or agent_id = $1) and ($2::bigint is null or team_id = $2)""";

  public SatisfactionStore(Pool pool) {
    this(pool, new OutboundStore());
  }

  /** An order delivered or a ticket resolved whose customer has not been asked yet. */
  public record Due(String sourceType, long sourceId, long contactId, String name, String language, Long agentId,
      Long conversationId) {}

  public record Asking(long inboxId, Long teamId) {}

  public record Open(long surveyId, String language, String name) {}

  public Future<List<Due>> due(String sourceType, int lookbackDays, int delayMinutes) {
    String sql = "order".equals(sourceType) ? DUE_ORDERS : DUE_TICKETS;
    return pool.preparedQuery(sql).execute(Tuple.of(String.valueOf(lookbackDays), String.valueOf(delayMinutes)))
        .map(rows -> {
      List<Due> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Due(sourceType, r.getLong("id"), r.getLong("contact_id"), r.getString("name"), r.getString("locale"),
            r.getLong("agent_id"), r.getLong("conversation_id")));
      }
      return out;
    });
  }

  public Future<Long> claim(SqlConnection conn, Due d, int answerWindowHours) {
    return conn.preparedQuery(CLAIM).execute(Tuple.of(d.sourceType(), d.sourceId(), d.contactId(), d.agentId(),
            d.language(), String.valueOf(answerWindowHours)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** The ticket's own WhatsApp inbox when it has one, else the configured (or first) WhatsApp inbox. */
  public Future<Asking> inboxFor(SqlConnection conn, Long conversationId, String phoneNumberId) {
    Future<io.vertx.sqlclient.RowSet<Row>> own = conversationId == null ? Future.succeededFuture(null)
        : conn.preparedQuery(INBOX_OF_CONVERSATION).execute(Tuple.of(conversationId));
    return own.compose(rows -> rows != null && rows.size() > 0 ? Future.succeededFuture(rows)
            : phoneNumberId == null || phoneNumberId.isBlank() ? conn.query(FIRST_WHATSAPP_INBOX).execute()
            : conn.preparedQuery(WHATSAPP_INBOX_BY_ACCOUNT).execute(Tuple.of(phoneNumberId)))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Asking(r.getLong("id"), r.getLong("team_id"));
        });
  }

  /** Writes a WhatsApp message and its outbox row (none when its key was used already). */
  public Future<OutboundStore.Queued> send(SqlConnection conn, long inboxId, long contactId, Long teamId,
      String contentType, String text, JsonObject content, String idempotencyKey) {
    return outbound.queue(conn, Outbound.fromBot(inboxId, contactId, teamId, "whatsapp", contentType, text, content,
        idempotencyKey).ignoringRepeats());
  }

  public Future<Void> asked(SqlConnection conn, long surveyId, long conversationId, long inboxId, Long teamId,
      long messageId, Long assigneeId) {
    return conn.preparedQuery(ASKED).execute(Tuple.of(surveyId, conversationId, inboxId, teamId, messageId, assigneeId))
        .mapEmpty();
  }

  public Future<Open> openFor(long conversationId, long messageId) {
    return pool.preparedQuery(OPEN_FOR).execute(Tuple.of(conversationId, messageId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Open(r.getLong("id"), r.getString("language"), r.getString("name"));
    });
  }

  /** Stores the answer once; null when the survey was answered meanwhile (a concurrent message won). */
  public Future<Long> answer(SqlConnection conn, long surveyId, int score, long messageId, boolean reviewRequested) {
    return conn.preparedQuery(ANSWER).execute(Tuple.of(surveyId, score, messageId, reviewRequested))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public Future<List<JsonObject>> list(Long beforeId, Long agentId, Long teamId, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(beforeId, agentId, teamId, limit)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        OffsetDateTime at = r.getOffsetDateTime("created_at");
        out.add(new JsonObject().put("id", r.getLong("id")).put("surveyId", r.getLong("survey_id"))
            .put("conversationId", r.getLong("conversation_id")).put("contactId", r.getLong("contact_id"))
            .put("contactName", r.getString("contact_name")).put("agentId", r.getLong("agent_id"))
            .put("agentName", r.getString("agent_name")).put("teamId", r.getLong("team_id"))
            .put("inboxId", r.getLong("inbox_id")).put("channel", r.getString("channel"))
            .put("score", r.getInteger("score")).put("orderId", r.getLong("source_order_id"))
            .put("ticketId", r.getLong("source_ticket_id")).put("reviewRequested", r.getBoolean("review_requested"))
            .put("createdAt", at.toString()));
      }
      return out;
    });
  }

  public Future<JsonObject> summary(Long agentId, Long teamId) {
    return pool.preparedQuery(SUMMARY).execute(Tuple.of(agentId, teamId)).map(rows -> {
      Row r = rows.iterator().next();
      Object avg = r.getValue("average");
      return new JsonObject().put("answers", r.getLong("answers"))
          .put("average", avg == null ? null : Double.valueOf(avg.toString()));
    });
  }
}
