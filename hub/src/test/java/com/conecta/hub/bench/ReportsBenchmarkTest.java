package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.operations.report.ReportStore;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every report over the HTTP API at 1,000,000 messages and 100,000 conversations (90 days of history), p50 and p99
 * of 30 calls each, for the last 30 days and for one team. Prints figures; asserts only that the figures add up.
 * Run: ./mvnw -B -pl hub -am verify -Pbench -Dtest=ReportsBenchmarkTest
 */
@Tag("benchmark")
@DisplayName("Reports benchmark (1,000,000 messages, 100,000 conversations)")
class ReportsBenchmarkTest extends HubTestBase {
  private static final int CONVERSATIONS = Integer.getInteger("bench.conversations", 100_000);
  private static final int MESSAGES_EACH = 10;
  private static final int CALLS = 30;

  @Test
  @DisplayName("prints p50/p99 per report and the rollup's time")
  void reportTimes() {
    long t0 = System.nanoTime();
    load();
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    // Start the rollup from scratch to time it (the hub's own pass may take it instead: then it says 0).
    sql.query("truncate message_hourly").execute().await();
    sql.query("update report_rollups set rolled_until = '-infinity'").execute().await();
    long r0 = System.nanoTime();
    long rolled = new ReportStore(sql).rollUp().await();
    double rollupSeconds = (System.nanoTime() - r0) / 1e9;
    assertEquals(count("select count(*) from messages where created_at < (select rolled_until from report_rollups)"),
        count("select coalesce(sum(messages), 0) from message_hourly"), "the rollup holds every message behind its watermark");
    sql.query("vacuum analyze").execute().await();

    JsonObject all = admin.get("/api/v1/reports/conversations?from=2000-01-01&to=2001-12-31").bodyAsJsonObject();
    assertEquals(0, all.getJsonArray("sections").getJsonObject(0).getJsonArray("rows").size(), "nothing before the data");

    System.out.printf("%nReports at %,d messages / %,d conversations (loaded in %.1f s; rollup of %,d messages %.1f s)%n",
        (long) CONVERSATIONS * MESSAGES_EACH, CONVERSATIONS, loadSeconds, rolled, rollupSeconds);
    System.out.printf("%-16s %-10s %10s %10s%n", "report", "filter", "p50 ms", "p99 ms");
    for (String report : List.of("conversations", "leads", "service", "collections", "campaigns", "billing")) {
      for (String filter : List.of("", "teamId=1")) {
        long[] times = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
          long s = System.nanoTime();
          var res = admin.get("/api/v1/reports/" + report + "?" + filter);
          times[i] = System.nanoTime() - s;
          assertEquals(200, res.statusCode(), res.bodyAsString());
        }
        Arrays.sort(times);
        System.out.printf("%-16s %-10s %10.1f %10.1f%n", report, filter.isEmpty() ? "30 days" : "30 d, team",
            times[CALLS / 2] / 1e6, times[(int) Math.ceil(CALLS * 0.99) - 1] / 1e6);
      }
    }
  }

  /** 90 days of history: conversations spread evenly, ten messages each, leads, tickets and invoices. */
  private void load() {
    sql.query("""
        insert into contacts (name, phone) select 'Bench ' || g, '569' || (10000000 + g) from generate_series(1, %d) g
        """.formatted(CONVERSATIONS)).execute().await();
    sql.query("""
        insert into conversations (inbox_id, contact_id, team_id, assignee_id, status, created_at, first_reply_at,
                                   resolved_at, last_activity_at)
        select i, c.id, case when i = 2 or i = 4 then 2 else 1 end, 2 + (c.id %% 3),
               case when c.id %% 10 < 7 then 'resolved' else 'open' end,
               now() - (c.id::float / %d) * interval '90 days',
               now() - (c.id::float / %d) * interval '90 days' + (c.id %% 120) * interval '1 minute',
               case when c.id %% 10 < 7 then now() - (c.id::float / %d) * interval '90 days' + (c.id %% 48) * interval '1 hour' end,
               now()
        from (select id, 1 + (id %% 5) as i from contacts where name like 'Bench %%') c
        """.formatted(CONVERSATIONS, CONVERSATIONS, CONVERSATIONS)).execute().await();
    sql.query("""
        insert into messages (conversation_id, inbox_id, direction, sender_kind, content_type, text, created_at)
        select c.id, c.inbox_id, case when k %% 2 = 0 then 'in' else 'out' end,
               case when k %% 2 = 0 then 'contact' else 'agent' end, 'text', 'mensaje ' || k,
               c.created_at + k * interval '1 minute'
        from conversations c, generate_series(0, %d) k order by c.created_at, k
        """.formatted(MESSAGES_EACH - 1)).execute().await();
    sql.query("""
        insert into leads (contact_id, conversation_id, stage, source, campaign, interest_area, assignee_id, team_id, created_at)
        select contact_id, id, (array['new', 'contacted', 'informed', 'pre_sale', 'won', 'lost'])[1 + id % 6],
               (array['whatsapp', 'webform', 'email'])[1 + id % 3], 'camp-' || (id % 20),
               (array['solar', 'climatizacion', 'redes'])[1 + id % 3], assignee_id, team_id, created_at
        from conversations where id % 5 = 0""").execute().await();
    sql.query("""
        insert into tickets (contact_id, conversation_id, kind, subject, priority, status, due_at, created_at)
        select contact_id, id, (array['support', 'visit', 'maintenance', 'warranty'])[1 + id % 4], 'Bench',
               (array['low', 'normal', 'high', 'urgent'])[1 + id % 4],
               (array['open', 'in_progress', 'resolved', 'closed'])[1 + id % 4], created_at + interval '2 days', created_at
        from conversations where id % 10 = 0""").execute().await();
    sql.query("""
        insert into invoices (external_id, number, amount, currency, issued_at, due_date, status)
        select 'bench-' || g, 'F' || g, 1000 + g, 'CLP', (now() - g * interval '1 hour')::date,
               (now() - g * interval '1 hour' + interval '30 days')::date, case when g % 3 = 0 then 'paid' else 'open' end
        from generate_series(1, 5000) g""").execute().await();
  }
}
