package com.conecta.hub.operations.report;

import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.commerce.catalogue.BusinessLine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The report by business line (issue 22): leads won and lost, opportunities won, the open pipeline and its weighted
 * forecast, each grouped by the catalogue's lines. A lead belongs to the line its interest names (by key or old name);
 * an opportunity to its lead's line, else to the first line of a division it claims. Rows hold the line's key (the
 * screen shows its name); '—' is a lead or opportunity no line claims.
 */
public final class BusinessLineReportStore {
  /** The catalogue as two lookup tables: an interest value → its line, a division → its first line. */
  private static final String LINES = """
      with vm(v, k) as (select * from unnest($7::text[], $8::text[])),
           dm(d, k) as (select * from unnest($9::text[], $10::text[]))""";
  /** An opportunity's line: its lead's interest, else its first claimed division's line. */
  private static final String OPPORTUNITY_LINE = """
      coalesce((select vm.k from leads l join vm on vm.v = l.interest_area where l.id = o.lead_id),
               (select dm.k from opportunity_divisions d join dm on dm.d = d.division where d.opportunity_id = o.id
                order by d.division limit 1), '—')""";
  /** Opportunities sold by the agent ($4) or a member of the team ($3). */
  private static final String SOLD_BY = """
      ($3::bigint is null or exists (select 1 from opportunity_salespeople s join team_members tm on tm.user_id = s.user_id
                                     where s.opportunity_id = o.id and tm.team_id = $3))
      and ($4::bigint is null or exists (select 1 from opportunity_salespeople s where s.opportunity_id = o.id and s.user_id = $4))""";
  private static final String LEADS_BY_LINE = LINES + """
      select coalesce(vm.k, '—') as business_line, count(*) as leads,
             count(*) filter (where s.outcome = 'won') as won, count(*) filter (where s.outcome = 'lost') as lost,
             round(100.0 * count(*) filter (where s.outcome = 'won') / nullif(count(*) filter (where s.outcome <> 'open'), 0), 1)
               as win_rate_pct
      from leads l left join vm on vm.v = l.interest_area left join lead_stages s on s.key = l.stage
      left join conversations c on c.id = l.conversation_id left join inboxes i on i.id = c.inbox_id
      where l.created_at >= $1 and l.created_at < $2
        and ($3::bigint is null or l.team_id = $3) and ($4::bigint is null or l.assignee_id = $4)
        and ($5::bigint is null or c.inbox_id = $5) and ($6::text is null or i.channel = $6)
      group by 1 order by leads desc, 1""";
  private static final String WON_BY_LINE = LINES + """
      select %s as business_line, o.currency, count(*) filter (where o.status = 'won') as won,
             count(*) filter (where o.status = 'lost') as lost,
             coalesce(sum(o.amount) filter (where o.status = 'won'), 0) as won_amount
      from opportunities o
      where o.status <> 'open' and o.closed_at >= $1 and o.closed_at < $2 and %s
        and $5::bigint is null and $6::text is null
      group by 1, 2 order by won_amount desc, 1""".formatted(OPPORTUNITY_LINE, SOLD_BY);
  private static final String PIPELINE_BY_LINE = LINES + """
      select %s as business_line, o.currency, count(*) as open_opportunities, sum(o.amount) as pipeline_amount,
             sum(o.amount * o.probability / 100.0) as weighted_amount
      from opportunities o
      where o.status = 'open' and %s and $1::timestamptz is not null and $2::timestamptz is not null
        and $5::bigint is null and $6::text is null
      group by 1, 2 order by pipeline_amount desc, 1""".formatted(OPPORTUNITY_LINE, SOLD_BY);
  private static final String FORECAST_BY_LINE = LINES + """
      select %s || ' · ' || coalesce(to_char(o.expected_close, 'YYYY-MM'), '—') as business_line_month, o.currency,
             count(*) as open_opportunities, sum(o.amount * o.probability / 100.0) as weighted_amount
      from opportunities o
      where o.status = 'open' and %s and $1::timestamptz is not null and $2::timestamptz is not null
        and $5::bigint is null and $6::text is null
      group by 1, 2 order by 1, 2""".formatted(OPPORTUNITY_LINE, SOLD_BY);

  private final Pool pool;
  private final String[] values;
  private final String[] valueLines;
  private final String[] divisions;
  private final String[] divisionLines;

  public BusinessLineReportStore(Pool pool, BusinessCatalogue catalogue) {
    this.pool = pool;
    List<String> v = new ArrayList<>();
    List<String> vl = new ArrayList<>();
    List<String> d = new ArrayList<>();
    List<String> dl = new ArrayList<>();
    for (BusinessLine line : catalogue.lines()) {
      v.add(line.key());
      vl.add(line.key());
      for (String alias : line.aliases()) {
        v.add(alias);
        vl.add(line.key());
      }
      if (!d.contains(line.division())) {
        d.add(line.division());
        dl.add(line.key());
      }
    }
    this.values = v.toArray(String[]::new);
    this.valueLines = vl.toArray(String[]::new);
    this.divisions = d.toArray(String[]::new);
    this.divisionLines = dl.toArray(String[]::new);
  }

  /**
   * The sections. Opportunities have no inbox or channel: with either filter their sections are empty rather than
   * wrong. The pipeline and forecast are today's open opportunities, whatever the dates.
   */
  public Future<List<ReportSection>> sections(ReportFilter f) {
    Tuple params = Tuple.tuple().addOffsetDateTime(f.start()).addOffsetDateTime(f.end()).addLong(f.teamId())
        .addLong(f.agentId()).addLong(f.inboxId()).addString(f.channel()).addArrayOfString(values)
        .addArrayOfString(valueLines).addArrayOfString(divisions).addArrayOfString(divisionLines);
    return Future.all(List.of(
        section("leads_by_line", "Leads ganados y perdidos por línea de negocio", "Leads won and lost by business line",
            "bar", LEADS_BY_LINE, params),
        section("opportunities_closed_by_line", "Oportunidades cerradas por línea de negocio",
            "Opportunities closed by business line", "bar", WON_BY_LINE, params),
        section("pipeline_by_line", "Embudo abierto por línea de negocio (monto y ponderado)",
            "Open pipeline by business line (amount and weighted)", "bar", PIPELINE_BY_LINE, params),
        section("forecast_by_line", "Pronóstico ponderado por línea y mes de cierre",
            "Weighted forecast by line and close month", "table", FORECAST_BY_LINE, params)))
        .map(all -> all.<ReportSection>list());
  }

  private Future<ReportSection> section(String key, String es, String en, String chart, String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).map(rows -> ReportSection.of(key, es, en, chart, rows));
  }
}
