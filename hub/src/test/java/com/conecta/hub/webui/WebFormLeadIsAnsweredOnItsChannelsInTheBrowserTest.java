package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A web-form lead is answered on the channels it gave (WhatsApp template or email), in the browser")
class WebFormLeadIsAnsweredOnItsChannelsInTheBrowserTest extends BrowserTestBase {
  private WebDriver browser;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("forms.per-ip-per-minute", 1000);
  }

  private long submitForm() {
    var res = WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/forms/contact")
        .putHeader("content-type", "application/json")
        .sendJsonObject(new JsonObject().put("name", "Lucía Vera").put("email", "lucia@vera.cl")
            .put("phone", "+56 9 7766 5544").put("message", "Quiero cotizar cámaras para mi local"))
        .await();
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return count("select c.id from conversations c join inboxes i on i.id = c.inbox_id where i.channel = 'webform' "
        + "order by c.id desc limit 1");
  }

  /** Opens Lucía's conversation of one channel; the list is drawn again on live events, so a click may need a retry. */
  private void open(String channelBadge) {
    By row = By.xpath("//ul[@id='conversation-list']/li[contains(., 'Lucía Vera') and .//span[contains(@class,'channel') and .='"
        + channelBadge + "']]");
    new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class).until(d -> {
      d.findElement(row).click();
      return true;
    });
  }

  @Test
  @DisplayName("a plain reply is refused and stores nothing; the WhatsApp template goes out on the same contact and lead; a refused send keeps what was typed and says why in Spanish; a failed email never counts as a reply")
  void answeredOnItsChannels() throws Exception {
    long form = submitForm();
    long contact = count("select contact_id from conversations where id = " + form);
    long messagesBefore = count("select count(*) from messages where conversation_id = " + form);

    var refused = admin.post("/api/v1/conversations/" + form + "/messages", new JsonObject().put("text", "Hola Lucía"));
    assertEquals(422, refused.statusCode());
    assertEquals("reply_channel_required", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(messagesBefore, count("select count(*) from messages where conversation_id = " + form));
    assertEquals(0, count("select count(*) from conversations where id = " + form + " and first_reply_at is not null"));

    browser = openBrowser();
    WebDriverWait wait = signInInSpanishAt(browser, Duration.ofSeconds(20), Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-tab='all']"))).click();
    open("Web");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer-whatsapp:checked")));
    assertTrue(browser.findElement(By.id("form-answer")).getText().contains("+56977665544"));
    assertTrue(browser.findElement(By.id("form-answer")).getText().contains("lucia@vera.cl"));

    // WhatsApp: a template; left without its quote number, the hub refuses it and the composer keeps everything.
    new Select(browser.findElement(By.id("answer-template"))).selectByValue("seguimiento_cotizacion");
    WebElement name = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer-body input[data-param='0']")));
    assertEquals("Lucía Vera", name.getAttribute("value"));
    browser.findElement(By.id("answer-send")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("answer-error"), "Complete todos los datos de la plantilla"));
    Browser.screenshot(browser, "form-answer-refused");
    assertEquals("seguimiento_cotizacion", new Select(browser.findElement(By.id("answer-template"))).getFirstSelectedOption()
        .getAttribute("value"));
    assertEquals("Lucía Vera", browser.findElement(By.cssSelector("#answer-body input[data-param='0']")).getAttribute("value"));
    assertEquals(0, count("select count(*) from conversations c join inboxes i on i.id = c.inbox_id "
        + "where i.channel = 'whatsapp' and c.contact_id = " + contact));

    browser.findElement(By.cssSelector("#answer-body input[data-param='1']")).sendKeys("COT-77");
    browser.findElement(By.id("answer-send")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "COT-77"));
    long whatsapp = count("select c.id from conversations c join inboxes i on i.id = c.inbox_id "
        + "where i.channel = 'whatsapp' and c.contact_id = " + contact);
    assertEquals(String.valueOf(whatsapp), sql.query("select custom_attributes ->> 'whatsappConversationId' from leads "
        + "where conversation_id = " + form).execute().await().iterator().next().getString(0), "the lead follows it");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from messages where conversation_id = " + whatsapp
        + " and status in ('sent', 'delivered', 'read')") == 1), "the template reached WhatsApp");
    assertEquals(1, count("select count(*) from contact_identities where contact_id = " + contact
        + " and kind = 'whatsapp' and value = '56977665544'"));
    Browser.screenshot(browser, "form-answer-whatsapp-sent");

    // Email: the email inbox has no SMTP server in this test, so the send fails: it shows as failed and is no reply.
    browser.findElement(By.cssSelector("[data-tab='all']")).click();
    open("Web");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("answer-email"))).click();
    WebElement text = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer-text")));
    text.sendKeys("Le envío la cotización por correo, Lucía.");
    browser.findElement(By.id("answer-send")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Le envío la cotización por correo"));
    long email = count("select c.id from conversations c join inboxes i on i.id = c.inbox_id "
        + "where i.channel = 'email' and c.contact_id = " + contact);
    assertNotEquals(0, email);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg.out .ticks[data-status='failed']")));
    Browser.screenshot(browser, "form-answer-email-failed");
    assertEquals(0, count("select count(*) from conversations where id = " + email + " and first_reply_at is not null"),
        "a send that failed never counts as a reply");
    assertEquals(1, count("select count(*) from conversations where id = " + whatsapp + " and first_reply_at is not null"));
  }
}
