package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.StageBoard;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A salesperson works the opportunity board and edits a lead and an opportunity on their pages (real Chromium)")
class SalespersonWorksTheOpportunityBoardInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("drag to Pre-sale updates the weighted forecast; Lost asks why; another person's move shows live; a bad amount is shown beside its field")
  void opportunityBoard() {
    Api ana = signIn("ana@demo.conecta.cl");
    long[] converted = convertedLead(ana, "ob-1", "Rosa Vidal", "1234567", "2027-01-20");
    long fibre = opportunity(ana, "Enlace fibra oficina", "800000", "2027-02-10", "internet");

    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav [data-view='opportunities']"))).click();

    long opp = converted[0];
    String text = Browser.text(wait, card("new", opp));
    assertTrue(text.contains("$1.234.567"), "CLP as written in Chile: " + text);
    assertTrue(text.contains("5 %") && text.contains("Ana Rojas") && text.contains("cierre 20-01-2027"), text);
    assertTrue(text.contains("Seguridad y cámaras"), "the division's Spanish name: " + text);
    // 5 % of 1,234,567 in January.
    wait.until(d -> weighted(d, "forecast-month", "2027-01").equals("$61.728"));

    Browser.drag(wait, card("new", opp), StageBoard.column("pre_sale"));
    wait.until(d -> "pre_sale".equals(stage(opp)));
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("pre_sale", opp)));
    wait.until(d -> weighted(d, "forecast-month", "2027-01").equals("$740.740"));
    wait.until(d -> weighted(d, "forecast-salesperson", "2").equals("$780.740"));
    assertTrue(Browser.text(wait, StageBoard.header("pre_sale")).contains("$1.234.567"), Browser.text(wait, StageBoard.header("pre_sale")));
    Browser.screenshot(driver, "90-opportunity-board");

    // Lost asks why; without a reason nothing changes.
    Browser.drag(wait, card("new", fibre), StageBoard.column("lost"));
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("opportunity-lost-dialog")));
    dialog.findElement(By.id("opportunity-lost-dialog-submit")).click();
    String reasonError = Browser.fieldError(wait, "opportunity-lost-dialog", "lostReason");
    assertEquals("Indique el motivo de la pérdida.", reasonError);
    assertEquals("new", stage(fibre));
    dialog.findElement(By.id("f-opportunity-lost-dialog-lostReason")).sendKeys("Presupuesto congelado");
    dialog.findElement(By.id("opportunity-lost-dialog-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("lost", fibre)));
    assertEquals(1, count("select count(*) from opportunities where id = " + fibre
        + " and status = 'lost' and lost_reason = 'Presupuesto congelado'"));

    // Someone else moves it: the board redraws from the event stream.
    assertEquals(200, admin.patch("/api/v1/opportunities/" + opp, new JsonObject().put("stage", "informed")).statusCode());
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("informed", opp)));
    wait.until(d -> weighted(d, "forecast-month", "2027-01").equals("$370.370"));

    // The opportunity's page: its history, and a bad amount shown beside the field, changing nothing.
    Browser.click(wait, By.cssSelector(".pipeline-column[data-stage='informed'] .opportunity-card[data-opportunity='" + opp
        + "'] [data-action='detail']"));
    wait.until(d -> d.findElements(By.cssSelector("#opportunity-history li")).size() == 3);
    String story = driver.findElement(By.id("opportunity-history")).getText();
    assertTrue(story.contains("Nuevo → Preventa") && story.contains("por Ana Rojas"), story);
    assertTrue(driver.findElement(By.id("opportunity-dialog")).getText().contains("Rosa Vidal"), "the bot's answers");
    WebElement amount = driver.findElement(By.id("f-opportunity-amount"));
    assertEquals("1.234.567", amount.getAttribute("value"));
    amount.clear();
    amount.sendKeys("mucho");
    driver.findElement(By.id("opportunity-save")).click();
    String amountError = Browser.fieldError(wait, "opportunity-form", "amount");
    assertTrue(amountError.startsWith("«Monto» debe ser un monto"), amountError);
    assertEquals("true", amount.getAttribute("aria-invalid"));
    assertEquals(0, count("select count(*) from opportunities where id = " + opp + " and amount <> 1234567"));
    Browser.screenshot(driver, "91-opportunity-page-error");
    amount.clear();
    amount.sendKeys("2.500.000");
    driver.findElement(By.id("opportunity-save")).click();
    wait.until(d -> count("select count(*) from opportunities where id = " + opp + " and amount = 2500000") == 1);
    driver.findElement(By.id("opportunity-close")).click();
    wait.until(d -> Browser.text(wait, card("informed", opp)).contains("$2.500.000"));

    // The card opens the conversation, whose side panel lists the opportunity the lead became, which opens its page.
    Browser.click(wait, By.cssSelector(card("informed", opp).toString().replace("By.cssSelector: ", "")
        + " [data-action='open-conversation']"));
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#conversation-list li[data-id='" + converted[1] + "'][aria-current='true']")));
    WebElement side = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#side-opportunities li[data-opportunity='" + opp + "']")));
    assertTrue(side.getText().contains("$2.500.000") && side.getText().contains("Informado"), side.getText());
    side.findElement(By.cssSelector("[data-action='open-opportunity']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("opportunity-dialog")));
  }

  @Test
  @DisplayName("the lead's page saves its fields; a bad score is shown beside the score in Spanish and changes nothing")
  void leadPageEdits() {
    long conversationId = admin.inbound(API_INBOX, "ob-lead", "ob-lead-contact", "Pablo Ríos", "Quiero paneles")
        .bodyAsJsonObject().getLong("conversationId");
    long contactId = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getJsonObject("contact")
        .getLong("id");
    long lead = admin.post("/api/v1/leads", new JsonObject().put("title", "Paneles casa").put("contactId", contactId)
        .put("conversationId", conversationId).put("interestArea", "solar").put("score", 40).put("assigneeId", 2)
        .put("source", "whatsapp")).bodyAsJsonObject().getLong("id");

    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav [data-view='pipeline']"))).click();
    Browser.click(wait, By.cssSelector(".pipeline-card[data-lead='" + lead + "'] [data-action='detail']"));
    WebElement score = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-lead-score")));
    score.clear();
    score.sendKeys("alto");
    WebElement title = driver.findElement(By.id("f-lead-title"));
    title.clear();
    title.sendKeys("Paneles para la casa de campo");
    driver.findElement(By.id("lead-save")).click();
    String scoreError = Browser.fieldError(wait, "lead-form", "score");
    assertEquals("«Puntaje» debe ser un número.", scoreError);
    assertEquals("true", score.getAttribute("aria-invalid"));
    assertEquals(1, count("select count(*) from leads where id = " + lead + " and title = 'Paneles casa' and score = 40"),
        "a refused edit changes nothing");
    Browser.screenshot(driver, "92-lead-page-error");
    score.clear();
    score.sendKeys("85");
    driver.findElement(By.id("lead-save")).click();
    wait.until(d -> count("select count(*) from leads where id = " + lead
        + " and title = 'Paneles para la casa de campo' and score = 85") == 1);
    wait.until(d -> d.findElement(By.cssSelector("#lead-form .field[data-field='score'] .field-error")).getText().isBlank());
  }

  /** A lead of Ana's with the bot's answers, converted through the API: {opportunityId, conversationId}. */
  private long[] convertedLead(Api ana, String sourceId, String name, String amount, String close) {
    long conversationId = admin.inbound(API_INBOX, sourceId, sourceId + "-contact", name, "Quiero cámaras")
        .bodyAsJsonObject().getLong("conversationId");
    long contactId = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getJsonObject("contact")
        .getLong("id");
    long lead = admin.post("/api/v1/leads", new JsonObject().put("title", "Cámaras").put("contactId", contactId)
        .put("conversationId", conversationId).put("interestArea", "seguridad").put("assigneeId", 2)
        .put("answers", new JsonObject().put("name", name))).bodyAsJsonObject().getLong("id");
    var res = ana.post("/api/v1/leads/" + lead + "/convert", new JsonObject().put("accountKind", "residential")
        .put("accountName", name).put("opportunity", new JsonObject().put("name", "Cámaras " + name)
            .put("amount", amount).put("currency", "CLP").put("expectedClose", close)));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return new long[] {res.bodyAsJsonObject().getLong("opportunityId"), conversationId};
  }

  private long opportunity(Api who, String name, String amount, String close, String division) {
    long account = admin.post("/api/v1/accounts", new JsonObject().put("name", "Cuenta " + UUID.randomUUID()))
        .bodyAsJsonObject().getLong("id");
    var res = who.post("/api/v1/opportunities", new JsonObject().put("accountId", account).put("name", name)
        .put("amount", amount).put("currency", "CLP").put("expectedClose", close)
        .put("divisions", new JsonArray(List.of(division))));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  private static By card(String stage, long id) {
    return By.cssSelector(".pipeline-column[data-stage='" + stage + "'] .opportunity-card[data-opportunity='" + id + "']");
  }

  /** The weighted amount of one forecast row, or "" while the row is not drawn. */
  private static String weighted(WebDriver d, String table, String key) {
    try {
      return d.findElement(By.cssSelector("#" + table + " tr[data-key='" + key + "'] .forecast-weighted")).getText();
    } catch (StaleElementReferenceException | NoSuchElementException e) {
      return "";
    }
  }

  private String stage(long id) {
    return sql.query("select stage from opportunities where id = " + id).execute().await().iterator().next().getString(0);
  }
}
