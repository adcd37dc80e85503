package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.sandbox.DemoSeeder;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("The journey: a prospect on the sandbox phone, the bot, a hand-off that rings the online agent's bell, her reply")
class ProspectToAgentJourneyInTheBrowserTest extends HubTestBase {
  private WebDriver phone;
  private WebDriver agent;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("bot.enabled", "true").put("notifications.poll-ms", 200);
  }

  @AfterEach
  void quit() {
    if (phone != null) {
      phone.quit();
    }
    if (agent != null) {
      agent.quit();
    }
  }

  private long botBubbles() {
    return (Long) ((JavascriptExecutor) phone).executeScript("return document.querySelectorAll('#bubbles .bubble:not(.me)').length");
  }

  /** Types on the phone and waits for the hub's answer to appear there. */
  private void say(WebDriverWait wait, String text) {
    long before = botBubbles();
    phone.findElement(By.id("text")).sendKeys(text + Keys.ENTER);
    wait.until(d -> botBubbles() > before);
  }

  @Test
  @DisplayName("the prospect talks to the bot on the phone, asks for a person; Ana's bell rings live, the notice opens the conversation and her reply reaches the phone")
  void journey() {
    String base = "http://127.0.0.1:" + hub.port();
    agent = Browser.start();
    WebDriverWait agentWait = new WebDriverWait(agent, Duration.ofSeconds(20));
    agent.get(base + "/");
    ((JavascriptExecutor) agent).executeScript("localStorage.setItem('conecta.lang', 'es')");
    agent.navigate().refresh();
    Browser.signIn(agent, agentWait, "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.id("bell")));
    // The inbox says "online" as soon as it opens; the round-robin only gives work to agents it has heard from.
    agentWait.until(d -> count("select count(*) from users where id = 2 and availability = 'online'") == 1);

    phone = Browser.start();
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(20));
    phone.get(base + "/sandbox");
    phoneWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#inbox option")));
    WebElement name = phone.findElement(By.id("name"));
    name.clear();
    name.sendKeys("Rodrigo Fuentes");
    WebElement number = phone.findElement(By.id("number"));
    number.clear();
    number.sendKeys("56955557777");
    new Select(phone.findElement(By.id("inbox"))).selectByValue(DemoSeeder.SALES_PHONE_NUMBER_ID);
    phone.findElement(By.id("start")).click();
    phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));

    say(phoneWait, "hola, necesito cotizar camaras de seguridad");
    say(phoneWait, "empresa");
    say(phoneWait, "quiero hablar con una persona");
    Browser.screenshot(phone, "journey-phone-bot");

    agentWait.until(ExpectedConditions.textToBe(By.id("bell-count"), "1"));
    agent.findElement(By.id("bell")).click();
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#bell-list li.unread"), "Rodrigo Fuentes"));
    Browser.screenshot(agent, "journey-bell");
    agent.findElement(By.cssSelector("#bell-list li.unread")).click();
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "quiero hablar con una persona"));
    agentWait.until(d -> d.findElement(By.id("bell-count")).getAttribute("hidden") != null);

    agent.findElement(By.id("composer-text")).sendKeys("¡Hola Rodrigo! Soy Ana, ¿cuántas cámaras necesita?" + Keys.ENTER);
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "Soy Ana, ¿cuántas cámaras necesita?"));
    Browser.screenshot(phone, "journey-phone-agent-reply");
    assertTrue(agent.findElement(By.id("conversation-list")).getText().contains("Rodrigo Fuentes"));
  }
}
