package com.conecta.hub.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Reports in the web inbox (real Chromium)")
class ReportsInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("a supervisor's reports draw charts and tables with the hub's own Chart.js; customer text stays text")
  void chartsAndTables() {
    for (int i = 0; i < 3; i++) {
      admin.inbound(API_INBOX, "rb-" + i, "rb-contact-" + i, "Cliente " + i, "hola");
    }
    // A campaign name comes from a web form's UTM parameters: the customer's own text.
    assertEquals(201, admin.post("/api/v1/leads", new JsonObject().put("title", "Lead UTM").put("stage", "new")
        .put("source", "webform").put("campaign", "<img src=x onerror=alert(1)>")).statusCode());

    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation-list")));

    driver.get(url("/reports.html?key=conversations"));
    WebElement volume = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-section='volume_by_channel'] canvas")));
    assertTrue(volume.getSize().getWidth() > 100, "the chart was drawn");
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return typeof window.Chart === 'function'"),
        "Chart.js is served by the hub under the page's Content-Security-Policy");
    WebElement table = driver.findElement(By.cssSelector("[data-section='volume_by_channel'] table"));
    assertTrue(table.getText().contains("api"), table.getText());
    Browser.screenshot(driver, "reports-01-conversations");

    driver.findElement(By.cssSelector("[data-report='leads']")).click();
    WebElement campaigns = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-section='by_campaign'] table")));
    assertTrue(campaigns.getText().contains("<img src=x onerror=alert(1)>"), campaigns.getText());
    assertEquals(0, driver.findElements(By.cssSelector("#report-grid img")).size(), "no element made from the text");
    String csv = driver.findElement(By.id("download-csv")).getAttribute("href");
    assertTrue(csv.contains("/api/v1/reports/leads?") && csv.contains("format=csv"), csv);
    Browser.screenshot(driver, "reports-02-leads");
  }
}
