package com.conecta.hub.operations.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;

/**
 * SQL of the business reports (leads and quotes, service, satisfaction, collections, campaigns, billing), split from
 * {@link ReportStore} by concern; the same standard parameters: $1 start, $2 end (exclusive), $3 team, $4 agent,
 * $5 inbox, $6 channel.
 */
final class BusinessReportStore {
  /**
   * The FROM and WHERE of rows of {@code table} (aliased {@code alias}) created in range and in the filter; inbox and
   * channel through the row's conversation {@code c}, the team from {@code teamColumn}.
   */
  private static String inFilterThroughConversation(String table, String alias, String teamColumn) {
    return """
        from %1$s %2$s left join conversations c on c.id = %2$s.conversation_id left join inboxes i on i.id = c.inbox_id
        where %2$s.created_at >= $1 and %2$s.created_at < $2
          and ($3::bigint is null or %3$s = $3) and ($4::bigint is null or %2$s.assignee_id = $4)
          and ($5::bigint is null or c.inbox_id = $5) and ($6::text is null or i.channel = $6)"""
        .formatted(table, alias, teamColumn);
  }

  /** Leads in range and in the filter (their own team). */
  private static final String LEADS_IN_FILTER = inFilterThroughConversation("leads", "l", "l.team_id");

  /** Won and lost are the stages whose outcome says so (stages are configurable per company). */
  private static final String WON_LOST = """
      count(*) as leads,
      count(*) filter (where l.stage in (select key from lead_stages where outcome = 'won')) as won,
      count(*) filter (where l.stage in (select key from lead_stages where outcome = 'lost')) as lost,
      round(100.0 * count(*) filter (where l.stage in (select key from lead_stages where outcome = 'won'))
        / nullif(count(*) filter (where l.stage in (select key from lead_stages where outcome <> 'open')), 0), 1)
        as win_rate_pct""";

  private static final String LEADS_BY = "select coalesce(nullif(%s, ''), '—') as %s, " + WON_LOST + " "
      + LEADS_IN_FILTER + " group by 1 order by leads desc, 1";

  /** Current stage distribution in the company's pipeline order; unknown stages come last. */
  private static final String LEADS_BY_STAGE = """
      select l.stage, count(*) as leads %s
      group by l.stage
      order by coalesce((select position from lead_stages s where s.key = l.stage), 100000), l.stage""".formatted(LEADS_IN_FILTER);

  /**
   * The funnel: of the leads made in range, how many ever reached each stage (from the timed history), and the
   * average days they spent in it before moving on.
   */
  private static final String STAGE_CONVERSION = """
      with l as (select l.id %s),
      reached as (select h.to_stage as stage, count(distinct h.lead_id) as reached
                  from lead_stage_history h join l on l.id = h.lead_id group by 1),
      spent as (select h.from_stage as stage, round(avg(h.seconds_in_previous) / 86400.0, 1) as days
                from lead_stage_history h join l on l.id = h.lead_id where h.from_stage is not null group by 1)
      select s.key as stage, coalesce(r.reached, 0) as reached,
             round(100.0 * coalesce(r.reached, 0) / nullif((select count(*) from l), 0), 1) as reached_pct,
             sp.days as avg_days_in_stage
      from lead_stages s left join reached r on r.stage = s.key left join spent sp on sp.stage = s.key
      where s.active order by s.position""".formatted(LEADS_IN_FILTER);

  /** Quotes made in range ($1, $2), team through the lead ($3), agent = who made it ($4), per currency. */
  private static final String QUOTES = """
      select q.currency, count(*) as quotes, count(q.sent_at) as sent,
             count(*) filter (where q.status = 'accepted') as accepted,
             count(*) filter (where q.status = 'rejected') as rejected,
             count(*) filter (where q.status = 'expired') as expired,
             round(100.0 * count(*) filter (where q.status = 'accepted') / nullif(count(q.sent_at), 0), 1) as accept_rate_pct,
             coalesce(sum(q.total) filter (where q.status = 'accepted'), 0) as accepted_total
      from quotes q left join leads l on l.id = q.lead_id
      where q.created_at >= $1 and q.created_at < $2
        and ($3::bigint is null or l.team_id = $3) and ($4::bigint is null or q.created_by = $4)
      group by q.currency order by q.currency""";

