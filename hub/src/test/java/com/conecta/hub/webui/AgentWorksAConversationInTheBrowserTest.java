package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("An agent works a conversation in the web inbox (real Chromium)")
class AgentWorksAConversationInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("sign in, a new message appears live, reply, the tick turns to sent, customer HTML stays text, resolve")
  void signInReceiveReplyResolve() {
    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, "/", Duration.ofSeconds(10), Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation-list")));
    driver.findElement(By.cssSelector("[data-tab='all']")).click();
    Browser.screenshot(driver, "01-inbox-empty");

    var res = admin.inbound(API_INBOX, "ui-1", "ui-contact", "Camila <b>Reyes</b>",
        "Hola <img src=x onerror=alert(1)> necesito una cotización");
    long conversationId = res.bodyAsJsonObject().getLong("conversationId");
    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#conversation-list li[data-id='" + conversationId + "']")));
    assertTrue(row.getText().contains("Camila <b>Reyes</b>"), "names are shown as typed, not as HTML");
    row.click();
    WebElement incoming = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg.in")));
    assertTrue(incoming.getText().contains("<img src=x onerror=alert(1)>"), "customer text reaches the page as text");
    assertEquals(0, driver.findElements(By.cssSelector("#messages img")).size(), "no element was made from the text");
    Browser.screenshot(driver, "02-conversation-open");

    WebElement box = driver.findElement(By.id("composer-text"));
    box.sendKeys("Con gusto, Camila. ¿Para qué ciudad?");
    box.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg.out .ticks[data-status='sent']")));
    Browser.screenshot(driver, "03-replied-sent");

    box = driver.findElement(By.id("composer-text"));
    box.sendKeys("/pre");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".suggestions li")));
    box.sendKeys(Keys.ENTER);
    assertTrue(driver.findElement(By.id("composer-text")).getAttribute("value").startsWith("Le envío la cotización"),
        "the /precio canned response fills the composer");

    driver.findElement(By.id("resolve")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
    Browser.screenshot(driver, "04-resolved");
    JsonObject conv = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject();
    assertEquals("resolved", conv.getString("status"));
    assertEquals("sent", admin.get("/api/v1/conversations/" + conversationId + "/messages").bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> (JsonObject) o).filter(m -> "agent".equals(m.getString("senderKind")))
        .findFirst().orElseThrow().getString("status"));
  }
}
