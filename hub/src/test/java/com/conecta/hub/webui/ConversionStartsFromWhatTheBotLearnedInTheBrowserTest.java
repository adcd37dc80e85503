package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Issue 21 item 3: converting a lead starts from the bot's answers and checks the RUT (real Chromium)")
class ConversionStartsFromWhatTheBotLearnedInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("the dialog is prefilled (business, RUT, $2.000.000, security); a wrong check digit is refused in Spanish and"
      + " stores nothing; the converted lead shows its opportunity; a second conversion and a bad tax-id correction are"
      + " refused in Spanish; a good correction is audited")
  void prefilledConversion() {
    var res = admin.inbound(API_INBOX, "cb-1", "cb-contact", "Marcela Soto", "Hola, necesito cámaras para la empresa");
    long conversationId = res.bodyAsJsonObject().getLong("conversationId");
    long contactId = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getJsonObject("contact")
        .getLong("id");
    JsonObject answers = new JsonObject().put("name", "Marcela Soto").put("customer_type", "business")
        .put("tax_id", "76086428-5").put("interest_area", "seguridad").put("city", "Santiago")
        .put("urgency", "week").put("budget", "2000000 CLP");
    long leadId = admin.post("/api/v1/leads", new JsonObject().put("title", "Cámaras oficina").put("stage", "new")
        .put("contactId", contactId).put("conversationId", conversationId).put("interestArea", "seguridad")
        .put("answers", answers)).bodyAsJsonObject().getLong("id");

    driver = openBrowser();
    WebDriverWait wait = openConversationAsAdmin(driver, conversationId);
    WebElement stage = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#side .lead dl")));
    wait.until(d -> stage.getText().contains("Nuevo"));
    assertFalse(stage.getText().matches("(?s).*\\bnew\\b.*"), "the stage is shown by its Spanish name: " + stage.getText());

    driver.findElement(By.cssSelector("#side .lead details summary")).click();
    String botAnswers = driver.findElement(By.cssSelector("#side .lead details dl")).getText();
    assertTrue(botAnswers.contains("Tipo de cliente") && botAnswers.contains("Empresa") && botAnswers.contains("$2.000.000")
        && botAnswers.contains("Cámaras/seguridad"), "the bot's answers by their labels: " + botAnswers);
    assertFalse(botAnswers.contains("customer_type") || botAnswers.contains("2000000 CLP"), botAnswers);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#side [data-action='convert-lead']"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("convert-dialog")));
    assertEquals("business", new Select(driver.findElement(By.id("f-convert-dialog-accountKind")))
        .getFirstSelectedOption().getAttribute("value"), "customer type business from the bot");
    WebElement taxId = driver.findElement(By.id("f-convert-dialog-taxId"));
    assertEquals("76086428-5", taxId.getAttribute("value"), "the RUT the bot checked");
    assertEquals("2000000", driver.findElement(By.id("f-convert-dialog-opportunity_amount")).getAttribute("value"));
    assertEquals("CLP", new Select(driver.findElement(By.id("f-convert-dialog-opportunity_currency")))
        .getFirstSelectedOption().getAttribute("value"));
    assertEquals("security", new Select(driver.findElement(By.id("f-convert-dialog-opportunity_divisions")))
        .getFirstSelectedOption().getAttribute("value"), "interest seguridad → division security (config/sales.yaml)");
    Browser.screenshot(driver, "i21-3a-convert-prefilled");

    taxId.clear();
    taxId.sendKeys("76.086.428-4");
    driver.findElement(By.id("convert-dialog-submit")).click();
    String taxError = Browser.fieldError(wait, "convert-dialog", "taxId");
    assertTrue(taxError.contains("dígito verificador"), taxError);
    Browser.screenshot(driver, "i21-3b-convert-wrong-check-digit");
    assertEquals(0, count("select count(*) from accounts where tax_id like '76086428%'"), "a refused RUT stores nothing");

    var api = admin.post("/api/v1/leads/" + leadId + "/convert", new JsonObject().put("accountKind", "business")
        .put("accountName", "Soto SpA").put("taxId", "76.086.428-4").put("opportunity", new JsonObject()
            .put("name", "x").put("amount", 1).put("divisions", new io.vertx.core.json.JsonArray().add("security"))));
    assertEquals(422, api.statusCode(), "the API never reads a RUT-shaped value as a Colombian NIT");
    assertEquals("taxId", api.bodyAsJsonObject().getJsonObject("error").getString("field"));

    taxId.clear();
    taxId.sendKeys("76.086.428-5");
    driver.findElement(By.id("convert-dialog-submit")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("convert-dialog")));
    WebElement converted = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#side .lead [data-opportunity]")));
    wait.until(d -> converted.getText().contains("$2.000.000"));
    assertTrue(driver.findElements(By.cssSelector("#side [data-action='convert-lead']")).isEmpty(),
        "a converted lead offers no second conversion");
    assertEquals(1, count("select count(*) from accounts where tax_id = '76086428-5' and kind = 'business'"));
    Browser.screenshot(driver, "i21-3c-converted-shows-opportunity");

    var again = admin.post("/api/v1/leads/" + leadId + "/convert", new JsonObject().put("accountKind", "residential")
        .put("accountName", "x").put("opportunity", new JsonObject().put("name", "x").put("amount", 1)
            .put("divisions", new io.vertx.core.json.JsonArray().add("security"))));
    assertEquals(409, again.statusCode());
    String message = again.bodyAsJsonObject().getJsonObject("error").getString("message");
    assertTrue(message.startsWith("La oportunidad n.º " + leadId + " ya fue convertida"), message);

    long accountId = count("select id from accounts where tax_id = '76086428-5'");
    var wrong = admin.patch("/api/v1/accounts/" + accountId, new JsonObject().put("taxId", "76.086.428-4"));
    assertEquals(422, wrong.statusCode());
    assertEquals("invalid_tax_id", wrong.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(1, count("select count(*) from accounts where id = " + accountId + " and tax_id = '76086428-5'"));

    wait.until(ExpectedConditions.elementToBeClickable(By.id("fix-tax-id"))).click();
    WebElement fix = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-taxid-dialog-taxId")));
    fix.clear();
    fix.sendKeys("77.888.999-4");
    driver.findElement(By.id("taxid-dialog-submit")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("taxid-dialog")));
    wait.until(d -> count("select count(*) from audit_log where action = 'account.tax_id_changed' and target_id = '"
        + accountId + "' and details ->> 'from' = '76086428-5' and details ->> 'to' = '77888999-4'") == 1);
    assertEquals(1, count("select count(*) from accounts where id = " + accountId + " and tax_id = '77888999-4'"));
  }
}
