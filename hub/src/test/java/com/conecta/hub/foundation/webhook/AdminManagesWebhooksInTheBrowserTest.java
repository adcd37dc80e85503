package com.conecta.hub.foundation.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Await;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("An admin subscribes an integrator in Settings → Webhooks, sees the secret once, reads the log and redelivers")
class AdminManagesWebhooksInTheBrowserTest extends BrowserTestBase {
  private WebDriver browser;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("webhooks.poll-ms", 50).put("webhooks.backoff-base-ms", 100)
        .put("webhooks.backoff-max-ms", 200);
  }

  @Test
  @DisplayName("create with a bad address shows the Spanish error at the field; a good one shows the secret; the log shows the delivery and redelivers it")
  void createReadLogRedeliver() {
    // The integrator: refuses the first post of each event, takes the second.
    Subscriber endpoint = Subscriber.start(vertx, n -> n == 1 ? 500 : 200);
    browser = openBrowser();
    WebDriverWait wait = signInInSpanishAt(browser, Duration.ofSeconds(60), Api.ADMIN, Api.ADMIN_PASSWORD);
    // The list is drawn again after each change: an element read while it is replaced is looked up again.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav.views [data-view='settings']"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-settings='webhooksTab']"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-webhook"))).click();

    WebElement url = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#webhook-dialog [name='url']")));
    url.sendKeys("http://erp.ejemplo.cl/hooks");
    browser.findElement(By.cssSelector("#webhook-dialog [data-event='lead.created']")).click();
    browser.findElement(By.id("webhook-dialog-submit")).click();
    String error = Browser.fieldError(wait, "webhook-dialog", "url");
    assertTrue(error.startsWith("La dirección debe empezar con https://"), error);
    Browser.screenshot(browser, "webhooks-create-error-es");

    url.clear();
    url.sendKeys(endpoint.url("/hooks/erp"));
    browser.findElement(By.cssSelector("#webhook-dialog [name='description']")).sendKeys("ERP de la empresa");
    browser.findElement(By.id("webhook-dialog-submit")).click();
    String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret"))).getAttribute("value");
    assertTrue(secret.startsWith("whsec_"), secret);
    Browser.screenshot(browser, "webhooks-secret-es");
    browser.findElement(By.cssSelector("#webhook-secret-dialog button.primary")).click();
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#webhooks tr[data-webhook]")));
    assertTrue(row.getText().contains("Mensaje nuevo") && row.getText().contains("Lead nuevo"), row.getText());
    assertTrue(row.getText().contains("Activo"), row.getText());
    assertFalse(browser.getPageSource().contains(secret), "the secret is not on the page once its dialog is closed");

    // An event happens: a customer writes on the API channel. The first post fails, the retry is taken.
    String text = "Necesito 20 extintores " + UUID.randomUUID();
    admin.inbound(API_INBOX, "wh-ui-" + UUID.randomUUID(), "wh-ui-" + UUID.randomUUID(), "Pedro Soto", text);
    Await.until(() -> endpoint.all().stream().filter(r -> r.body().contains(text)).count() == 2,
        "the refused post and its retry reached the integrator");
    Await.until(() -> count("select count(*) from webhook_deliveries where status = 'delivered'") == 1,
        "the retry is recorded as delivered");
    row.findElement(By.cssSelector("[data-action='log']")).click();
    WebElement log = wait.until(d -> {
      WebElement card = d.findElement(By.id("webhook-log"));
      return card.getText().contains("Entregado") ? card : null;
    });
    assertTrue(log.getText().contains("Mensaje nuevo"), log.getText());
    assertTrue(log.getText().matches("(?s).*\\d\\d-\\d\\d-20\\d\\d \\d\\d:\\d\\d:\\d\\d.*"), "dates as dd-mm-aaaa");
    Browser.screenshot(browser, "webhooks-log-es");

    int before = endpoint.all().size();
    log.findElement(By.cssSelector("tr[data-delivery] [data-action='redeliver']")).click();
    Await.until(() -> endpoint.all().size() > before, "the redelivery reached the integrator");
    // Switched off from the list, it says so.
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#webhooks tr[data-webhook] [data-action='toggle']"))).click();
    wait.until(d -> d.findElement(By.cssSelector("#webhooks tr[data-webhook]")).getText().contains("Desactivado"));
    assertEquals(false, admin.get("/api/v1/webhook-subscriptions").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0).getBoolean("active"));
    Browser.screenshot(browser, "webhooks-list-es");
    endpoint.close();
  }
}