  private static final String LEADS_BY_AGENT = "select coalesce(u.name, '—') as agent, " + WON_LOST + " "
      + LEADS_IN_FILTER.replace("where", "left join users u on u.id = l.assignee_id where")
      + " group by u.id, u.name order by leads desc, agent";

  /**
   * Visits scheduled per week and team against the target: visit activities and potential-client or technical visit
   * requests, counted for the seller or technician's teams. $1 start, $2 end, $3 team, $4 agent, $5 zone, $6 target.
   */
  private static final String VISITS_PER_WEEK = """
      with visits as (
        select a.created_at, a.owner_id as user_id from activities a
        where a.kind = 'visit' and a.created_at >= $1 and a.created_at < $2
        union all
        select s.created_at, case when s.kind = 'potential_client_visit' then coalesce(s.seller_id, s.technician_id)
                                  else coalesce(s.technician_id, s.seller_id) end
        from service_requests s
        where s.kind in ('potential_client_visit', 'technical_visit') and s.created_at >= $1 and s.created_at < $2)
      select to_char(date_trunc('week', v.created_at at time zone $5), 'IYYY-"W"IW') as week, t.name as team,
             count(*) as visits, $6::int as target, count(*) >= $6::int as met
      from visits v join team_members tm on tm.user_id = v.user_id join teams t on t.id = tm.team_id
      where ($3::bigint is null or tm.team_id = $3) and ($4::bigint is null or v.user_id = $4)
      group by 1, t.id, t.name order by 1, t.name""";

  /** Service requests made in range by kind and status; team and agent through the technician. */
  private static final String SERVICE_REQUESTS_BY_KIND = """
      select s.kind, count(*) as requests,
             count(*) filter (where s.status = 'scheduled') as scheduled,
             count(*) filter (where s.status = 'in_progress') as in_progress,
             count(*) filter (where s.status = 'done') as done, count(*) filter (where s.status = 'not_done') as not_done,
             count(*) filter (where s.status = 'invoiced') as invoiced,
             count(*) filter (where s.status = 'cancelled') as cancelled
      from service_requests s
      where s.created_at >= $1 and s.created_at < $2
        and ($3::bigint is null or exists (select 1 from team_members tm where tm.user_id = s.technician_id and tm.team_id = $3))
        and ($4::bigint is null or s.technician_id = $4)
      group by s.kind order by requests desc, s.kind""";

  /**
   * Work orders put at risk (an observation raised) in range: saved when the seller corrected it, cancelled when a
   * coordinator cancelled the order; the share not cancelled against the target ($5 %).
   */
  private static final String WORK_ORDERS_AT_RISK = """
      select count(*) as raised, count(*) filter (where o.status = 'resolved') as saved,
             count(*) filter (where r.status = 'cancelled') as cancelled,
             count(*) filter (where o.status = 'open') as still_open,
             round(100.0 * count(*) filter (where r.status <> 'cancelled') / nullif(count(*), 0), 1) as not_cancelled_pct,
             $5::int as target_pct,
             coalesce(100.0 * count(*) filter (where r.status <> 'cancelled') / nullif(count(*), 0) > $5::int, true) as met
      from service_observations o join service_requests r on r.id = o.request_id
      where o.created_at >= $1 and o.created_at < $2
        and ($3::bigint is null or exists (select 1 from team_members tm where tm.user_id = r.seller_id and tm.team_id = $3))
        and ($4::bigint is null or r.seller_id = $4)""";

  /** Tickets in range; the team too through the ticket's conversation. */
  private static final String TICKETS_IN_FILTER = inFilterThroughConversation("tickets", "k", "c.team_id");

  private static final String TICKETS_BY_KIND = """
      select k.kind, count(*) as tickets,
             count(*) filter (where k.status = 'open') as open, count(*) filter (where k.status = 'in_progress') as in_progress,
             count(*) filter (where k.status = 'waiting') as waiting, count(*) filter (where k.status = 'resolved') as resolved,
             count(*) filter (where k.status = 'closed') as closed,
             count(*) filter (where k.due_at < now() and k.status not in ('resolved', 'closed')) as overdue
      %s group by k.kind order by tickets desc, k.kind""".formatted(TICKETS_IN_FILTER);

