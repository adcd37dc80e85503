package com.conecta.hub.webui;

import com.conecta.hub.support.FakeGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.whatsapp.WhatsAppPayloads;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Marketing builds and launches a campaign in the web inbox (real Chromium, fake WhatsApp)")
class MarketingRunsACampaignInTheBrowserTest extends BrowserTestBase {
  private static final String MARKETING = "mkt.ui@demo.conecta.cl";
  private WebDriver driver;

  @Override
  protected JsonObject extraConfig() {
    return startFakeGraph().config();
  }

  @BeforeAll
  void audience() {
    graph.wire(hub);
    graph.api().statusDelayMs(20);
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", MARKETING).put("name", "Valentina Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD)).statusCode());
    String[][] people = {{"56971110001", "Ana Temuco"}, {"56971110002", "Beto Temuco"}, {"56971110003", "Caro Temuco"},
        {"56971110004", "Dani Santiago"}};
    for (String[] p : people) {
      graph.post(hub.port(), WhatsAppPayloads.text(FakeGraph.VENTAS_NUMBER, p[0], p[1], "wamid.ui-" + p[0], "hola"));
    }
    // Typed into the CRM by the sales team: a phone is a WhatsApp address (issue 21 item 8); one asked not to be contacted.
    assertEquals(201, admin.post("/api/v1/contacts", new JsonObject().put("name", "Eva Temuco").put("phone", "+56971110005"))
        .statusCode());
    assertEquals(201, admin.post("/api/v1/contacts", new JsonObject().put("name", "Fede Temuco").put("phone", "+56971110006")
        .put("doNotContact", true)).statusCode());
    for (Object o : admin.get("/api/v1/contacts?limit=100").bodyAsJsonObject().getJsonArray("items")) {
      JsonObject c = (JsonObject) o;
      if (c.getString("name") != null && c.getString("name").endsWith("Temuco")) {
        admin.patch("/api/v1/contacts/" + c.getLong("id"), new JsonObject().put("city", "Temuco"));
      }
    }
  }

  @Test
  @DisplayName("segment with a live audience count, parameter mapping with preview, launch; the funnel shows them sent")
  void buildLaunchAndWatch() {
    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, "/", Duration.ofSeconds(20), MARKETING, Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-campaign"))).click();
    assertEquals(0, driver.findElements(By.id("conversation-list")).size(), "marketing never sees conversations");

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-c-name"))).sendKeys("Temuco invierno");
    wait.until(ExpectedConditions.textToBe(By.id("audience-count"), "5"));
    driver.findElement(By.id("f-c-segment_city")).sendKeys("Temuco");
    wait.until(ExpectedConditions.textToBe(By.id("audience-count"), "4"));
    wait.until(ExpectedConditions.textToBe(By.id("audience-excluded"), "(quedan fuera: 1 dados de baja)"));
    List<String> stages = new Select(driver.findElement(By.id("f-c-segment_leadStage"))).getOptions().stream()
        .map(o -> o.getAttribute("value")).toList();
    assertEquals(List.of("", "new", "contacted", "informed", "pre_sale", "won", "lost"), stages,
        "the stage filter offers the configured stages (lead_stages) only");

    new Select(driver.findElement(By.id("f-c-template"))).selectByValue("promocion_general");
    assertEquals("contact.name", new Select(driver.findElement(By.cssSelector("select[data-param='0']")))
        .getFirstSelectedOption().getAttribute("value"), "a template parameter named after a field maps to it");
    assertEquals("text", new Select(driver.findElement(By.cssSelector("select[data-param='1']")))
        .getFirstSelectedOption().getAttribute("value"));
    driver.findElement(By.cssSelector("input[data-param-text='1']")).sendKeys("20%");
    WebElement preview = driver.findElement(By.id("campaign-preview"));
    assertTrue(preview.getText().contains("20% de descuento"), preview.getText());
    assertTrue(preview.getText().contains("[Nombre del contacto]"), preview.getText());
    Browser.screenshot(driver, "30-campaign-editor");

    driver.findElement(By.id("save-campaign")).click();
    WebElement reviewed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-preview")));
    assertEquals("4", driver.findElement(By.id("review-audience")).getText());
    assertTrue(reviewed.getText().matches("Hola \\w+ Temuco, este mes tenemos 20% de descuento.*"), reviewed.getText());
    Browser.screenshot(driver, "31-campaign-review");
    driver.findElement(By.id("launch-campaign")).click();
    WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("launch-summary")));
    assertEquals("Se enviará a 4 contactos, entre ellos:", summary.getText());
    String sample = driver.findElement(By.id("launch-sample")).getText();
    assertTrue(sample.contains("Ana Temuco") && sample.contains("Eva Temuco") && !sample.contains("Fede"), sample);
    assertTrue(driver.findElements(By.cssSelector("#campaign-list")).isEmpty(), "nothing is launched before the confirmation");
    Browser.screenshot(driver, "31b-campaign-launch-confirmation");
    driver.findElement(By.id("launch-dialog-submit")).click();

    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#campaign-list tr[data-campaign]")));
    String id = row.getAttribute("data-campaign");
    By sent = By.cssSelector("#campaign-list tr[data-campaign='" + id + "'] [data-step='sent']");
    wait.until(d -> "4".equals(d.findElement(sent).getAttribute("data-count")));
    wait.until(d -> "4".equals(d.findElement(By.cssSelector("#campaign-list tr[data-campaign='" + id + "'] [data-step='delivered']"))
        .getAttribute("data-count")));
    Browser.screenshot(driver, "32-campaign-funnel");
    assertEquals(4, graph.api().sent().stream().filter(s -> s.body().getJsonObject("template") != null).count(),
        "the fake WhatsApp received one template per contact of the segment, the CRM-typed phone included");
    assertTrue(graph.api().sent().stream().anyMatch(s -> "56971110005".equals(s.to())), "Eva, typed into the CRM, is reached");
    long ana = count("select r.conversation_id from campaign_recipients r join contacts ct on ct.id = r.contact_id "
        + "where r.campaign_id = " + id + " and ct.name = 'Ana Temuco'");
    assertEquals(1, count("select count(*) from conversations where id = " + ana + " and 'campaña-" + id + "' = any(labels)"),
        "the campaign's label keeps its ñ");
    String text = admin.get("/api/v1/conversations/" + ana + "/messages").bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> (JsonObject) o).filter(m -> "template".equals(m.getString("contentType")))
        .findFirst().orElseThrow().getString("text");
    assertTrue(text.startsWith("Hola Ana Temuco, este mes tenemos 20% de descuento"),
        "the timeline shows what the customer read, not [promocion_general] …: " + text);
    assertTrue(graph.api().sent().stream().noneMatch(s -> "56971110004".equals(s.to())), "Santiago is outside the segment");
  }
}
