package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.sandbox.DemoSeeder;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A hub user's phone is never a customer: notices and the user's own messages stay out of the inbox")
class AgentNoticesNeverBecomeCustomersInTheBrowserTest extends BrowserTestBase {
  private static final String SECRET = "notices-secret";
  private static final String ANA_PHONE = "56922222222";
  private WebDriver inbox;
  private WebDriver phone;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("bot.enabled", "true")
        .put("notifications.poll-ms", 200);
  }

  @Test
  @DisplayName("Ana's phone gets the hand-off notice and answers it; her inbox shows only the prospect, nothing is assigned or counted for her number")
  void noticeAndAnswerStayOutOfTheInbox() throws Exception {
    inbox = openBrowser();
    WebDriverWait inboxWait = signInAt(inbox, "/", Duration.ofSeconds(20), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    inboxWait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation-list")));
    signIn("ana@demo.conecta.cl").post("/api/v1/presence", new JsonObject().put("availability", "online"));

    phone = openBrowser();
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(20));
    startSandboxChat(phone, phoneWait, "Ana Rojas", ANA_PHONE);

    WhatsAppCustomer pedro = new WhatsAppCustomer(vertx, SECRET, DemoSeeder.SALES_PHONE_NUMBER_ID, "56977300001", "Pedro Soto");
    sayAndWaitForAnswer(pedro, "hola, necesito cotizar camaras de seguridad");
    sayAndWaitForAnswer(pedro, "empresa");
    sayAndWaitForAnswer(pedro, "quiero hablar con una persona");

    // The notice reaches Ana's phone ...
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "Pedro Soto"));
    assertTrue(phone.findElement(By.id("bubbles")).getText().contains("agent_handoff"));
    // ... and she answers it from there.
    phone.findElement(By.id("text")).sendKeys("ok, la tomo" + Keys.ENTER);
    Browser.screenshot(phone, "notice-on-agent-phone");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from staff_inbound_messages where user_id = 2 "
        + "and text = 'ok, la tomo'") == 1), "her answer is recognised as hers");

    // In her inbox: the prospect, assigned to her; never a conversation with herself.
    inboxWait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//ul[@id='conversation-list']/li[contains(., 'Pedro Soto')]")));
    inbox.findElement(By.cssSelector("[data-tab='all']")).click();
    inboxWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-tab='all'][aria-selected='true']")));
    inboxWait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//ul[@id='conversation-list']/li[contains(., 'Pedro Soto')]")));
    Browser.screenshot(inbox, "agent-inbox-without-own-notices");
    String list = inbox.findElement(By.id("conversation-list")).getText();
    assertFalse(list.contains("Ana Rojas"), list);
    assertFalse(list.contains("ok, la tomo"), list);
    assertEquals(0, count("select count(*) from contact_identities where value = '" + ANA_PHONE + "'"));
    assertEquals(1, count("select count(*) from conversations where assignee_id = 2 and status <> 'resolved'"),
        "her load is the one customer");
  }

  @Test
  @DisplayName("a contact that carries a user's phone or email (e.g. typed into the CRM) is left out of campaign audiences")
  void usersAreNotInAudiences() {
    long before = audience();
    sql.query("""
        with c as (insert into contacts (name, phone) values ('Bruno en el CRM', '+56 9 3333 3333') returning id)
        insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', '56933333333' from c""")
        .execute().await();
    sql.query("""
        with c as (insert into contacts (name, email) values ('Carla por correo', 'CARLA@demo.conecta.cl') returning id)
        insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', '56944000000' from c""")
        .execute().await();
    sql.query("""
        with c as (insert into contacts (name, phone) values ('Cliente real', '+56 9 5555 0000') returning id)
        insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', '56955550000' from c""")
        .execute().await();
    assertEquals(before + 1, audience(), "only the real customer joins the audience");
  }

  private long audience() {
    var res = admin.post("/api/v1/campaigns/audience", new JsonObject().put("inboxId", 1).put("segment", new JsonObject()));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("count");
  }
}