  /** Overdue now, whenever opened ($1 team, $2 agent, $3 inbox, $4 channel). */
  private static final String OVERDUE_BY_PRIORITY = """
      select k.priority, count(*) as overdue, round(max(extract(epoch from now() - k.due_at)) / 3600, 1) as oldest_h
      from tickets k left join conversations c on c.id = k.conversation_id left join inboxes i on i.id = c.inbox_id
      where k.due_at < now() and k.status not in ('resolved', 'closed')
        and ($1::bigint is null or c.team_id = $1) and ($2::bigint is null or k.assignee_id = $2)
        and ($3::bigint is null or c.inbox_id = $3) and ($4::text is null or i.channel = $4)
      group by k.priority
      order by array_position(array['urgent', 'high', 'normal', 'low'], k.priority)""";

  /** Satisfaction answers (1–5) given in range, in the standard filter, grouped by the first argument. */
  private static final String SATISFACTION_BY = """
      select coalesce(%s, '—') as %s, count(*) as answers, round(avg(r.score), 2) as average,
             round(100.0 * count(*) filter (where r.score >= 4) / count(*), 1) as satisfied_pct,
             count(*) filter (where r.score = 1) as score_1, count(*) filter (where r.score = 2) as score_2,
             count(*) filter (where r.score = 3) as score_3, count(*) filter (where r.score = 4) as score_4,
             count(*) filter (where r.score = 5) as score_5
      from satisfaction_responses r left join users u on u.id = r.agent_id left join teams t on t.id = r.team_id
      where r.created_at >= $1 and r.created_at < $2
        and ($3::bigint is null or r.team_id = $3) and ($4::bigint is null or r.agent_id = $4)
        and ($5::bigint is null or r.inbox_id = $5) and ($6::text is null or r.channel = $6)
      group by 1 order by answers desc, 1""";

  /** Open receivables by days past due, per currency, as of today in the company's zone ($1). */
  private static final String AGING = """
      with today as (select (now() at time zone $1)::date as d)
      select currency, count(*) as open_invoices,
             coalesce(sum(amount) filter (where due_date >= today.d), 0) as not_yet_due,
             coalesce(sum(amount) filter (where today.d - due_date between 1 and 30), 0) as d1_30,
             coalesce(sum(amount) filter (where today.d - due_date between 31 and 60), 0) as d31_60,
             coalesce(sum(amount) filter (where today.d - due_date between 61 and 90), 0) as d61_90,
             coalesce(sum(amount) filter (where today.d - due_date > 90), 0) as over_90,
             sum(amount) as total
      from invoices, today where status = 'open' group by currency, today.d order by currency""";

  /** Reminders sent in range ($1, $2) per rule, and the invoices paid after their first reminder. */
  private static final String REMINDERS_AND_PAYMENTS = """
      with r as (
        select rule, record_type, record_id, min(created_at) as first_sent, count(*) as sent
        from reminder_sends where created_at >= $1 and created_at < $2 group by 1, 2, 3)
      select r.rule, sum(r.sent) as sent,
             count(inv.id) filter (where inv.paid_at > r.first_sent) as paid_after,
             coalesce(sum(inv.amount) filter (where inv.paid_at > r.first_sent), 0) as amount_paid_after
      from r left join invoices inv on r.record_type = 'invoice' and inv.id = r.record_id
      group by r.rule order by r.rule""";

  private static final String CAMPAIGN_FUNNEL_COLUMNS = """
      count(r.id) as recipients,
      count(m.id) filter (where m.status in ('sent', 'delivered', 'read')) as sent,
      count(m.id) filter (where m.status in ('delivered', 'read')) as delivered,
      count(m.id) filter (where m.status = 'read') as read,
      count(m.id) filter (where m.status = 'failed') as failed,
      count(r.replied_at) as replied,
      round(100.0 * count(r.replied_at) / nullif(count(m.id) filter (where m.status in ('sent', 'delivered', 'read')), 0), 1)
        as reply_rate_pct""";

