package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A customer on the sandbox phone and an agent in the inbox, in two real browsers")
class WhatsAppThroughTheSandboxPhoneTest extends BrowserTestBase {
  private WebDriver agent;
  private WebDriver phone;

  @Test
  @DisplayName("the WhatsApp message appears live, the reply reaches the phone with read ticks, a template after 24 h")
  void chatEndToEnd() {
    agent = openBrowser();
    phone = openBrowser();
    WebDriverWait agentWait = new WebDriverWait(agent, Duration.ofSeconds(15));
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(15));
    agent.get(url("/"));
    Browser.signIn(agent, agentWait, Api.ADMIN, Api.ADMIN_PASSWORD);
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-tab='all']"))).click();

    startSandboxChat(phone, phoneWait, "Rodrigo Fuentes", "56955551234");
    phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text"))).sendKeys("Hola, necesito cotizar 2 splits" + Keys.ENTER);
    Browser.screenshot(phone, "10-phone-sent");

    WebElement row = agentWait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//ul[@id='conversation-list']/li[contains(., 'Rodrigo Fuentes')]")));
    row.click();
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "necesito cotizar 2 splits"));
    WebElement box = agent.findElement(By.id("composer-text"));
    box.sendKeys("¡Hola Rodrigo! ¿Para qué metraje?" + Keys.ENTER);
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg.out .ticks[data-status='read']")));
    Browser.screenshot(agent, "11-agent-read-ticks");
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "¿Para qué metraje?"));
    Browser.screenshot(phone, "12-phone-got-reply");

    sql.query("update conversations set last_inbound_at = now() - interval '25 hours'").execute().await();
    agent.navigate().refresh();
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-tab='all']"))).click();
    agentWait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//ul[@id='conversation-list']/li[contains(., 'Rodrigo Fuentes')]"))).click();
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.id("template-composer")));
    new Select(agent.findElement(By.id("template-name"))).selectByValue("seguimiento_cotizacion");
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#template-composer input[data-param='1']")))
        .sendKeys("COT-2040");
    assertTrue(agent.findElement(By.id("template-preview")).getText().contains("COT-2040"));
    Browser.screenshot(agent, "13-template-composer");
    agent.findElement(By.id("send-template")).click();
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "COT-2040"));
    Browser.screenshot(phone, "14-phone-got-template");
    agent.findElement(By.id("resolve")).click();
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
  }
}
