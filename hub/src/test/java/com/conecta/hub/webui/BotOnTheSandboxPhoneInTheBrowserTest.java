package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Issue 21 item 5 as a prospect and a salesperson see it: the sandbox phone and the inbox, in two real browsers. */
@DisplayName("The sales bot on the sandbox phone, and its summary in the inbox")
class BotOnTheSandboxPhoneInTheBrowserTest extends BrowserTestBase {
  private WebDriver agent;
  private WebDriver phone;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("bot.enabled", "true");
  }

  private void type(WebDriverWait wait, String text) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text"))).sendKeys(text + Keys.ENTER);
  }

  @Test
  @DisplayName("'20 extintores para mi empresa en Santiago' skips what it answers, '2.000.000' is taken, the summary shows once")
  void prospectQualifiedFromWhatTheyWrite() {
    phone = openBrowser();
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(60));
    startSandboxChat(phone, phoneWait, "Pedro Soto", "56955550021");

    type(phoneWait, "20 extintores para mi empresa en Santiago");
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "RUT o NIT"));
    String bubbles = phone.findElement(By.id("bubbles")).getText();
    assertFalse(bubbles.contains("no lo puedo resolver"), bubbles);
    assertFalse(bubbles.contains("casa o para una empresa"), "'empresa' was in the first message: " + bubbles);
    Browser.screenshot(phone, "i21-1-phone-first-message-used");
    type(phoneWait, "76.086.428-5");
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "Para cuándo"));
    type(phoneWait, "esta semana");
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "presupuesto aproximado"));
    type(phoneWait, "2.000.000");
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "Con esto tengo lo que necesito"));
    bubbles = phone.findElement(By.id("bubbles")).getText();
    assertFalse(bubbles.contains("Escríbelo como monto"), "the budget is not asked again: " + bubbles);
    assertFalse(bubbles.contains("• "), "the customer is thanked; the summary is for the salesperson: " + bubbles);
    Browser.screenshot(phone, "i21-2-phone-qualified");

    agent = openBrowser();
    WebDriverWait agentWait = signInAt(agent, "/", Duration.ofSeconds(60), Api.ADMIN, Api.ADMIN_PASSWORD);
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-tab='all']"))).click();
    // Searching loads the list once more, after the first load of the 'mine' tab (which could answer last).
    agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search"))).sendKeys("Pedro Soto");
    // The list is drawn again as live events arrive: an item found a moment before may be replaced when clicked.
    agentWait.ignoring(StaleElementReferenceException.class).until(d -> {
      d.findElement(By.xpath("//ul[@id='conversation-list']/li[contains(., 'Pedro Soto')]")).click();
      return true;
    });
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Presupuesto: $2.000.000"));
    String timeline = agent.findElement(By.id("messages")).getText();
    assertEquals(1, timeline.split("Presupuesto:", -1).length - 1, "the summary appears once: " + timeline);
    assertFalse(timeline.contains("(ej:") && timeline.contains("• ¿"), "labels, not the questions with examples");
    assertFalse(timeline.contains("(flow_completed)"), timeline);
    Browser.screenshot(agent, "i21-3-agent-summary-once");
  }
}