  /** Campaigns launched (or made) in range: $1, $2, $3 inbox, $4 channel. */
  private static final String CAMPAIGNS_IN_FILTER = """
      from campaigns k join inboxes i on i.id = k.inbox_id
        left join campaign_recipients r on r.campaign_id = k.id left join messages m on m.id = r.message_id
      where coalesce(k.launched_at, k.created_at) >= $1 and coalesce(k.launched_at, k.created_at) < $2
        and ($3::bigint is null or k.inbox_id = $3) and ($4::text is null or i.channel = $4)""";

  private static final String FUNNEL_BY_CAMPAIGN = "select k.name as campaign, k.template_name as template, k.status, "
      + CAMPAIGN_FUNNEL_COLUMNS + " " + CAMPAIGNS_IN_FILTER + " group by k.id order by k.id desc";

  private static final String FUNNEL_BY_TEMPLATE = "select k.template_name as template, k.template_language as language, "
      + "count(distinct k.id) as campaigns, " + CAMPAIGN_FUNNEL_COLUMNS + " " + CAMPAIGNS_IN_FILTER
      + " group by 1, 2 order by recipients desc, 1";

  /** Billed per month ($1 first day, $2 last day) and currency, cancelled invoices left out. */
  private static final String BILLED_BY_MONTH = """
      select to_char(date_trunc('month', issued_at), 'YYYY-MM') as month, currency, count(*) as invoices,
             sum(amount) as billed
      from invoices where issued_at between $1 and $2 and status <> 'cancelled'
      group by 1, 2 order by 1, 2""";

  /** This period ($1..$2) against the same days of the previous month ($3..$4), and the target ($5 %). */
  private static final String BILLING_VS_PREVIOUS = """
      with cur as (select currency, sum(amount) as billed from invoices
                   where issued_at between $1 and $2 and status <> 'cancelled' group by currency),
      prev as (select currency, sum(amount) as billed from invoices
               where issued_at between $3 and $4 and status <> 'cancelled' group by currency)
      select coalesce(cur.currency, prev.currency) as currency, coalesce(cur.billed, 0) as billed,
             coalesce(prev.billed, 0) as previous_month,
             round(100.0 * coalesce(cur.billed, 0) / nullif(prev.billed, 0), 1) as ratio_pct, $5::numeric as target_pct,
             coalesce(100.0 * coalesce(cur.billed, 0) / nullif(prev.billed, 0) >= $5::numeric, false) as met
      from cur full join prev on prev.currency = cur.currency order by 1""";

  private final Pool pool;

  BusinessReportStore(Pool pool) {
    this.pool = pool;
  }

  static Tuple standard(ReportFilter f) {
    return Tuple.of(f.start(), f.end(), f.teamId(), f.agentId(), f.inboxId(), f.channel());
  }

  static Future<ReportSection> section(Pool pool, String key, String es, String en, String chart, String sql,
      Tuple params) {
    return pool.preparedQuery(sql).execute(params).map(rows -> ReportSection.of(key, es, en, chart, rows));
  }

  @SafeVarargs
  static Future<List<ReportSection>> all(Future<ReportSection>... parts) {
    return Future.all(List.of(parts)).map(cf -> cf.<ReportSection>list());
  }

  private Future<ReportSection> section(String key, String es, String en, String chart, String sql, Tuple params) {
    return section(pool, key, es, en, chart, sql, params);
  }

