package com.conecta.hub.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reports: the figures supervisors and managers run their week from")
class ReportsTest extends HubTestBase {
  private static final ZoneId ZONE = ZoneId.of("America/Santiago");
  private LocalDate today;

  @BeforeAll
  void users() {
    today = LocalDate.now(ZONE);
    admin.post("/api/v1/users", new JsonObject().put("email", "mkt@demo.conecta.cl").put("name", "Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD));
  }

  private String range() {
    return "from=" + today.minusDays(1) + "&to=" + today;
  }

  private static JsonObject section(JsonObject report, String key) {
    return report.getJsonArray("sections").stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("key").equals(key)).findFirst().orElseThrow(() -> new AssertionError("no " + key));
  }

  private static List<JsonObject> rows(JsonObject report, String key) {
    return section(report, key).getJsonArray("rows").stream().map(o -> (JsonObject) o).toList();
  }

  private static Optional<JsonObject> row(JsonObject report, String key, String column, Object value) {
    return rows(report, key).stream().filter(r -> value.equals(r.getValue(column))).findFirst();
  }

  private JsonObject report(Api api, String key, String query) {
    var res = api.get("/api/v1/reports/" + key + "?" + query);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
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
  @DisplayName("campaigns: the funnel per campaign and per template")
  void campaignFunnel() {
    sql.query("""
        with k as (insert into campaigns (name, inbox_id, template_name, status, launched_at)
                   values ('Black Friday', 1, 'promo_bf', 'completed', now()) returning id),
        p as (insert into contacts (name, phone) select 'Camp ' || g, '5699000' || g from generate_series(1, 4) g returning id),
        c as (insert into conversations (inbox_id, contact_id, status) select 1, id, 'open' from p returning id, contact_id),
        m as (insert into messages (conversation_id, inbox_id, direction, sender_kind, content_type, text, status)
              select c.id, 1, 'out', 'system', 'template', 'promo',
                     (array['read', 'delivered', 'sent', 'failed'])[row_number() over (order by c.id)]
              from c returning id, conversation_id)
        insert into campaign_recipients (campaign_id, contact_id, status, conversation_id, message_id, replied_at)
        select k.id, c.contact_id, 'outboxed', c.id, m.id,
               case when row_number() over (order by c.id) = 1 then now() end
        from k, c join m on m.conversation_id = c.id""").execute().await();
    JsonObject report = report(admin, "campaigns", range());
    JsonObject bf = row(report, "by_campaign", "campaign", "Black Friday").orElseThrow();
    assertEquals(4, bf.getInteger("recipients"));
    assertEquals(3, bf.getInteger("sent"));
    assertEquals(2, bf.getInteger("delivered"));
    assertEquals(1, bf.getInteger("read"));
    assertEquals(1, bf.getInteger("failed"));
    assertEquals(1, bf.getInteger("replied"));
    assertEquals(33.3, bf.getDouble("reply_rate_pct"));
    assertEquals(4, row(report, "by_template", "template", "promo_bf").orElseThrow().getInteger("recipients"));
  }

  @Test
  @DisplayName("each team supervisor gets last week's summary by email once, in their language")
  void weeklySummary() {
    sql.query("update team_members set supervisor = (user_id = 3 and team_id = 1) or (user_id = 4 and team_id = 2)")
        .execute().await();
    sql.query("update users set locale = 'en' where id = 4").execute().await();
    var first = admin.post("/api/v1/reports/weekly-summary/send", new JsonObject());
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals(2, first.bodyAsJsonObject().getInteger("queued"));
    assertEquals(0, admin.post("/api/v1/reports/weekly-summary/send", new JsonObject()).bodyAsJsonObject()
        .getInteger("queued"), "nobody gets the same week twice");

    var rows = sql.query("select user_id, channel, subject, body, html_body from notifications where kind = 'report.weekly' "
        + "order by user_id").execute().await();
    List<JsonObject> sent = java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(r -> new JsonObject()
        .put("user", r.getLong("user_id")).put("channel", r.getString("channel")).put("subject", r.getString("subject"))
        .put("body", r.getString("body")).put("html", r.getString("html_body"))).collect(Collectors.toList());
    assertEquals(2, sent.size());
    JsonObject bruno = sent.get(0);
    assertEquals(3L, bruno.getLong("user"));
    assertEquals("email", bruno.getString("channel"));
    assertTrue(bruno.getString("subject").startsWith("Resumen semanal de Ventas"), bruno.getString("subject"));
    assertTrue(bruno.getString("body").contains("Conversaciones nuevas:"), bruno.getString("body"));
    assertTrue(bruno.getString("html").contains("<strong>Ventas</strong>"));
    JsonObject carla = sent.get(1);
    assertTrue(carla.getString("subject").startsWith("Weekly summary for Soporte"), carla.getString("subject"));
    assertTrue(carla.getString("body").contains("Visits scheduled: 0 (target: 10)"), carla.getString("body"));
  }

  @Test
  @DisplayName("service: requests by kind and status, at-risk work orders saved against cancelled, visits per team")
  void serviceWork() {
    sql.query("""
        with p as (insert into contacts (name) values ('Cliente servicio') returning id),
        r as (insert into service_requests (kind, status, contact_id, seller_id, technician_id, scheduled_for)
              select k.kind, k.status, p.id, k.seller, k.tech, now() from p,
                (values ('potential_client_visit', 'scheduled', 3, null), ('technical_visit', 'done', null, 4),
                        ('maintenance', 'cancelled', 3, 4)) as k(kind, status, seller, tech)
              returning id, kind)
        insert into service_observations (request_id, kind, description, seller_id, deadline_at, status)
        select r.id, 'address', 'dirección incompleta', 3, now() + interval '2 hours',
               case when r.kind = 'potential_client_visit' then 'resolved' else 'open' end
        from r where r.kind in ('potential_client_visit', 'maintenance')""").execute().await();
    JsonObject service = report(admin, "service", range());
    assertEquals(List.of("maintenance", "potential_client_visit", "technical_visit"),
        rows(service, "service_requests").stream().map(r -> r.getString("kind")).sorted().toList());
    assertEquals(1, row(service, "service_requests", "kind", "technical_visit").orElseThrow().getInteger("done"));
    JsonObject risk = rows(service, "work_orders_at_risk").get(0);
    assertEquals(2, risk.getInteger("raised"));
    assertEquals(1, risk.getInteger("saved"));
    assertEquals(1, risk.getInteger("cancelled"));
    assertEquals(50.0, risk.getDouble("not_cancelled_pct"));
    assertEquals(false, risk.getBoolean("met"), "50 % is below the 95 % target");

    JsonObject leads = report(admin, "leads", range());
    // Bruno (Ventas and Soporte) booked the potential-client visit; Carla (Soporte) the technical one.
    assertEquals(1, row(leads, "visits_per_week", "team", "Ventas").orElseThrow().getInteger("visits"));
    assertEquals(2, row(leads, "visits_per_week", "team", "Soporte").orElseThrow().getInteger("visits"));
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

  @Test
  @DisplayName("satisfaction: the 1–5 answers by agent, team and channel, with the share of 4s and 5s")
  void satisfactionAnswers() {
    sql.query("""
        with p as (insert into contacts (name) values ('Encuestado') returning id),
        s as (insert into satisfaction_surveys (source_type, source_id, contact_id, agent_id, team_id, channel, answer_until)
              select 'ticket', g, p.id, case when g <= 9003 then 2 else 4 end, case when g <= 9003 then 1 else 2 end,
                     'whatsapp', now() + interval '1 day'
              from p, generate_series(9001, 9004) g returning id, contact_id, agent_id, team_id, source_id)
        insert into satisfaction_responses (survey_id, contact_id, agent_id, team_id, channel, score)
        select id, contact_id, agent_id, team_id, 'whatsapp', (array[5, 4, 2, 3])[source_id - 9000] from s""")
        .execute().await();
    JsonObject report = report(admin, "satisfaction", range());
    JsonObject ana = row(report, "by_agent", "agent", "Ana Rojas").orElseThrow();
    assertEquals(3, ana.getInteger("answers"));
    assertEquals(3.67, ana.getDouble("average"));
    assertEquals(66.7, ana.getDouble("satisfied_pct"));
    assertEquals(1, ana.getInteger("score_5"));
    JsonObject support = row(report, "by_team", "team", "Soporte").orElseThrow();
    assertEquals(1, support.getInteger("answers"));
    assertEquals(1, support.getInteger("score_3"), "the Soporte answer was a 3");
    assertEquals(4, row(report, "by_channel", "channel", "whatsapp").orElseThrow().getInteger("answers"));
    assertEquals(1, rows(report(admin, "satisfaction", range() + "&teamId=2"), "by_team").size());
  }
}
