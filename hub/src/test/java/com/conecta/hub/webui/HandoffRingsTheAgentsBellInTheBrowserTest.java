package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.sandbox.DemoSeeder;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A hand-off rings the online agent's bell, live, with a browser notification and a sandbox email")
class HandoffRingsTheAgentsBellInTheBrowserTest extends BrowserTestBase {
  private static final String SECRET = "bell-secret";
  /**
   * Headless Chromium shows no system notifications: this stands in for the browser's Notification API and records
   * what the page asked to show (permission starts undecided, as for a new user).
   */
  private static final String FAKE_NOTIFICATIONS = """
      window.__shown = []; window.__asked = 0;
      class FakeNotification {
        constructor(title, options) { window.__shown.push({ title, body: options.body, tag: options.tag }); }
        close() {}
      }
      FakeNotification.permission = 'default';
      FakeNotification.requestPermission = () => {
        window.__asked += 1; FakeNotification.permission = 'granted'; return Promise.resolve('granted'); };
      window.Notification = FakeNotification;""";
  private int imapPort;
  private WebDriver browser;

  @Override
  protected JsonObject extraConfig() {
    imapPort = freePort();
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("bot.enabled", "true")
        .put("notifications.poll-ms", 200).put("email.sandbox-server", "true")
        .put("email.sandbox-smtp-port", freePort()).put("email.sandbox-imap-port", imapPort);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> shown() {
    return (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("return window.__shown");
  }

  @Test
  @DisplayName("Ana's bell counts the hand-off live and lists it; opening it shows the conversation and clears the count; an assignment rings too; the email notice lands in the sandbox mail server")
  void bellRings() throws Exception {
    browser = openBrowser();
    WebDriverWait wait = signInInSpanishAt(browser, Duration.ofSeconds(20), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bell")));
    ((JavascriptExecutor) browser).executeScript(FAKE_NOTIFICATIONS);
    assertTrue(browser.findElement(By.id("bell-count")).getAttribute("hidden") != null, "nothing unread yet");

    // The first click on the bell asks for the browser's permission, once.
    browser.findElement(By.id("bell")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bell-list"), "No tiene avisos"));
    browser.findElement(By.id("bell")).click();
    browser.findElement(By.id("bell")).click();
    browser.findElement(By.id("bell")).click();
    assertEquals(1L, ((JavascriptExecutor) browser).executeScript("return window.__asked"));

    Api ana = signIn("ana@demo.conecta.cl");
    ana.post("/api/v1/presence", new JsonObject().put("availability", "online"));
    WhatsAppCustomer pedro = new WhatsAppCustomer(vertx, SECRET, DemoSeeder.SALES_PHONE_NUMBER_ID, "56977400001", "Pedro Soto");
    sayAndWaitForAnswer(pedro, "hola, necesito cotizar camaras de seguridad");
    sayAndWaitForAnswer(pedro, "empresa");
    sayAndWaitForAnswer(pedro, "quiero hablar con una persona");

    wait.until(ExpectedConditions.textToBe(By.id("bell-count"), "1"));
    assertTrue(browser.findElement(By.id("bell-count")).isDisplayed());
    wait.until(d -> !shown().isEmpty());
    assertTrue(String.valueOf(shown().get(0).get("title")).contains("Pedro Soto"), shown().toString());
    browser.findElement(By.id("bell")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#bell-list li.unread"),
        "Nueva conversación asignada: Pedro Soto"));
    Browser.screenshot(browser, "bell-open-handoff");
    browser.findElement(By.cssSelector("#bell-list li.unread")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "quiero hablar con una persona"));
    wait.until(d -> d.findElement(By.id("bell-count")).getAttribute("hidden") != null);
    assertEquals(0, ana.get("/api/v1/notifications").bodyAsJsonObject().getLong("unread"), "read on the server too");

    // Round-robin gives her (the one agent online) a new conversation: the bell rings again, with the assignment;
    // the supervisor confirming it to her is no second notice.
    JsonObject in = admin.inbound(API_INBOX, "bell-1", "cliente-bell", "Rosa Vidal", "¿Tienen stock de extintores?")
        .bodyAsJsonObject();
    long other = in.getLong("conversationId");
    wait.until(ExpectedConditions.textToBe(By.id("bell-count"), "1"));
    assertEquals(2, count("select assignee_id from conversations where id = " + other));
    assertEquals(200, admin.post("/api/v1/conversations/" + other + "/assignment", new JsonObject().put("assigneeId", 2))
        .statusCode());
    assertEquals(1, count("select count(*) from notifications where user_id = 2 and kind = 'assignment'"));
    browser.findElement(By.id("bell")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#bell-list li.unread"),
        "Conversación asignada a usted: Rosa Vidal"));
    wait.until(d -> shown().size() == 2);
    Browser.screenshot(browser, "bell-open-assignment");

    // Sandbox mode with no SMTP configured: the email notice goes to the built-in mail server, readable over IMAP.
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from notifications where user_id = 2 "
        + "and channel = 'email' and kind = 'bot_handoff' and status = 'sent'") == 1),
        "email notice: " + sql.query("select status, error_code from notifications where channel = 'email'").execute()
            .await().iterator().next().toJson());
    assertTrue(WhatsAppCustomer.eventually(() -> subjects("ana@demo.conecta.cl").stream()
        .anyMatch(s -> s.contains("Pedro Soto"))), "Ana's sandbox mailbox has the notice");
  }

  private List<String> subjects(String address) {
    try {
      Store store = Session.getInstance(new Properties()).getStore("imap");
      store.connect("127.0.0.1", imapPort, address, "sandbox");
      try {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        List<String> out = new java.util.ArrayList<>();
        for (Message m : inbox.getMessages()) {
          out.add(m.getSubject());
        }
        inbox.close(false);
        return out;
      } finally {
        store.close();
      }
    } catch (Exception e) {
      return List.of();
    }
  }
}
