package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("The whole sales journey in the browser: sandbox phone, bot, hand-off bell, reply, prefilled conversion, quote, visit, campaign")
class ProspectToAgentJourneyInTheBrowserTest extends BrowserTestBase {
  private static final String PROSPECT_PHONE = "56955557777";
  private static final String ANA_PHONE = "+56922222222";
  private static final String MARKETING = "mkt.journey@demo.conecta.cl";
  private WebDriver phone;
  private WebDriver agent;
  private WebDriver marketing;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("bot.enabled", "true").put("notifications.poll-ms", 200);
  }

  private long botBubbles() {
    return (Long) ((JavascriptExecutor) phone).executeScript("return document.querySelectorAll('#bubbles .bubble:not(.me)').length");
  }

  /** Types on the phone and waits for the hub's answer to appear there. */
  private void say(WebDriverWait wait, String text) {
    long before = botBubbles();
    phone.findElement(By.id("text")).sendKeys(text + Keys.ENTER);
    wait.until(d -> botBubbles() > before);
  }

  private String lastBotBubble() {
    return (String) ((JavascriptExecutor) phone).executeScript(
        "const b = document.querySelectorAll('#bubbles .bubble:not(.me)'); return b.length ? b[b.length - 1].textContent : ''");
  }

  /** Answers the bot on the phone and waits for its next question. */
  private void answer(WebDriverWait wait, String text, String nextQuestion) {
    phone.findElement(By.id("text")).sendKeys(text + Keys.ENTER);
    wait.until(d -> lastBotBubble().contains(nextQuestion));
  }

  @Test
  @DisplayName("a business prospect answers the bot on the phone and asks for a person; Ana's bell rings, she replies, converts the"
      + " lead from the bot's answers, quotes it (PDF with the RUT), schedules a visit; marketing's campaign audience leaves"
      + " Ana's own phone out and launches after the confirmation")
  void journey() throws Exception {
    agent = openBrowser();
    WebDriverWait agentWait = signInInSpanishAt(agent, Duration.ofSeconds(20), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    agentWait.until(ExpectedConditions.presenceOfElementLocated(By.id("bell")));
    // The inbox says "online" as soon as it opens; the round-robin only gives work to agents it has heard from.
    agentWait.until(d -> count("select count(*) from users where id = 2 and availability = 'online'") == 1);

    // 1. The prospect on the sandbox phone answers the sales bot as a business.
    phone = openBrowser();
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(20));
    startSandboxChat(phone, phoneWait, "Rodrigo Fuentes", PROSPECT_PHONE);
    phoneWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));

    // The budget comes in the first message, so the bot does not ask for it again.
    answer(phoneWait, "hola, necesito cotizar camaras de seguridad, tengo un presupuesto de $2.000.000",
        "¿Es para tu casa o para una empresa?");
    answer(phoneWait, "empresa", "¿Cuál es el RUT o NIT de la empresa?");
    answer(phoneWait, "76.086.428-5", "¿En qué comuna o ciudad?");
    answer(phoneWait, "Temuco", "¿Para cuándo lo necesitas?");
    // The last answer completes the qualification: the bot writes the lead and hands the prospect to a person
    // (asking for a person before that would hand him off without a lead to convert).
    say(phoneWait, "esta semana");
    phone.findElement(By.id("text")).sendKeys("quiero hablar con una persona" + Keys.ENTER);
    Browser.screenshot(phone, "journey-1-phone-bot");

    // 2. The hand-off rings Ana's bell; the notice opens the conversation and her reply reaches the phone.
    agentWait.until(ExpectedConditions.textToBe(By.id("bell-count"), "1"));
    agent.findElement(By.id("bell")).click();
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#bell-list li.unread"), "Rodrigo Fuentes"));
    Browser.screenshot(agent, "journey-2-bell");
    agent.findElement(By.cssSelector("#bell-list li.unread")).click();
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "quiero hablar con una persona"));
    agentWait.until(d -> d.findElement(By.id("bell-count")).getAttribute("hidden") != null);

    agent.findElement(By.id("composer-text")).sendKeys("¡Hola Rodrigo! Soy Ana, ¿cuántas cámaras necesita?" + Keys.ENTER);
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "Soy Ana, ¿cuántas cámaras necesita?"));
    Browser.screenshot(phone, "journey-3-phone-agent-reply");
    assertTrue(agent.findElement(By.id("conversation-list")).getText().contains("Rodrigo Fuentes"));

    // 3. She converts the lead from the side panel; the dialog starts from what the bot learned.
    agentWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#side [data-action='convert-lead']"))).click();
    agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("convert-dialog")));
    assertEquals("business", new Select(agent.findElement(By.id("f-convert-dialog-accountKind")))
        .getFirstSelectedOption().getAttribute("value"), "customer type business from the bot");
    WebElement taxId = agent.findElement(By.id("f-convert-dialog-taxId"));
    assertEquals("76086428-5", taxId.getAttribute("value"), "the RUT the bot checked");
    assertEquals("2000000", agent.findElement(By.id("f-convert-dialog-opportunity_amount")).getAttribute("value"));
    assertEquals("security", new Select(agent.findElement(By.id("f-convert-dialog-opportunity_divisions")))
        .getFirstSelectedOption().getAttribute("value"), "interest seguridad → division security");
    Browser.screenshot(agent, "journey-4-convert-prefilled");
    // A slip of the finger is refused beside the field in Spanish; she corrects it.
    taxId.clear();
    taxId.sendKeys("76.086.428-4");
    agent.findElement(By.id("convert-dialog-submit")).click();
    String taxError = Browser.fieldError(agentWait, "convert-dialog", "taxId");
    assertTrue(taxError.contains("dígito verificador"), taxError);
    assertEquals(0, count("select count(*) from accounts where tax_id like '76086428%'"), "a refused RUT stores nothing");
    taxId.clear();
    taxId.sendKeys("76.086.428-5");
    agent.findElement(By.id("convert-dialog-submit")).click();
    agentWait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("convert-dialog")));
    WebElement converted = agentWait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#side .lead [data-opportunity]")));
    agentWait.until(d -> converted.getText().contains("$2.000.000"));
    long opportunityId = count("select o.id from opportunities o join accounts a on a.id = o.account_id "
        + "where a.tax_id = '76086428-5' and a.kind = 'business' and o.amount = 2000000");

    // 4. A quote for the new opportunity, made with Ana's own browser session (this branch has no quote screen).
    // A code of its own: the sandbox's catalogue already holds CAM-IP4.
    var productMade = admin.post("/api/v1/products", new JsonObject().put("code", "CAM-IP4-OBRA").put("name", "Cámara IP 4 MP")
        .put("unitPrice", 89990).put("taxRate", 19).put("currency", "CLP"));
    assertEquals(201, productMade.statusCode(), productMade.bodyAsString());
    long product = productMade.bodyAsJsonObject().getLong("id");
    @SuppressWarnings("unchecked")
    Map<String, Object> made = (Map<String, Object>) ((JavascriptExecutor) agent).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('/js/api.js').then((api) => api.post('/api/v1/quotes', JSON.parse(arguments[0])))
          .then(async (q) => {
            const bytes = new Uint8Array(await (await fetch(`/api/v1/quotes/${q.id}/pdf`, { credentials: 'same-origin' })).arrayBuffer());
            let bin = '';
            for (const b of bytes) bin += String.fromCharCode(b);
            done({ number: q.number, createdBy: q.createdBy, pdf: btoa(bin) });
          }).catch((e) => done({ error: e.message }));
        """, new JsonObject().put("opportunityId", opportunityId).put("items", new JsonArray()
            .add(new JsonObject().put("productId", product).put("quantity", 4))).encode());
    assertNull(made.get("error"), "the agent may quote her converted lead: " + made.get("error"));
    String pdf;
    try (PDDocument doc = Loader.loadPDF(Base64.getDecoder().decode((String) made.get("pdf")))) {
      pdf = new PDFTextStripper().getText(doc);
    }
    assertTrue(pdf.contains("76086428-5"), "the quote carries the corrected RUT, not the slip: " + pdf);
    assertFalse(pdf.contains("76086428-4"), pdf);
    assertTrue(pdf.contains("Cámara IP 4 MP") && pdf.contains("RUT/NIT"), pdf);
    assertEquals(1, count("select count(*) from quotes where opportunity_id = " + opportunityId + " and created_by = 2"));

    // 5. A visit from the side panel.
    agentWait.until(ExpectedConditions.elementToBeClickable(By.id("new-visit"))).click();
    agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-dialog")));
    agent.findElement(By.id("f-visit-dialog-notes")).sendKeys("Revisar ubicación de 4 cámaras");
    agent.findElement(By.id("visit-dialog-submit")).click();
    agentWait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("visit-dialog")));
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".toast"), "Visita agendada"));
    Browser.screenshot(agent, "journey-5-visit-scheduled");
    assertEquals(1, count("select count(*) from service_requests s join contact_identities i on i.contact_id = s.contact_id "
        + "where i.value = '" + PROSPECT_PHONE + "' and s.kind = 'technical_visit' and s.status = 'scheduled'"
        + " and s.notes = 'Revisar ubicación de 4 cámaras'"));

    // 6. Ana's own phone is in the CRM too (typed in by sales, with a lead of the same interest); campaigns leave her out.
    var anaContact = admin.post("/api/v1/contacts", new JsonObject().put("name", "Ana Rojas (celular)").put("phone", ANA_PHONE));
    assertEquals(201, anaContact.statusCode(), anaContact.bodyAsString());
    assertEquals(201, admin.post("/api/v1/leads", new JsonObject().put("title", "Cámaras casa Ana").put("stage", "new")
        .put("contactId", anaContact.bodyAsJsonObject().getLong("id")).put("interestArea", "seguridad")).statusCode());
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", MARKETING).put("name", "Valentina Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD)).statusCode());

    marketing = openBrowser();
    WebDriverWait mktWait = signInInSpanishAt(marketing, Duration.ofSeconds(20), MARKETING, Api.AGENT_PASSWORD);
    mktWait.until(ExpectedConditions.elementToBeClickable(By.id("new-campaign"))).click();
    mktWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-c-name"))).sendKeys("Seguridad Temuco");
    new Select(marketing.findElement(By.id("f-c-inboxId"))).selectByVisibleText(
        new Select(marketing.findElement(By.id("f-c-inboxId"))).getOptions().stream()
            .filter(o -> o.getText().startsWith("WhatsApp Ventas")).findFirst().orElseThrow().getText());
    marketing.findElement(By.id("f-c-segment_interestArea")).sendKeys("seguridad");
    mktWait.until(ExpectedConditions.textToBe(By.id("audience-count"), "1"));
    assertTrue(marketing.findElement(By.cssSelector("p.audience")).getText().startsWith("Audiencia: 1 contacto"), "one contact, singular");
    assertFalse(marketing.findElement(By.cssSelector("p.audience")).getText().contains("contactos"));
    new Select(marketing.findElement(By.id("f-c-template"))).selectByValue("promocion_general");
    marketing.findElement(By.cssSelector("input[data-param-text='1']")).sendKeys("15%");
    Browser.screenshot(marketing, "journey-6-campaign-audience");
    marketing.findElement(By.id("save-campaign")).click();
    mktWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-preview")));
    assertEquals("1", marketing.findElement(By.id("review-audience")).getText());
    marketing.findElement(By.id("launch-campaign")).click();
    WebElement summary = mktWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("launch-summary")));
    assertEquals("Se enviará a 1 contacto:", summary.getText());
    String sample = marketing.findElement(By.id("launch-sample")).getText();
    assertTrue(sample.contains("Rodrigo Fuentes") && !sample.contains("Ana"), sample);
    assertTrue(marketing.findElements(By.cssSelector("#campaign-list")).isEmpty(), "nothing is launched before the confirmation");
    Browser.screenshot(marketing, "journey-7-campaign-confirmation");
    marketing.findElement(By.id("launch-dialog-submit")).click();

    // The campaign list redraws as the funnel moves, so it is read afresh on every poll.
    JavascriptExecutor mktJs = (JavascriptExecutor) marketing;
    String campaign = mktWait.until(d -> (String) mktJs.executeScript(
        "return document.querySelector('#campaign-list tr[data-campaign]')?.dataset.campaign ?? null"));
    mktWait.until(d -> "1".equals(mktJs.executeScript("return document.querySelector(\"#campaign-list tr[data-campaign='"
        + campaign + "'] [data-step='sent']\")?.getAttribute('data-count') ?? null")));
    // The sandbox phone shows a template as its name and parameters.
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "[promocion_general] Rodrigo Fuentes · 15%"));
    Browser.screenshot(phone, "journey-9-phone-campaign");
    Browser.screenshot(marketing, "journey-8-campaign-sent");
    assertEquals(0, count("select count(*) from campaign_recipients r join contacts c on c.id = r.contact_id where r.campaign_id = "
        + campaign + " and c.phone = '" + ANA_PHONE + "'"), "Ana's own phone never receives the campaign");
  }
}
