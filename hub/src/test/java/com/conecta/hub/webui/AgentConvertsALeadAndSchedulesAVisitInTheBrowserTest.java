package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

@DisplayName("From the side panel, a lead becomes contact, account and opportunity, and a visit is scheduled (real Chromium)")
class AgentConvertsALeadAndSchedulesAVisitInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("a bad RUT is shown beside its field and stores nothing; a good one converts; the visit lands as a request")
  void convertAndScheduleVisit() {
    var res = admin.inbound(API_INBOX, "cv-1", "cv-contact", "Rocío Fuentes", "Necesito cotizar cámaras para la bodega");
    long conversationId = res.bodyAsJsonObject().getLong("conversationId");
    long contactId = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getJsonObject("contact")
        .getLong("id");
    long leadId = admin.post("/api/v1/leads", new JsonObject().put("title", "Cámaras bodega").put("stage", "informed")
        .put("contactId", contactId).put("conversationId", conversationId).put("interestArea", "seguridad"))
        .bodyAsJsonObject().getLong("id");

    driver = openBrowser();
    WebDriverWait wait = openConversationAsAdmin(driver, conversationId);

    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#side [data-action='convert-lead']"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("convert-dialog")));
    new Select(driver.findElement(By.id("f-convert-dialog-accountKind"))).selectByValue("business");
    WebElement accountName = driver.findElement(By.id("f-convert-dialog-accountName"));
    accountName.clear();
    accountName.sendKeys("Bodegas Fuentes SpA");
    driver.findElement(By.id("f-convert-dialog-taxId")).sendKeys("77.888.999-5");
    driver.findElement(By.id("f-convert-dialog-opportunity_amount")).sendKeys("1500000");
    new Select(driver.findElement(By.id("f-convert-dialog-opportunity_divisions"))).selectByValue("security");
    driver.findElement(By.id("convert-dialog-submit")).click();
    Browser.fieldError(wait, "convert-dialog", "taxId");
    Browser.screenshot(driver, "50-convert-bad-rut");
    assertEquals(0, count("select count(*) from accounts where name = 'Bodegas Fuentes SpA'"), "a refused conversion stores nothing");

    WebElement taxId = driver.findElement(By.id("f-convert-dialog-taxId"));
    taxId.clear();
    taxId.sendKeys("77.888.999-4");
    driver.findElement(By.id("convert-dialog-submit")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("convert-dialog")));
    wait.until(d -> count("select count(*) from opportunities o join accounts a on a.id = o.account_id "
        + "where a.name = 'Bodegas Fuentes SpA' and o.amount = 1500000 and exists (select 1 from opportunity_divisions d "
        + "where d.opportunity_id = o.id and d.division = 'security')") == 1);
    JsonObject lead = admin.get("/api/v1/leads/" + leadId).bodyAsJsonObject();
    assertEquals(contactId, lead.getLong("contactId"), "the lead keeps its contact and so its conversation");
    assertEquals(contactId, count("select contact_id from conversations where id = " + conversationId));
    assertTrue(count("select count(*) from contacts c join accounts a on a.id = c.account_id where c.id = " + contactId
        + " and a.kind = 'business'") == 1, "the contact now belongs to the business account");
    Browser.screenshot(driver, "51-converted");

    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-visit"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-dialog")));
    driver.findElement(By.id("f-visit-dialog-notes")).sendKeys("Revisar ubicación de 4 cámaras");
    driver.findElement(By.id("visit-dialog-submit")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("visit-dialog")));
    wait.until(d -> count("select count(*) from service_requests where contact_id = " + contactId
        + " and kind = 'technical_visit' and status = 'scheduled' and notes like 'Revisar ubicación%'") == 1);
    Browser.screenshot(driver, "52-visit-scheduled");
  }
}
