package com.conecta.hub.foundation.twofactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does with their second factor after setting it up (new backup codes, turning it off), what an admin
 * does for someone who lost their phone (reset), and both screens in the browser, in Spanish.
 */
@DisplayName("Two-factor sign-in: backup codes renewed, turned off, reset by an admin, and its screens")
class TwoFactorManagementTest extends HubTestBase {

  private record Person(String email, long id, Api api, String secret, List<String> backupCodes) {}

  private static String codeNow(String secret, int stepsAhead) {
    return Totp.code(secret.replace(" ", ""), Totp.step(Instant.now()) + stepsAhead);
  }

  private String newUser(String role) {
    String email = "gestion-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.conecta.cl";
    var made = admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", "Gestión Dos Pasos")
        .put("role", role).put("password", Api.AGENT_PASSWORD).put("teamIds", new JsonArray().add(1)));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return email;
  }

  private Person enrolled(String role) {
    String email = newUser(role);
    Api api = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    String secret = api.post("/api/v1/auth/two-factor/enrolment", new JsonObject()).bodyAsJsonObject().getString("secret");
    var confirmed = api.post("/api/v1/auth/two-factor/enrolment/confirm", new JsonObject().put("code", codeNow(secret, 0)));
    assertEquals(200, confirmed.statusCode(), confirmed.bodyAsString());
    List<String> codes = confirmed.bodyAsJsonObject().getJsonArray("backupCodes").stream().map(Object::toString).toList();
    long id = api.get("/api/v1/auth/me").bodyAsJsonObject().getLong("id");
    return new Person(email, id, api, secret, codes);
  }

  private JsonObject status(Api api) {
    return api.get("/api/v1/auth/two-factor").bodyAsJsonObject();
  }

  private JsonObject login(String email) {
    var res = new Api(vertx, hub.port()).post("/api/v1/auth/login", new JsonObject().put("email", email)
        .put("password", Api.AGENT_PASSWORD));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  @Test
  @DisplayName("new backup codes need a current code; they replace the old ones, which stop working")
  void newBackupCodes() {
    Person p = enrolled("agent");
    var wrong = p.api().post("/api/v1/auth/two-factor/backup-codes", new JsonObject().put("code", "000000"));
    assertEquals(422, wrong.statusCode());
    assertEquals("code", wrong.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var renewed = p.api().post("/api/v1/auth/two-factor/backup-codes", new JsonObject().put("code", p.backupCodes().get(0)));
    assertEquals(200, renewed.statusCode(), renewed.bodyAsString());
    List<String> fresh = renewed.bodyAsJsonObject().getJsonArray("backupCodes").stream().map(Object::toString).toList();
    assertEquals(10, fresh.size());
    assertTrue(fresh.stream().noneMatch(p.backupCodes()::contains), "all ten are new");
    assertEquals(10, status(p.api()).getLong("backupCodesLeft"));
    String challenge = login(p.email()).getJsonObject("secondStep").getString("challenge");
    var old = new Api(vertx, hub.port()).post("/api/v1/auth/second-step",
        new JsonObject().put("challenge", challenge).put("code", p.backupCodes().get(5)));
    assertEquals(422, old.statusCode(), "an old backup code no longer signs in");
    var good = new Api(vertx, hub.port()).post("/api/v1/auth/second-step",
        new JsonObject().put("challenge", challenge).put("code", fresh.get(5)));
    assertEquals(200, good.statusCode(), good.bodyAsString());
  }

  @Test
  @DisplayName("turning it off needs a right code; afterwards the password alone signs in; a wrong code changes nothing")
  void turnOff() {
    Person p = enrolled("agent");
    var wrong = p.api().post("/api/v1/auth/two-factor/disable", new JsonObject().put("code", "111111"));
    assertEquals(422, wrong.statusCode());
    assertTrue(status(p.api()).getBoolean("enabled"), "a wrong code changes nothing");
    var off = p.api().post("/api/v1/auth/two-factor/disable", new JsonObject().put("code", codeNow(p.secret(), 1)));
    assertEquals(204, off.statusCode(), off.bodyAsString());
    assertFalse(status(p.api()).getBoolean("enabled"));
    assertEquals(0, count("select count(*) from user_backup_codes where user_id = " + p.id()));
    assertNotNull(login(p.email()).getJsonObject("user"), "signed in with the password alone");
    var again = p.api().post("/api/v1/auth/two-factor/disable", new JsonObject().put("code", "123456"));
    assertEquals(409, again.statusCode());
    assertEquals("two_factor_not_enabled", again.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  @DisplayName("while their role requires it a person cannot turn it off, and the refusal says why in Spanish")
  void requiredCannotBeTurnedOff() {
    Person p = enrolled("marketing");
    admin.send(HttpMethod.PUT, "/api/v1/two-factor/required-roles", new JsonObject().put("roles", new JsonArray().add("marketing")));
    try {
      var refused = p.api().post("/api/v1/auth/two-factor/disable", new JsonObject().put("code", codeNow(p.secret(), 1)));
      assertEquals(409, refused.statusCode());
      JsonObject error = refused.bodyAsJsonObject().getJsonObject("error");
      assertEquals("two_factor_required", error.getString("code"));
      assertTrue(error.getString("message").contains("un administrador puede restablecerla"), error.getString("message"));
      assertTrue(status(p.api()).getBoolean("enabled"));
    } finally {
      admin.send(HttpMethod.PUT, "/api/v1/two-factor/required-roles", new JsonObject().put("roles", new JsonArray()));
    }
  }

  @Test
  @DisplayName("an admin resets a person's second factor: their sessions end, the list shows it off, the audit log"
      + " names it; agents may not; a user without one is refused")
  void adminReset() {
    Person p = enrolled("agent");
    JsonObject row = admin.get("/api/v1/two-factor/users").bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(u -> u.getLong("id") == p.id()).findFirst().orElseThrow();
    assertTrue(row.getBoolean("enabled"));
    Api ana = Api.signedIn(vertx, hub.port(), "ana@demo.conecta.cl", Api.AGENT_PASSWORD);
    assertEquals(403, ana.delete("/api/v1/users/" + p.id() + "/two-factor").statusCode());
    assertEquals(403, ana.get("/api/v1/two-factor/users").statusCode());
    assertEquals(200, p.api().get("/api/v1/auth/me").statusCode());

    assertEquals(204, admin.delete("/api/v1/users/" + p.id() + "/two-factor").statusCode());
    assertEquals(401, p.api().get("/api/v1/auth/me").statusCode(), "their session ended");
    assertNotNull(login(p.email()).getJsonObject("user"), "the password alone signs in until they set it up again");
    assertEquals(1, count("select count(*) from audit_log where action = 'auth.two_factor_reset' and target_id = '"
        + p.id() + "'"));
    var again = admin.delete("/api/v1/users/" + p.id() + "/two-factor");
    assertEquals(409, again.statusCode());
    assertEquals(404, admin.delete("/api/v1/users/999999/two-factor").statusCode());
  }

  @Test
  @DisplayName("in the browser, in Spanish: Mi cuenta turns it on with the QR code and key, shows the backup codes"
      + " once; Ajustes › Seguridad shows it on and resets it")
  void screensInTheBrowser() {
    String email = newUser("agent");
    WebDriver driver = Browser.start();
    try {
      WebDriverWait wait = Browser.openInSpanish(driver, "http://127.0.0.1:" + hub.port(), Duration.ofSeconds(15));
      Browser.signIn(driver, wait, email, Api.AGENT_PASSWORD);
      // The menu's hints and the "g" keys come from one table: Calendario says g l, and g l opens it.
      WebElement calendar = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-view=calendar]")));
      assertEquals("Calendario (g l)", calendar.getAttribute("title"));
      new org.openqa.selenium.interactions.Actions(driver).sendKeys("gl").perform();
      wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-view=calendar]"), "aria-current", "true"));
      driver.findElement(By.id("my-account")).click();
      WebElement statusLine = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("two-factor-status")));
      assertTrue(statusLine.getText().startsWith("Desactivada"), statusLine.getText());
      driver.findElement(By.id("two-factor-on")).click();
      String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("two-factor-key"))).getText();
      assertTrue(driver.findElement(By.id("two-factor-qr")).getAttribute("src").startsWith("data:image/svg+xml"));
      driver.findElement(By.id("two-factor-code")).sendKeys("000000");
      driver.findElement(By.id("two-factor-confirm")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("two-factor-message"), "no es correcto"));
      driver.findElement(By.id("two-factor-code")).clear();
      driver.findElement(By.id("two-factor-code")).sendKeys(codeNow(key, 0));
      driver.findElement(By.id("two-factor-confirm")).click();
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#backup-codes li"), 10));
      Browser.screenshot(driver, "my-account-backup-codes");
      driver.findElement(By.id("backup-codes-done")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("two-factor-status"),
          "Activada. Te quedan 10 códigos de respaldo sin usar."));
      assertFalse(driver.findElement(By.id("account-two-factor")).getText().contains("null"), "no stray text");
      Browser.screenshot(driver, "my-account");
      driver.findElement(By.id("logout")).click();

      Browser.signIn(driver, wait, "admin@demo.conecta.cl", Api.ADMIN_PASSWORD);
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-view=settings]"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-settings=securityTab]"))).click();
      long id = admin.get("/api/v1/two-factor/users").bodyAsJsonObject().getJsonArray("items").stream()
          .map(JsonObject.class::cast).filter(u -> email.equals(u.getString("email"))).findFirst().orElseThrow().getLong("id");
      WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-user='" + id + "']")));
      assertTrue(row.getText().contains("Activada"), row.getText());
      Browser.screenshot(driver, "settings-security");
      row.findElement(By.cssSelector("[data-reset-two-factor]")).click();
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-user='" + id + "']"), "Desactivada"));
      assertFalse(admin.get("/api/v1/two-factor/users").bodyAsJsonObject().getJsonArray("items").stream()
          .map(JsonObject.class::cast).filter(u -> u.getLong("id") == id).findFirst().orElseThrow().getBoolean("enabled"));
      String page = driver.findElement(By.id("page")).getText();
      assertNotEquals(-1, page.indexOf("Verificación en dos pasos obligatoria"));
    } finally {
      driver.quit();
    }
  }
}
