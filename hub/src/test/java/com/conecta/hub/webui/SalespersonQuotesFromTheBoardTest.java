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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A salesperson builds a quote from the product list on the board and sends it to the sandbox phone (two real browsers)")
class SalespersonQuotesFromTheBoardTest extends BrowserTestBase {
  private WebDriver seller;
  private WebDriver phone;

  @Test
  @DisplayName("lines with quantity and discount total in CLP as written in Chile; a bad quantity is shown beside it; the PDF reaches the phone and the lead is Informed")
  void quoteAndSend() {
    phone = openBrowser();
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(20));
    startSandboxChat(phone, phoneWait, "Camila Reyes", "56955557788");
    phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text")))
        .sendKeys("Hola, quiero cotizar cámaras para mi negocio" + Keys.ENTER);
    WebDriverWait setup = new WebDriverWait(phone, Duration.ofSeconds(20));
    setup.until(d -> count("select count(*) from contacts where name = 'Camila Reyes'") == 1);
    long contactId = count("select id from contacts where name = 'Camila Reyes'");
    long conversationId = count("select id from conversations where contact_id = " + contactId + " order by id limit 1");
    var created = admin.post("/api/v1/leads", new JsonObject().put("title", "Cámaras negocio").put("contactId", contactId)
        .put("conversationId", conversationId).put("interestArea", "seguridad").put("assigneeId", 2).put("stage", "contacted"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long leadId = created.bodyAsJsonObject().getLong("id");

    seller = openBrowser();
    WebDriverWait wait = signInAt(seller, "/#pipeline", Duration.ofSeconds(20), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    By quoteButton = By.cssSelector(".pipeline-card[data-lead='" + leadId + "'] [data-action='quote']");
    Browser.click(wait, quoteButton);
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quote-dialog")));
    Select products = new Select(dialog.findElement(By.id("quote-product")));
    products.selectByVisibleText("Cámara IP 4 MP exterior · $89.990");
    dialog.findElement(By.id("quote-add")).click();
    new Select(dialog.findElement(By.id("quote-product"))).selectByVisibleText("Instalación por cámara · $35.000");
    dialog.findElement(By.id("quote-add")).click();
    WebElement cameras = dialog.findElement(By.cssSelector(".quote-lines tr:nth-child(1) .line-quantity"));
    cameras.clear();
    cameras.sendKeys("4");
    WebElement discount = dialog.findElement(By.cssSelector(".quote-lines tr:nth-child(1) .line-discountPct"));
    discount.clear();
    discount.sendKeys("10");
    WebElement installs = dialog.findElement(By.cssSelector(".quote-lines tr:nth-child(2) .line-quantity"));
    installs.clear();
    installs.sendKeys("4");
    // 4 × 89.990 − 10 % = 323.964; 4 × 35.000 = 140.000; net 463.964, IVA 19 % 88.153,16, total 552.117,16 → $552.117
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("quote-net"), "$463.964"));
    assertEquals("$88.153", seller.findElement(By.id("quote-tax")).getText());
    assertEquals("$552.117", seller.findElement(By.id("quote-total")).getText());

    installs.clear();
    installs.sendKeys("0");
    dialog.findElement(By.id("quote-create")).click();
    String quantityError = Browser.fieldError(wait, "", "items[1].quantity");
    assertEquals("Revise este dato", quantityError, "the error in Spanish, beside the quantity");
    assertEquals(0, count("select count(*) from quotes where lead_id = " + leadId), "a refused quote stores nothing");
    Browser.screenshot(seller, "70-quote-bad-quantity");
    installs.clear();
    installs.sendKeys("4");
    dialog.findElement(By.id("quote-create")).click();

    By row = By.cssSelector("#quote-dialog .quote-row[data-status='draft']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    assertTrue(seller.findElement(row).getText().contains("$552.117"), seller.findElement(row).getText());
    assertTrue(seller.findElement(row).getText().contains("Borrador"));
    JsonObject quote = admin.get("/api/v1/quotes?leadId=" + leadId).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertEquals("552117.16", quote.getString("total"), "the server's totals are the ones shown");
    Browser.screenshot(seller, "71-quote-draft");

    seller.findElement(By.cssSelector("#quote-dialog .quote-row [data-action='send-whatsapp']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#quote-dialog .quote-row[data-status='sent']")));
    assertTrue(seller.findElement(By.cssSelector("#quote-dialog .quote-row[data-status='sent']")).getText()
        .contains("Enviada"));
    Browser.screenshot(seller, "72-quote-sent");
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"),
        "Cotización " + quote.getString("number") + " — $552.117"));
    Browser.screenshot(phone, "73-phone-got-quote");
    wait.until(d -> "informed".equals(admin.get("/api/v1/leads/" + leadId).bodyAsJsonObject().getString("stage")));
  }
}
