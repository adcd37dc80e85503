package com.conecta.hub.operations.report;

import static com.conecta.hub.operations.report.ReportReader.report;
import static com.conecta.hub.operations.report.ReportReader.row;
import static com.conecta.hub.operations.report.ReportReader.rows;
import static com.conecta.hub.operations.report.ReportReader.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reports: the figures supervisors and managers run their week from")
class ReportsTest extends HubTestBase {
  private LocalDate today;

  @BeforeAll
  void users() {
    today = LocalDate.now(ReportReader.ZONE);
    admin.post("/api/v1/users", new JsonObject().put("email", "mkt@demo.conecta.cl").put("name", "Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD));
  }

  private String range() {
    return ReportReader.range(today);
  }

  @Test
  @DisplayName("conversations: volume by channel and hour, first response and resolution percentiles per agent; "
      + "the hourly rollup gives the same figures as the raw messages")
  void conversationFigures() {
    for (int i = 1; i <= 10; i++) {
      assertEquals(201, admin.inbound(API_INBOX, "rep-" + i, "rep-contact-" + i, "Cliente " + i, "hola " + i)
          .statusCode());
    }
    // Known times: the i-th conversation got its first reply after i minutes; the first four were resolved after
    // 1..4 hours. Everything happened three hours ago, so the rollup may take it.
    sql.query("""
        with c as (select id, row_number() over (order by id) as n from conversations
                   where contact_id in (select contact_id from contact_identities where value like 'rep-contact-%'))
        update conversations set assignee_id = 2, created_at = now() - interval '3 hours',
          first_reply_at = now() - interval '3 hours' + c.n * interval '1 minute',
          resolved_at = case when c.n <= 4 then now() - interval '3 hours' + c.n * interval '1 hour' end
        from c where conversations.id = c.id""").execute().await();
    sql.query("""
        update messages set created_at = now() - interval '3 hours' where conversation_id in (
          select id from conversations where contact_id in (
            select contact_id from contact_identities where value like 'rep-contact-%'))""").execute().await();

    JsonObject before = report(admin, "conversations", range() + "&inboxId=" + API_INBOX);
    JsonObject api = row(before, "volume_by_channel", "channel", "api").orElseThrow();
    assertEquals(10, api.getInteger("conversations"));
    assertEquals(10, api.getInteger("incoming_messages"));
    assertEquals(10, rows(before, "volume_by_hour").stream().mapToInt(r -> r.getInteger("incoming_messages")).sum());
    assertEquals(24, rows(before, "volume_by_hour").size());
    JsonObject ana = rows(before, "times_by_agent").get(0);
    assertEquals(10, ana.getInteger("conversations"));
    assertEquals(5.5, ana.getDouble("first_response_p50_min"));
    assertEquals(9.1, ana.getDouble("first_response_p90_min"));
    assertEquals(4, ana.getInteger("resolved"));
    assertEquals(2.5, ana.getDouble("resolution_p50_h"));
    assertEquals(3.7, ana.getDouble("resolution_p90_h"));

    ReportStore store = new ReportStore(sql);
    assertTrue(store.rollUp().await() >= 10, "the rollup took the messages of three hours ago");
    assertEquals(0L, store.rollUp().await(), "a second pass adds nothing");
    JsonObject after = report(admin, "conversations", range() + "&inboxId=" + API_INBOX);
    assertEquals(section(before, "volume_by_channel").getJsonArray("rows"),
        section(after, "volume_by_channel").getJsonArray("rows"));
    assertEquals(section(before, "volume_by_hour").getJsonArray("rows"),
        section(after, "volume_by_hour").getJsonArray("rows"));

    JsonObject whatsappOnly = report(admin, "conversations", range() + "&channel=whatsapp&inboxId=" + API_INBOX);
    assertTrue(row(whatsappOnly, "volume_by_channel", "channel", "api").isEmpty());
    JsonObject otherAgent = report(admin, "conversations", range() + "&agentId=3");
    assertTrue(rows(otherAgent, "times_by_agent").isEmpty());
  }

  @Test
  @DisplayName("admins and marketing read every report; an agent only the team they supervise; bad filters are refused")
  void accessAndBadInput() {
    // Seven, and the report by business line (issue 22).
    assertEquals(8, admin.get("/api/v1/reports").bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(401, new Api(vertx, hub.port()).get("/api/v1/reports/conversations").statusCode());
    Api marketing = signIn("mkt@demo.conecta.cl");
    assertEquals(200, marketing.get("/api/v1/reports/campaigns").statusCode());
    Api carla = signIn("carla@demo.conecta.cl");
    sql.query("update team_members set supervisor = false where user_id = 4").execute().await();
    assertEquals(403, carla.get("/api/v1/reports/conversations").statusCode());

    sql.query("update team_members set supervisor = true where user_id = 3 and team_id = 1").execute().await();
    Api bruno = signIn("bruno@demo.conecta.cl");
    JsonObject scoped = report(bruno, "conversations", range());
    assertEquals(1L, scoped.getJsonObject("filters").getLong("teamId"), "a supervisor's report is their team's");
    assertEquals(403, bruno.get("/api/v1/reports/conversations?teamId=2").statusCode());

    record Bad(String query, int status, String field) {}
    for (Bad bad : List.of(new Bad("from=23-11-2026", 422, "from"), new Bad("from=2026-12-01&to=2026-11-01", 422, "from"),
        new Bad("to=tomorrow", 422, "to"), new Bad("channel=fax", 422, "channel"), new Bad("teamId=x", 400, "teamId"),
        new Bad("format=xml", 422, "format"), new Bad("lang=fr", 422, "lang"),
        new Bad("from=2020-01-01&to=2026-01-01", 422, "from"))) {
      var res = admin.get("/api/v1/reports/conversations?" + bad.query());
      assertEquals(bad.status(), res.statusCode(), bad.query() + " → " + res.bodyAsString());
      assertEquals(bad.field(), res.bodyAsJsonObject().getJsonObject("error").getString("field"), bad.query());
    }
    assertEquals(404, admin.get("/api/v1/reports/nothing").statusCode());
  }

  @Test
  @DisplayName("leads by source and stage with win rate, exported as CSV with formulas neutralised")
  void leadsAndCsv() {
    String[][] leads = {{"new", "web"}, {"contacted", "web"}, {"won", "whatsapp"}, {"won", "whatsapp"},
        {"lost", "=HYPERLINK(\"http://x\")"}};
    for (String[] l : leads) {
      var res = admin.post("/api/v1/leads", new JsonObject().put("title", "Lead " + l[0]).put("stage", l[0])
          .put("source", l[1]).put("interestArea", "solar"));
      assertEquals(201, res.statusCode(), res.bodyAsString());
    }
    JsonObject report = report(admin, "leads", range());
    assertEquals(List.of("new", "contacted", "won", "lost"),
        rows(report, "by_stage").stream().map(r -> r.getString("stage")).toList(), "pipeline order");
    JsonObject whatsapp = row(report, "by_source", "source", "whatsapp").orElseThrow();
    assertEquals(2, whatsapp.getInteger("won"));
    assertEquals(100.0, whatsapp.getDouble("win_rate_pct"));
    JsonObject solar = row(report, "by_interest_area", "interest_area", "solar").orElseThrow();
    assertEquals(5, solar.getInteger("leads"));
    assertEquals(66.7, solar.getDouble("win_rate_pct"));

    var csv = admin.get("/api/v1/reports/leads?" + range() + "&format=csv&lang=en");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.getHeader("content-type").startsWith("text/csv"));
    String text = csv.bodyAsString();
    assertTrue(text.contains("Leads by source"), text);
    assertTrue(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "a formula is stored as text: " + text);
    assertFalse(text.contains(",=HYPERLINK"), text);
  }

  @Test
  @DisplayName("the Spanish CSV names lead stages and sources as the screens do, never by their keys")
  void spanishCsvNamesTheKeys() {
    // Stages and sources that leave leadsAndCsv's figures (whatsapp's win rate, the stage list) as they are.
    for (String[] l : new String[][] {{"new", "webform"}, {"contacted", "email"}, {"contacted", "feria"}}) {
      var res = admin.post("/api/v1/leads", new JsonObject().put("title", "Lead csv " + l[0]).put("stage", l[0])
          .put("source", l[1]));
      assertEquals(201, res.statusCode(), res.bodyAsString());
    }
    String leads = admin.get("/api/v1/reports/leads?" + range() + "&format=csv&lang=es").bodyAsString();
    List<String> cells = Arrays.stream(leads.split("\r\n")).flatMap(line -> Arrays.stream(line.split(";"))).toList();
    assertTrue(cells.contains("Nuevo") && cells.contains("Contactado"), "stages by their lead_stages names: " + leads);
    assertTrue(cells.contains("Formulario web") && cells.contains("Correo"), "sources by the channel's name: " + leads);
    assertTrue(cells.contains("feria"), "a free-text source is kept as written: " + leads);
    for (String key : List.of("new", "contacted", "webform", "email", "whatsapp")) {
      assertFalse(cells.contains(key), "no cell is the key '" + key + "': " + leads);
    }
  }

  @Test
  @DisplayName("collections: receivables by age, reminders and the payments that followed; billing against last month")
  void collectionsAndBilling() {
    sql.preparedQuery("""
        insert into invoices (external_id, number, amount, currency, due_date, status, issued_at, paid_at) values
          ('ag-1', 'F1', 100, 'CLP', $1::date + 3, 'open', null, null),
          ('ag-2', 'F2', 200, 'CLP', $1::date - 10, 'open', null, null),
          ('ag-3', 'F3', 300, 'CLP', $1::date - 45, 'open', null, null),
          ('ag-4', 'F4', 400, 'CLP', $1::date - 100, 'open', null, null),
          ('rm-1', 'R1', 500, 'USD', $1::date - 6, 'paid', null, now() - interval '1 hour'),
          ('rm-2', 'R2', 700, 'USD', $1::date - 6, 'cancelled', null, null),
          ('bl-1', 'B1', 990, 'COP', $1::date, 'paid', date_trunc('month', $1::date)::date, now()),
          ('bl-2', 'B2', 1000, 'COP', $1::date, 'paid', (date_trunc('month', $1::date) - interval '1 month')::date, now())
        """).execute(Tuple.of(today)).await();
    sql.query("""
        insert into reminder_sends (rule, record_type, record_id, occurrence, created_at)
        select 'payment_overdue_5', 'invoice', id, 'once', now() - interval '1 day' from invoices where external_id in ('rm-1', 'rm-2')
        """).execute().await();
    JsonObject collections = report(admin, "collections", range());
    JsonObject clp = row(collections, "aging", "currency", "CLP").orElseThrow();
    assertEquals(100.0, clp.getDouble("not_yet_due"));
    assertEquals(200.0, clp.getDouble("d1_30"));
    assertEquals(300.0, clp.getDouble("d31_60"));
    assertEquals(0.0, clp.getDouble("d61_90"));
    assertEquals(400.0, clp.getDouble("over_90"));
    assertEquals(1000.0, clp.getDouble("total"));
    JsonObject reminders = row(collections, "reminders", "rule", "payment_overdue_5").orElseThrow();
    assertEquals(2, reminders.getInteger("sent"));
    assertEquals(1, reminders.getInteger("paid_after"));
    assertEquals(500.0, reminders.getDouble("amount_paid_after"));

    JsonObject billing = report(admin, "billing", range());
    JsonObject cop = row(billing, "vs_previous_month", "currency", "COP").orElseThrow();
    assertEquals(990.0, cop.getDouble("billed"));
    assertEquals(1000.0, cop.getDouble("previous_month"));
    assertEquals(99.0, cop.getDouble("ratio_pct"));
    assertEquals(true, cop.getBoolean("met"), "99% is above the 98% target");
  }

  @Test
  @DisplayName("leads: how many reached each stage and the days spent in it; quotes sent, accepted and expired")
  void stageConversionAndQuotes() {
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      ids[i] = admin.post("/api/v1/leads", new JsonObject().put("title", "Embudo " + i).put("stage", "new"))
          .bodyAsJsonObject().getLong("id");
    }
    sql.preparedQuery("update leads set assignee_id = 4 where id = any($1)").execute(Tuple.of(new Long[] {ids[0], ids[1], ids[2]}))
        .await();
    // Lead 0 spent two days as new before being contacted, then won; lead 1 was lost straight from new.
    sql.preparedQuery("update leads set stage_changed_at = now() - interval '2 days' where id = $1").execute(Tuple.of(ids[0])).await();
    assertEquals(200, admin.post("/api/v1/leads/" + ids[0] + "/stage", new JsonObject().put("stage", "contacted")).statusCode());
    assertEquals(200, admin.post("/api/v1/leads/" + ids[0] + "/stage", new JsonObject().put("stage", "won")).statusCode());
    assertEquals(200, admin.post("/api/v1/leads/" + ids[1] + "/stage", new JsonObject().put("stage", "lost")
        .put("lostReason", "precio")).statusCode());
    JsonObject report = report(admin, "leads", range() + "&agentId=4");
    assertEquals(List.of("new", "contacted", "informed", "pre_sale", "won", "lost"),
        rows(report, "stage_conversion").stream().map(r -> r.getString("stage")).toList(), "the pipeline's order");
    JsonObject reachedNew = row(report, "stage_conversion", "stage", "new").orElseThrow();
    assertEquals(3, reachedNew.getInteger("reached"));
    assertEquals(100.0, reachedNew.getDouble("reached_pct"));
    assertEquals(1.0, reachedNew.getDouble("avg_days_in_stage"), "(2 days + 0 days) / 2 leads that left 'new'");
    assertEquals(1, row(report, "stage_conversion", "stage", "won").orElseThrow().getInteger("reached"));
    assertEquals(33.3, row(report, "stage_conversion", "stage", "lost").orElseThrow().getDouble("reached_pct"));
    JsonObject byAgent = rows(report, "by_agent").get(0);
    assertEquals(50.0, byAgent.getDouble("win_rate_pct"), "one won, one lost");

    sql.query("""
        with p as (insert into contacts (name) values ('Cliente cotización') returning id)
        insert into quotes (number, contact_id, status, currency, valid_until, net, tax, total, sent_at, created_by)
        select n, p.id, st, 'CLP', current_date + 30, 100, 19, t, case when st <> 'draft' then now() end, 4
        from p, (values ('Q-R1', 'accepted', 119), ('Q-R2', 'expired', 238), ('Q-R3', 'draft', 357)) as q(n, st, t)
        """).execute().await();
    JsonObject quotes = row(report(admin, "leads", range() + "&agentId=4"), "quotes", "currency", "CLP").orElseThrow();
    assertEquals(3, quotes.getInteger("quotes"));
    assertEquals(2, quotes.getInteger("sent"));
    assertEquals(1, quotes.getInteger("accepted"));
    assertEquals(1, quotes.getInteger("expired"));
    assertEquals(50.0, quotes.getDouble("accept_rate_pct"));
    assertEquals(119.0, quotes.getDouble("accepted_total"));
  }
}
