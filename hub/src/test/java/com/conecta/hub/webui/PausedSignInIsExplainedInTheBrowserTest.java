package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A sign-in paused after too many failures says so, and for how long, in the browser")
class PausedSignInIsExplainedInTheBrowserTest extends BrowserTestBase {
  private WebDriver browser;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("auth.sign-in.failures-per-account", 2).put("auth.sign-in.window-minutes", 60);
  }

  @Test
  @DisplayName("after the failures the right password shows 'ingreso pausado … N minutos' (and in English), never 'wrong password'")
  void pausedNotWrong() {
    for (int i = 0; i < 2; i++) {
      assertEquals(401, new Api(vertx, hub.port()).post("/api/v1/auth/login",
          new JsonObject().put("email", "ana@demo.conecta.cl").put("password", "no-es-esta")).statusCode());
    }
    var paused = new Api(vertx, hub.port()).post("/api/v1/auth/login",
        new JsonObject().put("email", "ana@demo.conecta.cl").put("password", Api.AGENT_PASSWORD));
    assertEquals(429, paused.statusCode());
    long minutes = (Long.parseLong(paused.getHeader("Retry-After")) + 59) / 60;
    // The pause shrinks while the test runs: the page may say one minute less, never another figure.
    String figure = "(" + minutes + "|" + (minutes - 1) + ")";
    browser = openBrowser();
    WebDriverWait wait = signInInSpanishAt(browser, Duration.ofSeconds(15), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    String spanish = waitForAlert(wait);
    Browser.screenshot(browser, "sign-in-paused-es");
    assertTrue(spanish.startsWith("El ingreso está pausado"), spanish);
    assertTrue(spanish.matches(".*Intente de nuevo en " + figure + " minutos?\\.$"), spanish);
    assertFalse(spanish.contains("incorrect"), spanish);

    ((JavascriptExecutor) browser).executeScript("localStorage.setItem('conecta.lang', 'en')");
    browser.navigate().refresh();
    Browser.signIn(browser, wait, "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    String english = waitForAlert(wait);
    assertTrue(english.matches("Sign-in is paused .* Try again in " + figure + " minutes?\\.$"), english);
  }

  private String waitForAlert(WebDriverWait wait) {
    return wait.until(d -> {
      String text = d.findElement(By.cssSelector(".login [role='alert']")).getText();
      return text.isBlank() ? null : text;
    });
  }
}
