package com.conecta.hub.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.conecta.hub.foundation.sandbox.DemoSeeder;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A hub test that drives real Chromium windows (the web inbox, the sandbox phone): every window opened with
 * {@link #openBrowser()} is closed after its test, whatever the test did with it.
 */
public abstract class BrowserTestBase extends HubTestBase {
  private final List<WebDriver> browsers = new ArrayList<>();

  /** A new headless Chromium, closed after the test (the test is skipped on a machine without Chromium). */
  protected WebDriver openBrowser() {
    WebDriver driver = Browser.start();
    browsers.add(driver);
    return driver;
  }

  /** The hub's address for a browser: {@code http://127.0.0.1:<port>} and the path. */
  protected String url(String path) {
    return "http://127.0.0.1:" + hub.port() + path;
  }

  /** Opens the web inbox in {@code driver} and signs in; answers a 15-second wait on that window. */
  protected WebDriverWait signInAt(WebDriver driver, String email, String password) {
    return signInAt(driver, "/", Duration.ofSeconds(15), email, password);
  }

  /** Opens {@code path} of the web inbox in {@code driver} and signs in; answers a wait of {@code timeout} on that window. */
  protected WebDriverWait signInAt(WebDriver driver, String path, Duration timeout, String email, String password) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    driver.get(url(path));
    Browser.signIn(driver, wait, email, password);
    return wait;
  }

  /** Signs the admin in on {@code driver} and opens the conversation from the inbox's "Todas" tab; answers the wait. */
  protected WebDriverWait openConversationAsAdmin(WebDriver driver, long conversationId) {
    WebDriverWait wait = signInAt(driver, Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-tab='all']"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#conversation-list li[data-id='" + conversationId + "']"))).click();
    return wait;
  }

  /** As {@link #signInAt}, with the inbox's own language switch set to Spanish first, whatever the browser's language. */
  protected WebDriverWait signInInSpanishAt(WebDriver driver, Duration timeout, String email, String password) {
    WebDriverWait wait = Browser.openInSpanish(driver, url(""), timeout);
    Browser.signIn(driver, wait, email, password);
    return wait;
  }

  /**
   * Opens the sandbox phone in {@code phone} and starts a chat as a customer ({@code name}, {@code number}) writing
   * to the demo company's WhatsApp Ventas number.
   */
  protected void startSandboxChat(WebDriver phone, WebDriverWait wait, String name, String number) {
    phone.get(url("/sandbox"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#inbox option")));
    WebElement nameField = phone.findElement(By.id("name"));
    nameField.clear();
    nameField.sendKeys(name);
    WebElement numberField = phone.findElement(By.id("number"));
    numberField.clear();
    numberField.sendKeys(number);
    new Select(phone.findElement(By.id("inbox"))).selectByValue(DemoSeeder.SALES_PHONE_NUMBER_ID);
    phone.findElement(By.id("start")).click();
  }

  /** A WhatsApp customer writes to the hub; answers once the hub has written back to them (the bot's next words). */
  protected void sayAndWaitForAnswer(WhatsAppCustomer customer, String text) {
    String outbound = "select count(*) from messages m join conversations cv on cv.id = m.conversation_id "
        + "join contact_identities i on i.contact_id = cv.contact_id where i.value = '" + customer.waId
        + "' and m.direction = 'out'";
    long before = count(outbound);
    customer.text(hub.port(), text);
    Await.until(() -> count(outbound) > before, "the bot answers '" + text + "'");
  }

  @AfterEach
  void closeBrowsers() {
    browsers.forEach(WebDriver::quit);
    browsers.clear();
  }
}
