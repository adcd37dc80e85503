package com.conecta.hub.marketing.campaign;

import com.conecta.hub.messaging.outbound.OutboundStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL for campaigns: the audience, the fan-out into the outbox, state changes and the funnel. */
public final class CampaignStore {
  private static final String COLUMNS = """
      c.id, c.name, c.status, c.inbox_id, c.template_name, c.template_language, c.params, c.segment, c.scheduled_at,
      c.time_zone, c.created_by, c.launched_at, c.completed_at, c.created_at, i.channel""";
  private static final String BY_ID = "select " + COLUMNS + " from campaigns c join inboxes i on i.id = c.inbox_id where c.id = $1";
  private static final String LIST = "select " + COLUMNS
      + " from campaigns c join inboxes i on i.id = c.inbox_id where ($1::bigint is null or c.id < $1) order by c.id desc limit $2";
  private static final String INSERT = """
      insert into campaigns (name, inbox_id, template_name, template_language, params, segment, scheduled_at, time_zone,
                             created_by)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id""";
  private static final String SET_STATUS = """
      update campaigns set status = $2, launched_at = case when $2 in ('running', 'scheduled') then coalesce(launched_at, now())
             else launched_at end, scheduled_at = coalesce($4, scheduled_at)
      where id = $1 and status = any($3) returning id""";
  private static final String CANCEL_QUEUED = "update campaign_recipients set status = 'cancelled' where campaign_id = $1 and status = 'queued'";
  private static final String CANCEL_OUTBOX = """
      with o as (update outbox set status = 'cancelled', last_error = 'campaign cancelled'
                 where campaign_id = $1 and status = 'pending' returning message_id)
      update messages m set status = 'failed', error_code = 'cancelled', error_title = 'campaign cancelled'
      from o where m.id = o.message_id""";
  private static final String DUE_SCHEDULED = """
      update campaigns set status = 'running' where status = 'scheduled' and scheduled_at <= now() returning id""";
  private static final String RUNNING = "select id from campaigns where status = 'running' order by id";
  private static final String AHEAD = "select count(*) from outbox where campaign_id = $1 and status in ('pending', 'sending')";
  private static final String COMPLETE = """
      update campaigns set status = 'completed', completed_at = now()
      where id = $1 and status = 'running'
        and not exists (select 1 from campaign_recipients where campaign_id = $1 and status = 'queued')
        and not exists (select 1 from outbox where campaign_id = $1 and status in ('pending', 'sending'))
      returning id""";
  private static final String FUNNEL = """
      select count(*) as total,
             count(*) filter (where r.status = 'queued') as queued,
             count(*) filter (where r.status = 'cancelled') as cancelled,
             count(*) filter (where m.status in ('sent', 'delivered', 'read')) as sent,
             count(*) filter (where m.status in ('delivered', 'read')) as delivered,
             count(*) filter (where m.status = 'read') as read,
             count(*) filter (where m.status = 'failed') as failed,
             count(*) filter (where r.replied_at is not null) as replied
      from campaign_recipients r left join messages m on m.id = r.message_id where r.campaign_id = $1""";
  private static final String ERRORS = """
      select m.error_code, m.error_title, count(*) from campaign_recipients r join messages m on m.id = r.message_id
      where r.campaign_id = $1 and m.status = 'failed' group by 1, 2 order by 3 desc limit 20""";
  private static final String TIMELINE = """
      select date_trunc('hour', d.received_at) as hour, d.status, count(*) from campaign_recipients r
      join messages m on m.id = r.message_id
      join delivery_receipts d on d.inbox_id = m.inbox_id and d.provider_message_id = m.provider_message_id
      where r.campaign_id = $1 group by 1, 2 order by 1, 2""";
  private static final String REPLIED = """
      update campaign_recipients set replied_at = now() where conversation_id = $1 and replied_at is null
        and message_id is not null returning campaign_id""";

  private final Pool pool;

  public CampaignStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Long> insert(String name, long inboxId, String template, String language, JsonArray params,
      JsonObject segment, OffsetDateTime scheduledAt, String timeZone, long createdBy) {
    return pool.preparedQuery(INSERT).execute(Tuple.tuple().addString(name).addLong(inboxId).addString(template)
            .addString(language).addValue(params).addValue(segment).addOffsetDateTime(scheduledAt).addString(timeZone)
            .addLong(createdBy))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<JsonObject> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
  }

