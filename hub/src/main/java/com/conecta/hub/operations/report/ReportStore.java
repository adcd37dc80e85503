package com.conecta.hub.operations.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports' SQL: conversations, the bot, the rollup and the weekly summary here; leads, service, satisfaction,
 * collections, campaigns and billing in {@link BusinessReportStore}. Conversation-based queries take the standard parameters: $1 start, $2 end (exclusive),
 * $3 team, $4 agent, $5 inbox, $6 channel, and $7 the time zone where a query needs one.
 */
public final class ReportStore {
  /** Conversations in range and in the filter; {@code c} and {@code i} (its inbox) are in scope. */
  private static final String CONVERSATIONS_IN_FILTER = """
      from conversations c join inboxes i on i.id = c.inbox_id
      where c.created_at >= $1 and c.created_at < $2
        and ($3::bigint is null or c.team_id = $3) and ($4::bigint is null or c.assignee_id = $4)
        and ($5::bigint is null or c.inbox_id = $5) and ($6::text is null or i.channel = $6)""";

  /**
   * Message counts per hour, inbox, team, agent and direction: the rollup before $7 (where the rollup ends, or the
   * range's start) plus the raw messages from $7 on, filtered. Defines {@code v}. $7 is a parameter, not a join,
   * so the planner sees how short the raw tail is. {@code h} is materialised (a few thousand rows) so that a team or
   * agent filter is applied to it, not pushed into the tail where the planner would loop over every conversation.
   */
  private static final String MESSAGE_VOLUME = """
      with h as materialized (
        select mh.hour, mh.inbox_id, mh.team_id, mh.assignee_id, mh.direction, mh.messages
        from message_hourly mh where mh.hour >= $1::timestamptz and mh.hour < least($2::timestamptz, $7::timestamptz)
        union all
        select date_trunc('hour', m.created_at), m.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0),
               m.direction, count(*)::int
        from messages m join conversations c on c.id = m.conversation_id
        where m.created_at >= $7::timestamptz and m.created_at < $2::timestamptz and not m.private
        group by 1, 2, 3, 4, 5),
      v as (
        select h.*, i.channel, i.name as inbox_name from h join inboxes i on i.id = h.inbox_id
        where ($3::bigint is null or h.team_id = $3) and ($4::bigint is null or h.assignee_id = $4)
          and ($5::bigint is null or h.inbox_id = $5) and ($6::text is null or i.channel = $6))
      """;

  /** Where the raw tail starts for a range starting at $1: the rollup's watermark, or $1 if that is later. */
  private static final String TAIL_START =
      "select greatest(rolled_until, $1::timestamptz) from report_rollups where name = 'message_hourly'";

  private static final String VOLUME_BY_CHANNEL = MESSAGE_VOLUME + """
      , conv as (select i.channel, count(*) as conversations %s group by i.channel),
      msg as (select channel, sum(messages) filter (where direction = 'in') as incoming,
                     sum(messages) filter (where direction = 'out') as outgoing from v group by channel)
      select coalesce(conv.channel, msg.channel) as channel, coalesce(conv.conversations, 0) as conversations,
             coalesce(msg.incoming, 0) as incoming_messages, coalesce(msg.outgoing, 0) as outgoing_messages
      from conv full join msg on msg.channel = conv.channel
      order by 2 desc, 3 desc, 1""".formatted(CONVERSATIONS_IN_FILTER);

  private static final String VOLUME_BY_INBOX = MESSAGE_VOLUME + """
      , conv as (select c.inbox_id, count(*) as conversations %s group by c.inbox_id),
      msg as (select inbox_id, sum(messages) filter (where direction = 'in') as incoming,
                     sum(messages) filter (where direction = 'out') as outgoing from v group by inbox_id)
      select i.name as inbox, i.channel, coalesce(conv.conversations, 0) as conversations,
             coalesce(msg.incoming, 0) as incoming_messages, coalesce(msg.outgoing, 0) as outgoing_messages
      from conv full join msg on msg.inbox_id = conv.inbox_id
      join inboxes i on i.id = coalesce(conv.inbox_id, msg.inbox_id)
      order by 3 desc, 4 desc, 1""".formatted(CONVERSATIONS_IN_FILTER);

