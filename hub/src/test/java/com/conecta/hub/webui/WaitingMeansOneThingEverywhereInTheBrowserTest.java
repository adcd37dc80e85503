package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Issue 21 item 6: 'waiting' means one thing in the list, the team view and the reports (real Chromium)")
class WaitingMeansOneThingEverywhereInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  private long conversation(String source, String name) {
    return admin.inbound(API_INBOX, source, source + "-id", name, "Hola, quiero cotizar").bodyAsJsonObject()
        .getLong("conversationId");
  }

  private void botSession(long conversationId, String status, int minutesAgo) {
    sql.preparedQuery("insert into bot_sessions (conversation_id, flow, state, status, updated_at) "
            + "values ($1, 'sales', '{}'::jsonb, $2, now() - make_interval(mins => $3))")
        .execute(io.vertx.sqlclient.Tuple.of(conversationId, status, minutesAgo)).await();
  }

  @Test
  @DisplayName("a conversation mid-flow is 'with the bot' (not waiting, not contained); a handed-off one waits since the"
      + " hand-off; an answered one waits for nobody; the team view and the report count the same")
  void oneDefinition() {
    long withBot = conversation("wt-bot", "Bruno ConBot");
    botSession(withBot, "active", 0);
    long handedOff = conversation("wt-handoff", "Hilda Derivada");
    botSession(handedOff, "handed_off", 3);
    long answered = conversation("wt-answered", "Ana Respondida");
    assertEquals(201, admin.post("/api/v1/conversations/" + answered + "/messages",
        new JsonObject().put("text", "¡Hola! Ya le ayudo.")).statusCode());
    long contained = conversation("wt-contained", "Carla Contenida");
    botSession(contained, "finished", 1);
    assertTrue(admin.post("/api/v1/conversations/" + contained + "/status",
        new JsonObject().put("status", "resolved")).statusCode() < 300);

    JsonObject bot = admin.get("/api/v1/conversations/" + withBot).bodyAsJsonObject().getJsonObject("waiting");
    assertEquals("bot", bot.getString("state"));
    JsonObject waiting = admin.get("/api/v1/conversations/" + handedOff).bodyAsJsonObject().getJsonObject("waiting");
    assertEquals("waiting", waiting.getString("state"));
    long sinceAgo = java.time.Duration.between(java.time.Instant.parse(waiting.getString("since")),
        java.time.Instant.now()).toMinutes();
    assertTrue(sinceAgo >= 2 && sinceAgo <= 4, "waiting since the hand-off, 3 minutes ago: " + waiting);
    assertEquals("person", admin.get("/api/v1/conversations/" + answered).bodyAsJsonObject().getJsonObject("waiting")
        .getString("state"));

    String range = "from=" + java.time.LocalDate.now().minusDays(1) + "&to=" + java.time.LocalDate.now().plusDays(1);
    JsonObject report = admin.get("/api/v1/reports/conversations?" + range + "&teamId=1").bodyAsJsonObject();
    JsonArray sections = report.getJsonArray("sections");
    JsonObject waitingSection = section(sections, "waiting");
    long reported = waitingSection.getJsonArray("rows").stream().map(o -> (JsonObject) o)
        .filter(r -> "Ventas".equals(r.getString("team"))).mapToLong(r -> r.getLong("waiting")).sum();
    JsonObject all = admin.get("/api/v1/reports/conversations?" + range).bodyAsJsonObject();
    JsonObject containment = section(all.getJsonArray("sections"), "bot_containment").getJsonArray("rows")
        .getJsonObject(0);
    assertEquals(3, containment.getLong("with_bot"));
    assertEquals(1, containment.getLong("contained"), "only the finished flow is contained, not the one mid-flow");

    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-tab='all']"))).click();
    var fresh = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    By botRow = By.cssSelector("#conversation-list li[data-id='" + withBot + "'] .preview");
    fresh.until(d -> d.findElement(botRow).getText().contains("con el bot"));
    assertFalse(driver.findElement(botRow).getText().contains("esperando"), driver.findElement(botRow).getText());
    By waitingRow = By.cssSelector("#conversation-list li[data-id='" + handedOff + "'] .preview");
    fresh.until(d -> d.findElement(waitingRow).getText().matches(".*esperando hace 3 min.*"));
    By answeredRow = By.cssSelector("#conversation-list li[data-id='" + answered + "'] .preview");
    assertFalse(fresh.until(d -> d.findElement(answeredRow)).getText().contains("esperando"));
    Browser.screenshot(driver, "i21-6a-list-waiting-and-bot");

    driver.findElement(By.cssSelector("nav.views [data-view='team']")).click();
    By queue = By.cssSelector(".team[data-team='1'] .waiting li");
    fresh.until(d -> d.findElements(queue).size() == reported);
    assertEquals(1, reported, "only the handed-off conversation waits for a person in Ventas");
    assertTrue(driver.findElements(By.cssSelector(".team li[data-conversation='" + withBot + "']")).isEmpty(),
        "a conversation with the bot is not in the queue");
    assertTrue(driver.findElement(By.cssSelector(".team[data-team='1'] h2")).getText().contains("1 esperando"));
    Browser.screenshot(driver, "i21-6b-team-view-waiting");
  }

  private static JsonObject section(JsonArray sections, String key) {
    return sections.stream().map(o -> (JsonObject) o).filter(s -> key.equals(s.getString("key"))).findFirst()
        .orElseThrow(() -> new AssertionError("no section " + key + " in " + sections));
  }
}