  public Future<List<ReportSection>> leads(ReportFilter f, int visitTarget) {
    Tuple std = standard(f);
    return all(
        section("by_source", "Leads por origen", "Leads by source", "bar", LEADS_BY.formatted("l.source", "source"), std),
        section("by_campaign", "Leads por campaña", "Leads by campaign", "bar",
            LEADS_BY.formatted("l.campaign", "campaign"), std),
        section("by_interest_area", "Leads por área de interés", "Leads by interest area", "bar",
            LEADS_BY.formatted("l.interest_area", "interest_area"), std),
        section("by_stage", "Leads por etapa actual", "Leads by current stage", "funnel", LEADS_BY_STAGE, std),
        section("stage_conversion", "Conversión por etapa y días en cada una", "Stage conversion and days in each stage",
            "funnel", STAGE_CONVERSION, std),
        section("quotes", "Cotizaciones enviadas, aceptadas y vencidas", "Quotes sent, accepted and expired", "bar",
            QUOTES, Tuple.of(f.start(), f.end(), f.teamId(), f.agentId())),
        section("by_agent", "Leads por vendedor", "Leads by salesperson", "bar", LEADS_BY_AGENT, std),
        section("visits_per_week", "Visitas nuevas por semana (meta por equipo)", "New visits per week (team target)",
            "bar", VISITS_PER_WEEK, Tuple.of(f.start(), f.end(), f.teamId(), f.agentId(), f.zone().getId(), visitTarget)));
  }

  public Future<List<ReportSection>> service(ReportFilter f) {
    return all(
        section("tickets_by_kind", "Tickets por tipo y estado", "Tickets by kind and status", "bar", TICKETS_BY_KIND,
            standard(f)),
        section("overdue_by_priority", "Tickets vencidos ahora por prioridad", "Tickets overdue now by priority", "bar",
            OVERDUE_BY_PRIORITY, Tuple.of(f.teamId(), f.agentId(), f.inboxId(), f.channel())),
        section("service_requests", "Solicitudes de servicio por tipo y estado", "Service requests by kind and status",
            "bar", SERVICE_REQUESTS_BY_KIND, Tuple.of(f.start(), f.end(), f.teamId(), f.agentId())),
        section("work_orders_at_risk", "Órdenes en riesgo: salvadas y canceladas (meta: más de 95 % no canceladas)",
            "Work orders at risk: saved and cancelled (target: over 95 % not cancelled)", "table", WORK_ORDERS_AT_RISK,
            Tuple.of(f.start(), f.end(), f.teamId(), f.agentId(), 95)));
  }

  public Future<List<ReportSection>> satisfaction(ReportFilter f) {
    Tuple std = standard(f);
    return all(
        section("by_agent", "Satisfacción (1–5) por agente", "Satisfaction (1–5) by agent", "bar",
            SATISFACTION_BY.formatted("u.name", "agent"), std),
        section("by_team", "Satisfacción (1–5) por equipo", "Satisfaction (1–5) by team", "bar",
            SATISFACTION_BY.formatted("t.name", "team"), std),
        section("by_channel", "Satisfacción (1–5) por canal", "Satisfaction (1–5) by channel", "bar",
            SATISFACTION_BY.formatted("r.channel", "channel"), std));
  }

  public Future<List<ReportSection>> collections(ReportFilter f) {
    return all(
        section("aging", "Cuentas por cobrar por antigüedad (días vencidos)", "Receivables by age (days past due)", "bar",
            AGING, Tuple.of(f.zone().getId())),
        section("reminders", "Recordatorios enviados y pagos posteriores", "Reminders sent and payments that followed",
            "bar", REMINDERS_AND_PAYMENTS, Tuple.of(f.start(), f.end())));
  }

  public Future<List<ReportSection>> campaigns(ReportFilter f) {
    Tuple params = Tuple.of(f.start(), f.end(), f.inboxId(), f.channel());
    return all(
        section("by_campaign", "Embudo por campaña", "Funnel by campaign", "bar", FUNNEL_BY_CAMPAIGN, params),
        section("by_template", "Embudo por plantilla", "Funnel by template", "bar", FUNNEL_BY_TEMPLATE, params));
  }

  public Future<List<ReportSection>> billing(ReportFilter f, LocalDate curFrom, LocalDate curTo, LocalDate prevFrom,
      LocalDate prevTo, int targetPct) {
    return all(
        section("vs_previous_month", "Facturación del mes contra el mes anterior (mismos días)",
            "This month's billing against the previous month (same days)", "bar", BILLING_VS_PREVIOUS,
            Tuple.of(curFrom, curTo, prevFrom, prevTo, targetPct)),
        section("by_month", "Facturación por mes", "Billing by month", "line", BILLED_BY_MONTH,
            Tuple.of(f.from().withDayOfMonth(1), f.to())));
  }
}