  private static final String VOLUME_BY_HOUR = MESSAGE_VOLUME + """
      , hours as (select generate_series(0, 23) as hour)
      select hours.hour, coalesce(sum(v.messages) filter (where v.direction = 'in'), 0) as incoming_messages,
             coalesce(sum(v.messages) filter (where v.direction = 'out'), 0) as outgoing_messages
      from hours left join v on extract(hour from v.hour at time zone $8) = hours.hour
      group by hours.hour order by hours.hour""";

  /** Each pair of percentiles comes from one sort (PostgreSQL computes identical aggregates once). */
  private static final String FIRST_RESPONSE = "(percentile_cont(array[0.5, 0.9]) within group (order by "
      + "extract(epoch from c.first_reply_at - c.created_at) / 60) filter (where c.first_reply_at is not null))";
  private static final String RESOLUTION = "(percentile_cont(array[0.5, 0.9]) within group (order by "
      + "extract(epoch from c.resolved_at - c.created_at) / 3600) filter (where c.resolved_at is not null))";
  private static final String TIMES = """
      count(*) as conversations,
      count(c.first_reply_at) as replied,
      round((%1$s[1])::numeric, 1) as first_response_p50_min,
      round((%1$s[2])::numeric, 1) as first_response_p90_min,
      count(c.resolved_at) as resolved,
      round((%2$s[1])::numeric, 2) as resolution_p50_h,
      round((%2$s[2])::numeric, 2) as resolution_p90_h""".formatted(FIRST_RESPONSE, RESOLUTION);

  /**
   * Response and resolution times by agent and by team in one pass (grouping sets: the conversations are read and
   * sorted once for both). {@code by_agent} tells which grouping a row belongs to.
   */
  private static final String TIMES_BY_AGENT_AND_TEAM = "select grouping(u.id) = 0 as by_agent, u.name as agent, "
      + "coalesce(t.name, '—') as team, " + TIMES + " "
      + CONVERSATIONS_IN_FILTER.replace("where", "left join users u on u.id = c.assignee_id "
      + "left join teams t on t.id = c.team_id where")
      + " group by grouping sets ((u.id, u.name), (t.id, t.name)) order by conversations desc, 2, 3";

  /** Waiting now for a person ($1 team, $2 inbox, $3 channel), as the conversation_waiting view defines it (V110). */
  private static final String WAITING = """
      select coalesce(t.name, '—') as team, count(*) as waiting,
             round(max(extract(epoch from now() - w.waiting_since)) / 60) as oldest_min,
             round(avg(extract(epoch from now() - w.waiting_since)) / 60) as average_min
      from conversation_waiting w join inboxes i on i.id = w.inbox_id left join teams t on t.id = w.team_id
      where w.state = 'waiting'
        and ($1::bigint is null or w.team_id = $1) and ($2::bigint is null or w.inbox_id = $2)
        and ($3::text is null or i.channel = $3)
      group by t.id, t.name order by waiting desc, team""";

  /** Contained: the bot finished its flow and no person wrote; a flow stuck mid-way is not contained. */
  private static final String BOT_CONTAINMENT = """
      select count(*) as with_bot,
             count(*) filter (where b.status = 'finished' and not exists (select 1 from messages m
                                                where m.conversation_id = c.id and m.sender_kind = 'agent'
                                                and not m.private)) as contained,
             count(*) filter (where exists (select 1 from leads l where l.conversation_id = c.id)) as qualified,
             count(*) filter (where b.status = 'handed_off') as handed_off
      """ + CONVERSATIONS_IN_FILTER.replace("where", "join bot_sessions b on b.conversation_id = c.id where");

