package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A technician works a maintenance visit from a phone-sized browser (real Chromium)")
class TechnicianReportsAVisitFromAPhoneTest extends BrowserTestBase {
  private WebDriver driver;

  @Test
  @DisplayName("start, report with materials and a fault, a before photo from the camera input, finish; the fault opens a work order")
  void reportFromThePhone() throws Exception {
    assertEquals(200, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/technicians/4",
        new JsonObject().put("level", "standard")).statusCode());
    long contactId = admin.post("/api/v1/contacts", new JsonObject().put("name", "Frigorífico Sur")
        .put("phone", "+56 9 7000 1234")).bodyAsJsonObject().getLong("id");
    var created = admin.post("/api/v1/service-requests", new JsonObject().put("kind", "maintenance")
        .put("contactId", contactId).put("technicianId", 4).put("address", "Av. Alemania 0123, Temuco")
        .put("scheduledFor", Instant.now().plusSeconds(3600).toString()));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long requestId = created.bodyAsJsonObject().getLong("id");
    Path photo = Files.createTempFile("antes", ".png");
    ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());

    driver = openBrowser();
    driver.manage().window().setSize(new Dimension(412, 900));
    WebDriverWait wait = signInAt(driver, "carla@demo.conecta.cl", Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("technician-link"))).click();

    String card = "#visits [data-request='" + requestId + "'] ";
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(card + "[data-action='start']"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(card + "[data-form='report']")));
    driver.findElement(By.id("findings-" + requestId)).sendKeys("Compresor con fuga de gas");
    driver.findElement(By.id("materials-" + requestId)).sendKeys("Gas R410A; 2; kg");
    driver.findElement(By.id("risks-" + requestId)).sendKeys("Trabajo en altura");
    driver.findElement(By.cssSelector(card + "input[name='faultFound']")).click();
    driver.findElement(By.cssSelector(card + "[data-action='save-report']")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card + "[data-form='report']"), "data-saved", "true"));
    driver.findElement(By.cssSelector(card + "input[data-phase='before']")).sendKeys(photo.toString());
    wait.until(d -> count("select count(*) from service_photos where request_id = " + requestId + " and phase = 'before'") == 1);
    Browser.screenshot(driver, "60-technician-report-on-a-phone");
    driver.findElement(By.cssSelector(card + "[data-action='done']")).click();
    wait.until(d -> count("select count(*) from service_requests where id = " + requestId + " and status = 'done'") == 1);

    assertEquals(1, count("select count(*) from service_reports where request_id = " + requestId
        + " and fault_found and findings = 'Compresor con fuga de gas' and materials::text like '%Gas R410A%'"));
    assertEquals(1, count("select count(*) from service_requests where parent_id = " + requestId
        + " and kind = 'service_work'"), "the fault found opens a service/work request");
    // The list is drawn again once the browser has the answer, which may come after the database has the change.
    wait.withMessage("a finished visit leaves the list").until(d -> d.findElements(By.cssSelector(card)).isEmpty());
    Files.deleteIfExists(photo);
  }
}
