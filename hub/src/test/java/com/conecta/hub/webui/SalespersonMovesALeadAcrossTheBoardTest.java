package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A salesperson works the pipeline board: drags a lead across the stages to Won, loses another with its reason (real Chromium)")
class SalespersonMovesALeadAcrossTheBoardTest extends HubTestBase {
  /** The HTML5 drag and drop a person's mouse makes, as the browser's own events (WebDriver's drag does not fire them). */
  private static final String DRAG = """
      const [card, column] = arguments; const dt = new DataTransfer();
      card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, cancelable: true, dataTransfer: dt}));
      column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));
      column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
      card.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));""";
  private WebDriver driver;

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  @DisplayName("cards show contact, interest, score, amount in CLP and owner; moves are stored with their history; Lost needs a reason; another person's move shows live")
  void moveToWon() {
    long ana = 2;
    long[] first = lead("pb-1", "pb-contact-1", "Javiera Muñoz", "Quiero cámaras para mi local", "seguridad", "2000000", ana);
    long[] second = lead("pb-2", "pb-contact-2", "Tomás Pérez", "Necesito fibra para la oficina", "internet", null, ana);
    long[] third = lead("pb-3", "pb-contact-3", "Elena Díaz", "Paneles solares para la casa", "solar", "3500000", ana);

    driver = Browser.start();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    driver.get("http://127.0.0.1:" + hub.port() + "/");
    Browser.signIn(driver, wait, "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav [data-view='pipeline']"))).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(card("new", first[0])));
    String text = text(wait, card("new", first[0]));
    assertTrue(text.contains("Javiera Muñoz"), text);
    assertTrue(text.contains("Cámaras y seguridad"), "the catalogue's Spanish name, not the key: " + text);
    assertTrue(text.contains("A · 80"), "priority and score: " + text);
    assertTrue(text.contains("$2.000.000"), "CLP without decimals, as written in Chile: " + text);
    assertTrue(text.contains("Ana"), "the owner: " + text);
    assertTrue(text.contains("Quiero cámaras para mi local"), "the last message: " + text);
    assertTrue(text(wait, card("new", second[0])).contains("Redes e internet"), "an old interest name reads as its line");
    assertEquals("3", text(wait, countBadge("new")));
    String header = text(wait, header("new"));
    assertTrue(header.contains("$5.500.000"), "the column's amount: " + header);
    Browser.screenshot(driver, "60-pipeline-board");

    drag(wait, card("new", first[0]), "contacted");
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
    drag(wait, card("pre_sale", first[0]), "won");
    waitForStage(wait, first[0], "won");
    wait.until(ExpectedConditions.visibilityOfElementLocated(card("won", first[0])));
    wait.until(d -> text(wait, header("won")).contains("$2.000.000"));
    assertEquals("1", text(wait, countBadge("won")));
    assertEquals(5, count("select count(*) from lead_stage_history where lead_id = " + first[0]),
        "created, then four moves, each kept");
    assertEquals(4, count("select count(*) from lead_stage_history where lead_id = " + first[0] + " and changed_by = " + ana),
        "each move is Ana's");
    Browser.screenshot(driver, "61-pipeline-won");

    // The card's detail tells the lead's story: each move, when, by whom.
    By detail = By.cssSelector(".pipeline-column[data-stage='won'] .pipeline-card[data-lead='" + first[0]
        + "'] [data-action='detail']");
    wait.until(d -> {
      try {
        d.findElement(detail).click();
        return true;
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return false;
      }
    });
    wait.until(d -> d.findElements(By.cssSelector("#lead-history li")).size() == 5);
    String story = driver.findElement(By.id("lead-history")).getText();
    assertTrue(story.contains("Preventa → Ganado") && story.contains("por Ana Rojas"), story);
    assertTrue(driver.findElement(By.id("lead-dialog")).getText().contains("Javiera Muñoz"), "the bot's answers");
    Browser.screenshot(driver, "61b-lead-detail");
    driver.findElement(By.id("lead-close")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("lead-dialog")));

    // Lost asks why; without a reason nothing changes.
    drag(wait, card("new", second[0]), "lost");
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lost-dialog")));
    dialog.findElement(By.id("lost-dialog-submit")).click();
    WebElement reasonError = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#lost-dialog .field[data-field='lostReason'] .field-error")));
    wait.until(d -> !reasonError.getText().isBlank());
    assertEquals("Escriba por qué se perdió", reasonError.getText(), "the reason is asked for in Spanish");
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

  private WebElement column(String stage) {
    return driver.findElement(By.cssSelector(".pipeline-column[data-stage='" + stage + "']"));
  }

  private static By header(String stage) {
    return By.cssSelector(".pipeline-column[data-stage='" + stage + "'] header");
  }

  private static By countBadge(String stage) {
    return By.cssSelector(".pipeline-column[data-stage='" + stage + "'] header .pipeline-count");
  }

  /** The element's text, read again when a live redraw replaced the element meanwhile. */
  private String text(WebDriverWait wait, By locator) {
    return wait.until(d -> {
      try {
        return d.findElement(locator).getText();
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return null;
      }
    });
  }

  /**
   * Drags the card onto the stage's column. The board redraws itself when events arrive, so the elements are found
   * again when a redraw replaced them between finding and dragging (the script runs only on live elements).
   */
  private void drag(WebDriverWait wait, By card, String stage) {
    wait.until(d -> {
      try {
        ((JavascriptExecutor) driver).executeScript(DRAG, d.findElement(card), column(stage));
        return true;
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return false;
      }
    });
  }

  private String currentStage(long leadId) {
    return sql.query("select stage from leads where id = " + leadId).execute().await().iterator().next().getString(0);
  }

  private void waitForStage(WebDriverWait wait, long leadId, String stage) {
    wait.until(d -> stage.equals(currentStage(leadId)));
  }
}