  private static final String HANDOFF_REASONS = "select coalesce(b.handoff_reason, 'unknown') as reason, count(*) as "
      + "conversations " + CONVERSATIONS_IN_FILTER.replace("where", "join bot_sessions b on b.conversation_id = c.id "
      + "where b.status = 'handed_off' and") + " group by 1 order by 2 desc, 1";

  private static final String SUPERVISED_TEAMS =
      "select team_id from team_members where user_id = $1 and supervisor order by team_id";

  /**
   * Moves the rollup's watermark to the last whole hour at least five minutes old (ingest transactions are far
   * shorter, so no message can still commit behind it) and adds the messages in between. A node that finds the
   * row locked skips: another node is rolling up.
   */
  private static final String ROLL_UP = """
      with s as (select rolled_until as since, date_trunc('hour', now() - interval '5 minutes') as upto
                 from report_rollups where name = 'message_hourly' for update skip locked),
      ins as (
        insert into message_hourly (hour, inbox_id, team_id, assignee_id, direction, sender_kind, messages)
        select date_trunc('hour', m.created_at), m.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0),
               m.direction, m.sender_kind, count(*)
        from messages m join conversations c on c.id = m.conversation_id, s
        where s.since < s.upto and m.created_at >= s.since and m.created_at < s.upto and not m.private
        group by 1, 2, 3, 4, 5, 6
        on conflict (hour, inbox_id, team_id, assignee_id, direction, sender_kind)
          do update set messages = message_hourly.messages + excluded.messages
        returning messages)
      update report_rollups r set rolled_until = s.upto from s
      where r.name = 'message_hourly' and s.since < s.upto
      returning (select coalesce(sum(messages), 0) from ins) as rolled""";

  /** Team supervisors to send a weekly summary to, who have not had this week's ($1 = the week's dedupe suffix). */
  private static final String SUMMARY_RECIPIENTS = """
      select t.id as team_id, t.name as team, u.id as user_id, u.email, u.name, u.locale
      from teams t join team_members tm on tm.team_id = t.id and tm.supervisor join users u on u.id = tm.user_id
      where u.active and not exists (select 1 from notifications n
                                     where n.dedupe_key = 'weekly-summary:' || t.id || ':' || u.id || ':' || $1)
      order by t.id, u.id""";

  private final Pool pool;
  private final BusinessReportStore business;

  public ReportStore(Pool pool) {
    this.pool = pool;
    this.business = new BusinessReportStore(pool);
  }

  private static Tuple standard(ReportFilter f) {
    return BusinessReportStore.standard(f);
  }

  private Future<ReportSection> section(String key, String es, String en, String chart, String sql, Tuple params) {
    return BusinessReportStore.section(pool, key, es, en, chart, sql, params);
  }