  public Future<List<JsonObject>> list(Long beforeId, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(beforeId, limit)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(json(r)));
      return out;
    });
  }

  public Future<Long> audienceCount(SegmentSql.Condition audience) {
    String sql = "select count(*) from contacts ct where " + audience.sql();
    return pool.preparedQuery(sql).execute(audience.appendTo(Tuple.tuple())).map(rows -> rows.iterator().next().getLong(0));
  }

  /** How many the segment matches but leaves out, by reason ({@code optedOut}, {@code noAddress}). */
  public Future<JsonObject> excluded(SegmentSql.Condition excluded) {
    return pool.preparedQuery(excluded.sql()).execute(excluded.appendTo(Tuple.tuple())).map(rows -> {
      var r = rows.iterator().next();
      return new JsonObject().put("optedOut", r.getLong("opted_out")).put("noAddress", r.getLong("no_address"));
    });
  }

  /** The first few people of the audience, so that whoever launches sees who will get it. */
  public Future<io.vertx.core.json.JsonArray> recipientNames(SegmentSql.Condition audience, int limit) {
    String sql = "select coalesce(ct.name, ct.phone, ct.email, '#' || ct.id) from contacts ct where " + audience.sql()
        + " order by ct.id limit " + limit;
    return pool.preparedQuery(sql).execute(audience.appendTo(Tuple.tuple())).map(rows -> {
      io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
      rows.forEach(r -> out.add(r.getString(0)));
      return out;
    });
  }

  /** A sample contact of the audience with its rendered parameters. */
  public Future<JsonObject> sample(SegmentSql.Condition audience, SegmentSql.Condition params) {
    String sql = "select ct.id, ct.name, " + shift(params.sql(), audience.params().size()) + " as params from contacts ct where "
        + audience.sql() + " order by ct.id limit 1";
    Tuple t = audience.appendTo(Tuple.tuple());
    params.appendTo(t);
    return pool.preparedQuery(sql).execute(t).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new JsonObject().put("contactId", r.getLong("id")).put("name", r.getString("name"))
          .put("params", new JsonArray(java.util.Arrays.asList(r.getArrayOfStrings("params"))));
    });
  }

  /** Renumbers $n placeholders of a fragment built from 1 so that it follows {@code offset} earlier parameters. */
  static String shift(String sql, int offset) {
    return java.util.regex.Pattern.compile("\\$(\\d+)").matcher(sql)
        .replaceAll(m -> "\\$" + (Integer.parseInt(m.group(1)) + offset));
  }

  /** Freezes the audience: one queued recipient per contact, once (a relaunch adds nobody twice). */
  public Future<Integer> addRecipients(SqlClient client, long campaignId, SegmentSql.Condition audience) {
    String sql = "insert into campaign_recipients (campaign_id, contact_id) select $1, ct.id from contacts ct where "
        + shift(audience.sql(), 1) + " on conflict (campaign_id, contact_id) do nothing";
    return client.preparedQuery(sql).execute(audience.appendTo(Tuple.of(campaignId))).map(RowSet::rowCount);
  }

  /**
   * Fresh statistics after a launch added its audience: until autoanalyze comes round (a minute or more), the planner
   * takes the recipients table for nearly empty and joins each fan-out chunk to itself row by row.
   */
  public Future<Void> analyzeRecipients() {
    return pool.query("analyze campaign_recipients").execute().mapEmpty();
  }

  /**
   * Moves up to {@code limit} queued recipients into the outbox in one statement: each gets (or joins) a conversation
   * in the campaign's inbox labelled with the campaign, a template message with their own parameters (stored with the
   * text they read: {@code body} filled, see V111), and an outbox
   * row whose idempotency key is campaign + contact. A conversation the campaign starts is snoozed until the
   * customer's next reply (as Chatwoot's "snooze until next reply"): a broadcast to 100,000 contacts must not put
   * 100,000 conversations in the agents' queue; a reply wakes it like any snoozed conversation, and it then goes to
   * the bot or an agent as any message does. A conversation already active is joined as it is.
   */
  public Future<Integer> fanOut(long campaignId, long inboxId, Long teamId, String channel, String template,
      String language, String body, SegmentSql.Condition params, int limit) {
    String p = shift(params.sql(), 9);
    // The campaign's part: pick the batch, fill each recipient's parameters, open or join their conversations, and
    // mark them outboxed; the messages and outbox rows are OutboundStore's set-based form.
    String ctes = """
        picked as (
          select r.id, r.contact_id from campaign_recipients r
          where r.campaign_id = $1 and r.status = 'queued' order by r.id limit $2 for update skip locked),
        filled as (
          select p.id as rid, p.contact_id, %s as vals
          from picked p join contacts ct on ct.id = p.contact_id),
        conv as (
          insert into conversations as c (inbox_id, contact_id, team_id, labels, last_activity_at, last_message_preview,
                                          status)
          select $3, f.contact_id, $4, array[$5::text], now(), left(conecta_fill_template($6::text, f.vals), 200),
                 'snoozed' from filled f
          on conflict (inbox_id, contact_id) where status <> 'resolved' and thread_key is null
          do update set labels = array(select distinct unnest(c.labels || excluded.labels)), last_activity_at = now(),
                        last_message_preview = excluded.last_message_preview
          returning c.id, c.contact_id),
        outgoing as (
          select f.rid, conv.id as conversation_id, $3::bigint as inbox_id, $9::text as channel, 'bot' as sender_kind,
                 null::bigint as sender_user_id, 'template' as content_type,
                 conecta_fill_template($6::text, f.vals) as text, '[]'::jsonb as attachments,
                 jsonb_build_object('name', $7::text, 'language', $8::text, 'campaignId', $1::bigint, 'components',
                   case when cardinality(f.vals) = 0 then '[]'::jsonb else jsonb_build_array(jsonb_build_object(
                     'type', 'body', 'parameters',
                     (select jsonb_agg(jsonb_build_object('type', 'text', 'text', v)) from unnest(f.vals) v))) end)
                   as content,
                 null::text as reply_to_provider_id, 'campaign:' || $1::bigint || ':' || f.contact_id as idempotency_key,
                 $1::bigint as campaign_id
          from filled f join conv on conv.contact_id = f.contact_id)""".formatted(p);
    String sql = OutboundStore.queueAll(ctes, """
        update campaign_recipients cr set status = 'outboxed', conversation_id = o.conversation_id, message_id = m.id
        from outgoing o join queued_message m on m.conversation_id = o.conversation_id
        where cr.id = o.rid""");
    Tuple t = Tuple.tuple().addLong(campaignId).addInteger(limit).addLong(inboxId).addLong(teamId)
        .addString("campaña-" + campaignId).addString(body).addString(template).addString(language)
        .addString(channel);
    params.appendTo(t);
    return pool.withTransaction(conn -> conn.preparedQuery(sql).execute(t).map(RowSet::rowCount));
  }

  public Future<Boolean> setStatus(SqlClient client, long id, String status, String[] from, OffsetDateTime scheduledAt) {
    return client.preparedQuery(SET_STATUS).execute(Tuple.tuple().addLong(id).addString(status).addArrayOfString(from)
        .addOffsetDateTime(scheduledAt)).map(rows -> rows.size() > 0);
  }

  public Future<Void> cancelPending(SqlClient client, long id) {
    return client.preparedQuery(CANCEL_QUEUED).execute(Tuple.of(id))
        .compose(v -> client.preparedQuery(CANCEL_OUTBOX).execute(Tuple.of(id))).mapEmpty();
  }

  public Future<List<Long>> startDue() {
    return ids(pool.query(DUE_SCHEDULED).execute());
  }

  public Future<List<Long>> running() {
    return ids(pool.query(RUNNING).execute());
  }

  public Future<Long> ahead(long id) {
    return pool.preparedQuery(AHEAD).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Boolean> completeIfDone(long id) {
    return pool.preparedQuery(COMPLETE).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  public Future<JsonObject> funnel(long id) {
    return pool.preparedQuery(FUNNEL).execute(Tuple.of(id)).compose(rows -> {
      Row r = rows.iterator().next();
      JsonObject f = new JsonObject();
      for (String k : List.of("total", "queued", "cancelled", "sent", "delivered", "read", "failed", "replied")) {
        f.put(k, r.getLong(k));
      }
      return pool.preparedQuery(ERRORS).execute(Tuple.of(id)).map(errors -> {
        JsonArray list = new JsonArray();
        errors.forEach(e -> list.add(new JsonObject().put("code", e.getString(0)).put("title", e.getString(1))
            .put("count", e.getLong(2))));
        return f.put("errors", list);
      });
    }).compose(f -> pool.preparedQuery(TIMELINE).execute(Tuple.of(id)).map(rows -> {
      JsonArray timeline = new JsonArray();
      rows.forEach(r -> timeline.add(new JsonObject().put("hour", r.getOffsetDateTime(0).toInstant().toString())
          .put("status", r.getString(1)).put("count", r.getLong(2))));
      return f.put("timeline", timeline);
    }));
  }

  public Future<List<Long>> markReplied(long conversationId) {
    return ids(pool.preparedQuery(REPLIED).execute(Tuple.of(conversationId)));
  }

  private static Future<List<Long>> ids(Future<RowSet<Row>> rows) {
    return rows.map(rs -> {
      List<Long> out = new ArrayList<>();
      rs.forEach(r -> out.add(r.getLong(0)));
      return out;
    });
  }

  private static JsonObject json(Row r) {
    OffsetDateTime scheduled = r.getOffsetDateTime("scheduled_at");
    OffsetDateTime launched = r.getOffsetDateTime("launched_at");
    OffsetDateTime completed = r.getOffsetDateTime("completed_at");
    return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")).put("status", r.getString("status"))
        .put("inboxId", r.getLong("inbox_id")).put("channel", r.getString("channel"))
        .put("template", new JsonObject().put("name", r.getString("template_name"))
            .put("language", r.getString("template_language")))
        .put("params", r.getValue("params")).put("segment", r.getValue("segment"))
        .put("scheduledAt", scheduled == null ? null : scheduled.toInstant().toString()).put("timeZone", r.getString("time_zone"))
        .put("createdBy", r.getLong("created_by"))
        .put("launchedAt", launched == null ? null : launched.toInstant().toString())
        .put("completedAt", completed == null ? null : completed.toInstant().toString())
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }
}
