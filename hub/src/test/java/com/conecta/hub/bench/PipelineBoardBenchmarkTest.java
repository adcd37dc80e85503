package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The leads' pipeline board over HTTP with 5,000 open leads (each with a conversation and messages), p50/p99 of 200
 * calls as an admin (everything) and as an agent (scoped), with and without a filter. Prints figures; asserts only
 * that the board counts every lead. Run: ./mvnw -B -pl hub -am verify -Pbench -Dtest=PipelineBoardBenchmarkTest
 */
@Tag("benchmark")
@DisplayName("Pipeline board benchmark (5,000 open leads)")
class PipelineBoardBenchmarkTest extends HubTestBase {
  private static final int LEADS = Integer.getInteger("bench.leads", 5_000);
  private static final int CALLS = 200;

  @Test
  @DisplayName("prints p50/p99 of the board for an admin and an agent, with and without filters")
  void boardTimes() {
    load();
    Api ana = signIn("ana@demo.conecta.cl");
    System.out.printf("%nPipeline board at %,d open leads (%,d messages)%n", LEADS,
        count("select count(*) from messages"));
    System.out.printf("%-8s %-28s %10s %10s %10s%n", "caller", "query", "p50 ms", "p99 ms", "max ms");
    for (String query : new String[] {"owner=all", "owner=me", "owner=all&interest=seguridad", "owner=all&source=whatsapp"}) {
      for (Api caller : new Api[] {admin, ana}) {
        JsonObject board = caller.get("/api/v1/pipeline/leads?" + query).bodyAsJsonObject();
        if (caller == admin && query.equals("owner=all")) {
          assertEquals(LEADS, board.getJsonArray("columns").stream().filter(c -> ((JsonObject) c)
              .getJsonObject("stage").getString("outcome").equals("open"))
              .mapToLong(c -> ((JsonObject) c).getLong("count")).sum(), "the board counts every open lead");
        }
        long[] times = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
          long s = System.nanoTime();
          var res = caller.get("/api/v1/pipeline/leads?" + query);
          times[i] = System.nanoTime() - s;
          assertEquals(200, res.statusCode(), res.bodyAsString());
        }
        Arrays.sort(times);
        System.out.printf("%-8s %-28s %10.1f %10.1f %10.1f%n", caller == admin ? "admin" : "agent", query,
            times[CALLS / 2] / 1e6, times[(int) Math.ceil(CALLS * 0.99) - 1] / 1e6, times[CALLS - 1] / 1e6);
      }
    }
    drawInChromium("pipeline", "pipeline-board", ".pipeline-card", "Embudo");
  }

  @Test
  @DisplayName("prints p50/p99 of the opportunity board (with its forecast) and its draw time in Chromium")
  void opportunityBoardTimes() {
    loadOpportunities();
    Api ana = signIn("ana@demo.conecta.cl");
    System.out.printf("%nOpportunity board at %,d open opportunities (columns and weighted forecast)%n",
        count("select count(*) from opportunities where status = 'open'"));
    System.out.printf("%-8s %-28s %10s %10s %10s%n", "caller", "query", "p50 ms", "p99 ms", "max ms");
    for (String query : new String[] {"owner=all", "owner=me", "owner=all&division=security", "owner=all&line=solar"}) {
      for (Api caller : new Api[] {admin, ana}) {
        long[] times = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
          long s = System.nanoTime();
          var res = caller.get("/api/v1/pipeline/opportunities?" + query);
          times[i] = System.nanoTime() - s;
          assertEquals(200, res.statusCode(), res.bodyAsString());
        }
        Arrays.sort(times);
        System.out.printf("%-8s %-28s %10.1f %10.1f %10.1f%n", caller == admin ? "admin" : "agent", query,
            times[CALLS / 2] / 1e6, times[(int) Math.ceil(CALLS * 0.99) - 1] / 1e6, times[CALLS - 1] / 1e6);
      }
    }
    drawInChromium("opportunities", "opportunity-board", ".opportunity-card", "Oportunidades");
  }

  /** Accounts and open opportunities over the open stages, two salespeople, five divisions, a year of close dates. */
  private void loadOpportunities() {
    sql.query("insert into accounts (name) select 'Cuenta bench ' || g from generate_series(1, %d) g".formatted(LEADS))
        .execute().await();
    sql.query("""
        insert into opportunities (account_id, name, amount, currency, expected_close, stage, probability, created_by,
                                   stage_changed_at)
        select a.id, 'Oportunidad ' || a.id, 100000 * (1 + a.id % 50), 'CLP', current_date + (a.id % 365)::int,
               (array['new', 'contacted', 'informed', 'pre_sale'])[1 + a.id % 4],
               (array[5, 10, 30, 60])[1 + a.id % 4], 1, now() - (a.id % 60) * interval '1 day'
        from accounts a where a.name like 'Cuenta bench %'""").execute().await();
    sql.query("""
        insert into opportunity_salespeople (opportunity_id, user_id) select o.id, 2 + (o.id % 2) from opportunities o""")
        .execute().await();
    sql.query("""
        insert into opportunity_divisions (opportunity_id, division)
        select o.id, (array['security', 'internet', 'energy', 'climate', 'computing'])[1 + o.id % 5] from opportunities o""")
        .execute().await();
    sql.query("vacuum analyze").execute().await();
  }

  /** From a click on "Embudo" to the board drawn (fetched and every column and card in the page), as an admin. */
  private void drawInChromium(String view, String boardId, String cardSelector, String label) {
    WebDriver driver = Browser.start();
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      driver.get("http://127.0.0.1:" + hub.port() + "/");
      Browser.signIn(driver, wait, Api.ADMIN, Api.ADMIN_PASSWORD);
      int runs = 20;
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav [data-view='inbox']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation-list")));
        Object t0 = ((JavascriptExecutor) driver).executeScript(
            "const t = performance.now(); document.querySelector(\"nav [data-view='" + view + "']\").click(); return t;");
        String drawn = wait.until(d -> d.findElement(By.id(boardId)).getAttribute("data-drawn-at"));
        ms[i] = Double.parseDouble(drawn) - ((Number) t0).doubleValue();
      }
      Arrays.sort(ms);
      System.out.printf("Chromium: click on %s to the board drawn (%d cards), %d runs: p50 %.0f ms, max %.0f ms%n",
          label, driver.findElements(By.cssSelector(cardSelector)).size(), runs, ms[runs / 2], ms[runs - 1]);
    } finally {
      driver.quit();
    }
  }

  /** Contacts, a conversation each on the sales inboxes, five messages each, and an open lead in one of four stages. */
  private void load() {
    sql.query("insert into contacts (name, phone) select 'Board ' || g, '5698' || (1000000 + g) from generate_series(1, %d) g"
        .formatted(LEADS)).execute().await();
    sql.query("""
        insert into conversations (inbox_id, contact_id, team_id, assignee_id, status, last_activity_at)
        select case when c.id % 2 = 0 then 1 else 5 end, c.id, 1, 2 + (c.id % 2), 'open', now()
        from contacts c where c.name like 'Board %'""").execute().await();
    sql.query("""
        insert into messages (conversation_id, inbox_id, direction, sender_kind, content_type, text, created_at)
        select cv.id, cv.inbox_id, case when m % 2 = 0 then 'in' else 'out' end, case when m % 2 = 0 then 'contact' else 'agent' end,
               'text', 'Mensaje ' || m || ' de la conversación ' || cv.id, now() - (5 - m) * interval '1 minute'
        from conversations cv join contacts c on c.id = cv.contact_id and c.name like 'Board %',
             generate_series(1, 5) m""").execute().await();
    sql.query("""
        insert into leads (contact_id, conversation_id, title, stage, source, campaign, interest_area, priority, score,
                           assignee_id, team_id, answers, stage_changed_at)
        select cv.contact_id, cv.id, 'Prospecto ' || cv.id,
               (array['new', 'contacted', 'informed', 'pre_sale'])[1 + cv.id % 4],
               (array['whatsapp', 'webform', 'api'])[1 + cv.id % 3], 'campaña ' || (cv.id % 7),
               (array['seguridad', 'redes', 'solar', 'climatizacion', 'computacion'])[1 + cv.id % 5],
               (array['A', 'B', 'C'])[1 + cv.id % 3], cv.id % 100, cv.assignee_id, 1,
               jsonb_build_object('budget', (100000 * (1 + cv.id % 50))::text), now() - (cv.id % 60) * interval '1 day'
        from conversations cv join contacts c on c.id = cv.contact_id and c.name like 'Board %'""").execute().await();
    sql.query("vacuum analyze").execute().await();
  }
}
