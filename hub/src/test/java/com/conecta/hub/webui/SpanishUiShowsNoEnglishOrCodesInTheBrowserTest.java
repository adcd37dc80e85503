package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Issue 21 item 9: a Spanish user reads Spanish with the numbers that matter, never English or codes (real Chromium)")
class SpanishUiShowsNoEnglishOrCodesInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("a reply over 4,096 characters is refused in Spanish with the limit and the typed text stays in the composer")
  void longReplyIsExplainedInSpanish() {
    long conversationId = admin.inbound(API_INBOX, "es-1", "es-contact", "Julia Paz", "Hola")
        .bodyAsJsonObject().getLong("conversationId");
    driver = openBrowser();
    WebDriverWait wait = openConversationAsAdmin(driver, conversationId);
    WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-text")));
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = 'x'.repeat(4100)", box);
    box.sendKeys("y");
    box.sendKeys(Keys.ENTER);
    WebElement toast = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".toast")));
    String text = toast.getText();
    Browser.screenshot(driver, "i21-9a-long-reply-in-spanish");
    assertEquals("«Mensaje» admite como máximo 4.096 caracteres.", text);
    assertEquals(4101, box.getAttribute("value").length(), "the typed text is not lost");
    assertEquals(0, count("select count(*) from messages where conversation_id = " + conversationId
        + " and direction = 'out'"), "nothing was sent");
  }

  @Test
  @DisplayName("a web-form message shows the form's field labels (Nombre, Correo, Mensaje), not its keys")
  void webFormFieldsByTheirLabels() {
    WebClient http = WebClient.create(vertx);
    var res = http.post(hub.port(), "127.0.0.1", "/forms/contact").putHeader("content-type", "application/json")
        .sendJsonObject(new JsonObject().put("name", "Lucía Vera").put("email", "lucia@vera.cl")
            .put("message", "Quiero cotizar cámaras")).await();
    assertEquals(201, res.statusCode(), res.bodyAsString());
    http.close();
    long conversationId = count("select max(id) from conversations where inbox_id = 4");
    driver = openBrowser();
    WebDriverWait wait = openConversationAsAdmin(driver, conversationId);
    WebElement fields = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages dl.fields")));
    wait.until(d -> fields.getText().contains("Correo"));
    String text = fields.getText();
    assertTrue(text.contains("Nombre") && text.contains("Mensaje"), text);
    assertFalse(text.matches("(?s).*\\b(name|email|message)\\b.*"), "no field key is shown: " + text);
    Browser.screenshot(driver, "i21-9b-web-form-labels");
  }

  @Test
  @DisplayName("money in the reports reads as people write it in Chile: $745.904, no decimals")
  void moneyAsPeopleWriteIt() {
    sql.query("insert into invoices (external_id, number, amount, currency, due_date, status) values "
        + "('money-1', 'F-745', 745904, 'CLP', current_date + 5, 'open')").execute().await();
    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation-list")));
    driver.get(url("/reports.html?key=collections"));
    WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-grid table")));
    wait.until(d -> table.getText().contains("$745.904"));
    assertFalse(table.getText().contains("745904") || table.getText().contains("$1 "), table.getText());
    Browser.screenshot(driver, "i21-9c-money-in-reports");
  }

  @Test
  @DisplayName("a body over the limit is told the limit: in Spanish by default and for Spanish readers, in English on request")
  void bodyLimitNamesTheLimit() {
    String big = "{\"text\":\"" + "x".repeat(1_100_000) + "\"}";
    WebClient client = WebClient.create(vertx);
    var es = client.post(hub.port(), "127.0.0.1", "/api/v1/inboxes/5/messages").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(big)).await();
    assertEquals(413, es.statusCode());
    assertEquals("El contenido enviado supera el máximo de 1 MB que se acepta aquí.",
        es.bodyAsJsonObject().getJsonObject("error").getString("message"));
    var en = client.post(hub.port(), "127.0.0.1", "/api/v1/inboxes/5/messages").putHeader("content-type", "application/json")
        .putHeader("Accept-Language", "en-US,en;q=0.9").sendBuffer(Buffer.buffer(big)).await();
    assertEquals(413, en.statusCode());
    assertTrue(en.bodyAsJsonObject().getJsonObject("error").getString("message").contains("at most 1048576 bytes"),
        en.bodyAsString());
    client.close();
  }

  @Test
  @DisplayName("the reports' CSV downloaded in Spanish opens in Excel es-CL: UTF-8 BOM, ';', Spanish headers, decimal comma")
  void spanishCsv() {
    // One won and two lost from a fair: a win rate of 33.3 %, whatever the other tests of this class stored.
    for (int i = 0; i < 3; i++) {
      assertEquals(201, admin.post("/api/v1/leads", new JsonObject().put("title", "Lead " + i)
          .put("stage", i == 0 ? "won" : "lost").put("lostReason", "precio").put("source", "feria")).statusCode());
    }
    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation-list")));
    driver.get(url("/reports.html?key=leads"));
    WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("download-csv")));
    String csv = (String) ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[1]; fetch(arguments[0]).then(r => r.arrayBuffer())"
            + ".then(b => done(Array.from(new Uint8Array(b)).map(x => String.fromCharCode(x)).join('')));",
        link.getAttribute("href"));
    assertTrue(csv.startsWith("\u00EF\u00BB\u00BF"), "a UTF-8 BOM first");
    String text = new String(csv.substring(3).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("Origen;"), text);
    assertTrue(text.contains("% ganados"), text);
    assertTrue(text.contains("feria;3;1;2;33,3"), "decimal comma: " + text);
    assertFalse(text.contains("100.0"), text);
    assertFalse(text.contains("win_rate_pct"), text);
  }
}
