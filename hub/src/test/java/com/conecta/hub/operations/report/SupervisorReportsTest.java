package com.conecta.hub.operations.report;

import static com.conecta.hub.operations.report.ReportReader.report;
import static com.conecta.hub.operations.report.ReportReader.row;
import static com.conecta.hub.operations.report.ReportReader.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reports of campaigns, service work and satisfaction, and the weekly summary mailed to team supervisors. */
@DisplayName("Reports: campaigns, service work, satisfaction and the supervisors' weekly summary")
class SupervisorReportsTest extends HubTestBase {
  private final LocalDate today = LocalDate.now(ReportReader.ZONE);

  private String range() {
    return ReportReader.range(today);
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
