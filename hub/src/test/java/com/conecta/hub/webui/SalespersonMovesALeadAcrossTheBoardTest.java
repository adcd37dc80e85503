package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.StageBoard;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A salesperson works the pipeline board: drags a lead across the stages to Won, loses another with its reason (real Chromium)")
class SalespersonMovesALeadAcrossTheBoardTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("cards show contact, interest, score, amount in CLP and owner; moves are stored with their history; Lost needs a reason; another person's move shows live")
  void moveToWon() {
    long ana = 2;
    long[] first = lead("pb-1", "pb-contact-1", "Javiera Muñoz", "Quiero cámaras para mi local", "seguridad", "2000000", ana);
    long[] second = lead("pb-2", "pb-contact-2", "Tomás Pérez", "Necesito fibra para la oficina", "internet", null, ana);
    long[] third = lead("pb-3", "pb-contact-3", "Elena Díaz", "Paneles solares para la casa", "solar", "3500000", ana);

    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav [data-view='pipeline']"))).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(card("new", first[0])));
    String text = Browser.text(wait, card("new", first[0]));
    assertTrue(text.contains("Javiera Muñoz"), text);
    assertTrue(text.contains("Cámaras y seguridad"), "the catalogue's Spanish name, not the key: " + text);
    assertTrue(text.contains("A · 80"), "priority and score: " + text);
    assertTrue(text.contains("$2.000.000"), "CLP without decimals, as written in Chile: " + text);
    assertTrue(text.contains("Ana"), "the owner: " + text);
    assertTrue(text.contains("Quiero cámaras para mi local"), "the last message: " + text);
    assertTrue(Browser.text(wait, card("new", second[0])).contains("Redes e internet"), "an old interest name reads as its line");
    assertEquals("3", Browser.text(wait, StageBoard.countBadge("new")));
    String header = Browser.text(wait, StageBoard.header("new"));
    assertTrue(header.contains("$5.500.000"), "the column's amount: " + header);
    Browser.screenshot(driver, "60-pipeline-board");

    Browser.drag(wait, card("new", first[0]), StageBoard.column("contacted"));
    waitForStage(wait, first[0], "contacted");
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("contacted", first[0])));
    for (String stage : new String[] {"informed", "pre_sale"}) {
      By move = By.cssSelector(".pipeline-column[data-stage='" + currentStage(first[0]) + "'] .pipeline-card[data-lead='"
          + first[0] + "'] [data-action='move']");
      wait.until(d -> {
        try {
          new Select(d.findElement(move)).selectByValue(stage);
          return true;
        } catch (StaleElementReferenceException | NoSuchElementException e) {
          return false;
        }
      });
      waitForStage(wait, first[0], stage);
    }
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("pre_sale", first[0])));
    Browser.drag(wait, card("pre_sale", first[0]), StageBoard.column("won"));
    waitForStage(wait, first[0], "won");
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("won", first[0])));
    wait.until(d -> Browser.text(wait, StageBoard.header("won")).contains("$2.000.000"));
    assertEquals("1", Browser.text(wait, StageBoard.countBadge("won")));
    assertEquals(5, count("select count(*) from lead_stage_history where lead_id = " + first[0]),
        "created, then four moves, each kept");
    assertEquals(4, count("select count(*) from lead_stage_history where lead_id = " + first[0] + " and changed_by = " + ana),
        "each move is Ana's");
    Browser.screenshot(driver, "61-pipeline-won");

    // The card's detail tells the lead's story: each move, when, by whom.
    By detail = By.cssSelector(".pipeline-column[data-stage='won'] .pipeline-card[data-lead='" + first[0]
        + "'] [data-action='detail']");
    Browser.click(wait, detail);
    wait.until(d -> d.findElements(By.cssSelector("#lead-history li")).size() == 5);
    String story = driver.findElement(By.id("lead-history")).getText();
    assertTrue(story.contains("Preventa → Ganado") && story.contains("por Ana Rojas"), story);
    assertTrue(driver.findElement(By.id("lead-dialog")).getText().contains("Javiera Muñoz"), "the bot's answers");
    Browser.screenshot(driver, "61b-lead-detail");
    driver.findElement(By.id("lead-close")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("lead-dialog")));

    // Lost asks why; without a reason nothing changes.
    Browser.drag(wait, card("new", second[0]), StageBoard.column("lost"));
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lost-dialog")));
    dialog.findElement(By.id("lost-dialog-submit")).click();
    String reasonError = Browser.fieldError(wait, "lost-dialog", "lostReason");
    assertEquals("Escriba por qué se perdió", reasonError, "the reason is asked for in Spanish");
    assertEquals("new", currentStage(second[0]), "a refused move changes nothing");
    Browser.screenshot(driver, "62-pipeline-lost-reason");
    dialog.findElement(By.id("f-lost-dialog-lostReason")).sendKeys("Eligió otro proveedor");
    dialog.findElement(By.id("lost-dialog-submit")).click();
    waitForStage(wait, second[0], "lost");
    assertEquals(1, count("select count(*) from leads where id = " + second[0] + " and lost_reason = 'Eligió otro proveedor'"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("lost", second[0])));

    // Someone else moves a lead: the board redraws from the event stream, without a reload.
    assertEquals(200, admin.post("/api/v1/leads/" + third[0] + "/stage", new JsonObject().put("stage", "informed"))
        .statusCode());
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("informed", third[0])));

    // A filter narrows the board; the card opens its conversation.
    new Select(driver.findElement(By.id("pipeline-interest"))).selectByValue("solar");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(card("won", first[0])));
    driver.manage().window().setSize(new Dimension(390, 844));
    Browser.screenshot(driver, "63-pipeline-phone");
    driver.manage().window().setSize(new Dimension(1400, 900));
    wait.until(ExpectedConditions.elementToBeClickable(card("informed", third[0])))
        .findElement(By.cssSelector("[data-action='open-conversation']")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#conversation-list li[data-id='" + third[1] + "'][aria-current='true']")));
  }

  /** A conversation on the API inbox (team Ventas) and its lead owned by Ana: {leadId, conversationId}. */
  private long[] lead(String sourceId, String identifier, String name, String text, String interest, String budget,
      long owner) {
    long conversationId = admin.inbound(API_INBOX, sourceId, identifier, name, text).bodyAsJsonObject()
        .getLong("conversationId");
    long contactId = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getJsonObject("contact")
        .getLong("id");
    JsonObject answers = new JsonObject().put("name", name);
    if (budget != null) {
      answers.put("budget", budget);
    }
    var res = admin.post("/api/v1/leads", new JsonObject().put("title", "Prospecto " + interest).put("contactId", contactId)
        .put("conversationId", conversationId).put("interestArea", interest).put("priority", "A").put("score", 80)
        .put("assigneeId", owner).put("source", "whatsapp").put("answers", answers));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return new long[] {res.bodyAsJsonObject().getLong("id"), conversationId};
  }

  private static By card(String stage, long leadId) {
    return By.cssSelector(".pipeline-column[data-stage='" + stage + "'] .pipeline-card[data-lead='" + leadId + "']");
  }

  private String currentStage(long leadId) {
    return sql.query("select stage from leads where id = " + leadId).execute().await().iterator().next().getString(0);
  }

  private void waitForStage(WebDriverWait wait, long leadId, String stage) {
    wait.until(d -> stage.equals(currentStage(leadId)));
  }
}