  public Future<List<ReportSection>> conversations(ReportFilter f) {
    Tuple std = standard(f);
    return pool.preparedQuery(TAIL_START).execute(Tuple.of(f.start()))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0))
        .compose(tail -> {
          Tuple volume = standard(f).addOffsetDateTime(tail);
          Future<List<ReportSection>> first = all(
              section("volume_by_channel", "Volumen por canal", "Volume by channel", "bar", VOLUME_BY_CHANNEL, volume),
              section("volume_by_inbox", "Volumen por bandeja", "Volume by inbox", "bar", VOLUME_BY_INBOX, volume),
              section("volume_by_hour", "Mensajes por hora del día", "Messages by hour of day", "line", VOLUME_BY_HOUR,
                  standard(f).addOffsetDateTime(tail).addString(f.zone().getId())));
          Future<List<ReportSection>> times = times(std);
          Future<List<ReportSection>> rest = all(
              section("waiting", "Esperando a una persona ahora", "Waiting for a person now", "bar", WAITING,
                  Tuple.of(f.teamId(), f.inboxId(), f.channel())),
              section("bot_containment", "Contención del bot", "Bot containment", "table", BOT_CONTAINMENT, std),
              section("handoff_reasons", "Motivos de derivación del bot", "Bot hand-off reasons", "bar",
                  HANDOFF_REASONS, std));
          return Future.all(first, times, rest).map(x -> {
            List<ReportSection> out = new ArrayList<>(first.result());
            out.addAll(times.result());
            out.addAll(rest.result());
            return out;
          });
        });
  }

  /** The agent and team sections from one grouping-sets query. */
  private Future<List<ReportSection>> times(Tuple std) {
    return pool.preparedQuery(TIMES_BY_AGENT_AND_TEAM).execute(std).map(rows -> {
      List<String> names = rows.columnsNames();
      List<String> measures = names.subList(3, names.size());
      List<List<Object>> agents = new ArrayList<>();
      List<List<Object>> teams = new ArrayList<>();
      for (Row r : rows) {
        boolean byAgent = r.getBoolean(0);
        if (byAgent && r.getValue(1) == null) {
          continue; // conversations nobody was assigned: no agent to show
        }
        List<Object> values = new ArrayList<>();
        values.add(byAgent ? r.getString(1) : r.getString(2));
        for (int i = 3; i < names.size(); i++) {
          values.add(ReportSection.plain(r.getValue(i)));
        }
        (byAgent ? agents : teams).add(values);
      }
      List<String> agentColumns = new ArrayList<>(List.of("agent"));
      agentColumns.addAll(measures);
      List<String> teamColumns = new ArrayList<>(List.of("team"));
      teamColumns.addAll(measures);
      return List.of(
          new ReportSection("times_by_agent", "Primera respuesta y resolución por agente",
              "First response and resolution by agent", "bar", agentColumns, agents),
          new ReportSection("times_by_team", "Primera respuesta y resolución por equipo",
              "First response and resolution by team", "bar", teamColumns, teams));
    });
  }

  /** The company's stage names in the language, by stage key (inactive stages too: old leads may still be in them). */
  public Future<Map<String, String>> stageNames(String lang) {
    return pool.query("select key, " + ("en".equals(lang) ? "name_en" : "name_es") + " from lead_stages").execute()
        .map(rows -> {
          Map<String, String> names = new HashMap<>();
          rows.forEach(r -> names.put(r.getString(0), r.getString(1)));
          return names;
        });
  }

  public Future<List<ReportSection>> leads(ReportFilter f, int visitTarget) {
    return business.leads(f, visitTarget);
  }

  public Future<List<ReportSection>> service(ReportFilter f) {
    return business.service(f);
  }

  public Future<List<ReportSection>> satisfaction(ReportFilter f) {
    return business.satisfaction(f);
  }

  public Future<List<ReportSection>> collections(ReportFilter f) {
    return business.collections(f);
  }

  public Future<List<ReportSection>> campaigns(ReportFilter f) {
    return business.campaigns(f);
  }

  public Future<List<ReportSection>> billing(ReportFilter f, LocalDate curFrom, LocalDate curTo, LocalDate prevFrom,
      LocalDate prevTo, int targetPct) {
    return business.billing(f, curFrom, curTo, prevFrom, prevTo, targetPct);
  }

  /** Rolls the hourly message counts forward; answers how many messages were added. */
  public Future<Long> rollUp() {
    return pool.query(ROLL_UP).execute().map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  public Future<RowSet<Row>> summaryRecipients(String weekKey) {
    return pool.preparedQuery(SUMMARY_RECIPIENTS).execute(Tuple.of(weekKey));
  }

  /** The teams this user supervises, in id order. */
  public Future<List<Long>> supervisedTeams(long userId) {
    return pool.preparedQuery(SUPERVISED_TEAMS).execute(Tuple.of(userId))
        .map(rows -> java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(r -> r.getLong(0)).toList());
  }

  @SafeVarargs
  private static Future<List<ReportSection>> all(Future<ReportSection>... parts) {
    return BusinessReportStore.all(parts);
  }
}
