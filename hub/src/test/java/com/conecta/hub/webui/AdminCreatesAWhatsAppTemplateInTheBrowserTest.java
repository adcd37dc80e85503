package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("An admin creates a WhatsApp template in Settings and watches Meta approve it (real Chromium, fake Graph API)")
class AdminCreatesAWhatsAppTemplateInTheBrowserTest extends BrowserTestBase {
  private static final String SECRET = "ui-templates-secret";
  private FakeWhatsAppCloudApi fake;
  private WebDriver driver;

  @Override
  protected JsonObject extraConfig() {
    fake = new FakeWhatsAppCloudApi(vertx);
    fake.start(0).await();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("whatsapp.graph-base-url", fake.baseUrl());
  }

  @AfterAll
  void stopFake() {
    fake.close().await();
  }

  @Test
  @DisplayName("limits shown as they are typed, a live preview, a bad name refused beside its field, Pendiente then Aprobada")
  void createAndWatchTheReview() {
    fake.callbacks(url("/webhooks/whatsapp"), SECRET);
    fake.templates().decisionDelayMs(1500);
    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, "/", Duration.ofSeconds(20), "admin@demo.conecta.cl", "conecta-demo");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-view='settings']"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-settings='templatesTab']"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wa-templates"), "Esta cuenta aún no tiene plantillas"));
    assertTrue(driver.findElement(By.id("settings-body")).getText().contains("templates/whatsapp.yaml"),
        "the catalogue in code is still listed, below");

    driver.findElement(By.id("wa-tpl-new")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("wa-name"))).sendKeys("Aviso Despacho");
    new Select(driver.findElement(By.id("wa-language"))).selectByValue("es_CL");
    driver.findElement(By.id("wa-components_header_text")).sendKeys("Tu pedido va en camino");
    driver.findElement(By.id("wa-components_body_text")).sendKeys("Hola {{1}}, tu pedido {{2}} sale hoy. ¡Gracias por tu compra!");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-example]"), 2));
    driver.findElement(By.cssSelector("[data-example='0']")).sendKeys("Marta");
    driver.findElement(By.cssSelector("[data-example='1']")).sendKeys("A-1001");
    driver.findElement(By.id("wa-components_footer_text")).sendKeys("Conecta Demo");
    driver.findElement(By.id("wa-components_buttons")).sendKeys("Gracias\nQuiero cambiar la fecha");
    String preview = driver.findElement(By.id("wa-tpl-preview")).getText();
    assertTrue(preview.contains("Hola Marta, tu pedido A-1001 sale hoy."), preview);
    assertTrue(preview.contains("Quiero cambiar la fecha"), preview);
    assertTrue(driver.findElement(By.cssSelector("[data-field='components.header.text']")).getText().contains("22 / 60"),
        "the header's counter against Meta's 60");
    Browser.screenshot(driver, "60-whatsapp-template-form");

    driver.findElement(By.id("wa-template-dialog-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-field='name'] .field-error"),
        "minúsculas"));
    assertEquals(0, fake.templates().created().size(), "nothing reached Meta");
    driver.findElement(By.id("wa-name")).clear();
    driver.findElement(By.id("wa-name")).sendKeys("aviso_despacho");
    driver.findElement(By.id("wa-template-dialog-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-template='aviso_despacho']"), "Pendiente"));
    Browser.screenshot(driver, "61-whatsapp-template-pending");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-template='aviso_despacho']"), "Aprobada"));
    Browser.screenshot(driver, "62-whatsapp-template-approved");
    JsonObject sent = fake.templates().created().get(0);
    assertEquals("es_CL", sent.getString("language"));
    assertEquals("HEADER", sent.getJsonArray("components").getJsonObject(0).getString("type"));
    assertEquals("A-1001", sent.getJsonArray("components").getJsonObject(1).getJsonObject("example").getJsonArray("body_text")
        .getJsonArray(0).getString(1));
    assertEquals(2, sent.getJsonArray("components").getJsonObject(3).getJsonArray("buttons").size());

    // The campaign picker offers it in Spanish once approved (after the inbox is opened again).
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-view='campaigns']"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-campaign"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-c-template")));
    assertTrue(new Select(driver.findElement(By.id("f-c-template"))).getOptions().stream()
        .anyMatch(o -> "aviso_despacho".equals(o.getAttribute("value"))), "offered in the campaign picker");
    new Select(driver.findElement(By.id("f-c-language"))).selectByValue("en");
    assertTrue(new Select(driver.findElement(By.id("f-c-template"))).getOptions().stream()
        .noneMatch(o -> "aviso_despacho".equals(o.getAttribute("value"))), "not offered in English");

    // Outside the 24-hour window the composer offers it to a Spanish-speaking contact, and it goes out as Meta's
    // template, in its exact language.
    io.vertx.core.buffer.Buffer inbound = com.conecta.connectors.whatsapp.WhatsAppPayloads.text("100000000000001",
        "56972220001", "Marta Rojas", "wamid.ui-tpl-1", "hola, ¿cuándo llega mi pedido?").toBuffer();
    assertEquals(200, io.vertx.ext.web.client.WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/webhooks/whatsapp")
        .putHeader("content-type", "application/json").putHeader("X-Hub-Signature-256",
            com.conecta.connectors.whatsapp.WhatsAppSignature.sign(SECRET, inbound.getBytes())).sendBuffer(inbound).await()
        .statusCode());
    sql.query("update conversations set last_inbound_at = now() - interval '25 hours'").execute().await();
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-view='inbox']"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-tab='all']"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//ul[@id='conversation-list']/li[contains(., 'Marta Rojas')]"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#template-name option[value='aviso_despacho']")));
    new Select(driver.findElement(By.id("template-name"))).selectByValue("aviso_despacho");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#template-composer input[data-param='1']")));
    driver.findElement(By.cssSelector("#template-composer input[data-param='0']")).sendKeys("Marta");
    driver.findElement(By.cssSelector("#template-composer input[data-param='1']")).sendKeys("B-2002");
    assertTrue(driver.findElement(By.id("template-preview")).getText().contains("Hola Marta, tu pedido B-2002 sale hoy"),
        driver.findElement(By.id("template-preview")).getText());
    Browser.screenshot(driver, "63-whatsapp-template-composer");
    int before = fake.sent().size();
    driver.findElement(By.id("send-template")).click();
    wait.until(d -> fake.sent().size() > before);
    JsonObject template = fake.sent().get(before).body().getJsonObject("template");
    assertEquals("aviso_despacho", template.getString("name"));
    assertEquals("es_CL", template.getJsonObject("language").getString("code"));
    assertEquals("B-2002", template.getJsonArray("components").getJsonObject(0).getJsonArray("parameters").getJsonObject(1)
        .getString("text"));
  }
}
