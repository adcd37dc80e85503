package com.conecta.hub.foundation.twofactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Two-factor sign-in with an authenticator app and backup codes")
class TwoFactorSignInTest extends HubTestBase {

  private record Enrolled(String email, String secret, List<String> backupCodes) {}

  private String newUser(String role) {
    String email = "dospasos-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.conecta.cl";
    var made = admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", "Dos Pasos").put("role", role)
        .put("password", Api.AGENT_PASSWORD).put("teamIds", new JsonArray().add(1)));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return email;
  }

  private static String codeNow(String secret, int stepsAhead) {
    return Totp.code(secret.replace(" ", ""), Totp.step(Instant.now()) + stepsAhead);
  }

  /** Signs in and sets up the authenticator through the API, as the settings of a signed-in user would. */
  private Enrolled enrolled() {
    String email = newUser("agent");
    Api api = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    var setup = api.post("/api/v1/auth/two-factor/enrolment", new JsonObject());
    assertEquals(200, setup.statusCode(), setup.bodyAsString());
    String secret = setup.bodyAsJsonObject().getString("secret");
    var confirmed = api.post("/api/v1/auth/two-factor/enrolment/confirm", new JsonObject().put("code", codeNow(secret, 0)));
    assertEquals(200, confirmed.statusCode(), confirmed.bodyAsString());
    List<String> codes = confirmed.bodyAsJsonObject().getJsonArray("backupCodes").stream().map(Object::toString).toList();
    return new Enrolled(email, secret, codes);
  }

  private HttpResponse<Buffer> login(String email) {
    return new Api(vertx, hub.port()).post("/api/v1/auth/login", new JsonObject().put("email", email)
        .put("password", Api.AGENT_PASSWORD));
  }

  private String challenge(HttpResponse<Buffer> login) {
    assertEquals(200, login.statusCode(), login.bodyAsString());
    JsonObject step = login.bodyAsJsonObject().getJsonObject("secondStep");
    assertNotNull(step, "a second step instead of a session: " + login.bodyAsString());
    return step.getString("challenge");
  }

  private HttpResponse<Buffer> secondStep(String challenge, String code) {
    return new Api(vertx, hub.port()).post("/api/v1/auth/second-step",
        new JsonObject().put("challenge", challenge).put("code", code));
  }

  private static boolean setsSession(HttpResponse<Buffer> res) {
    return res.cookies().stream().anyMatch(c -> c.startsWith("conecta_session=") && !c.startsWith("conecta_session=;"));
  }

  @Test
  @DisplayName("setting up shows a QR code and a key; a wrong first code is refused; the right one gives 10 backup"
      + " codes stored only as hashes")
  void enrolment() {
    String email = newUser("agent");
    Api api = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    assertFalse(api.get("/api/v1/auth/two-factor").bodyAsJsonObject().getBoolean("enabled"));
    JsonObject setup = api.post("/api/v1/auth/two-factor/enrolment", new JsonObject()).bodyAsJsonObject();
    assertTrue(setup.getString("qrSvg").startsWith("<svg"), setup.getString("qrSvg"));
    assertTrue(setup.getString("otpauthUri").startsWith("otpauth://totp/Conecta:"));
    String secret = setup.getString("secret");
    var wrong = api.post("/api/v1/auth/two-factor/enrolment/confirm", new JsonObject().put("code", "000000"));
    assertEquals(422, wrong.statusCode());
    assertEquals("code", wrong.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertFalse(api.get("/api/v1/auth/two-factor").bodyAsJsonObject().getBoolean("enabled"), "a wrong code changes nothing");
    var ok = api.post("/api/v1/auth/two-factor/enrolment/confirm", new JsonObject().put("code", codeNow(secret, 0)));
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    JsonArray codes = ok.bodyAsJsonObject().getJsonArray("backupCodes");
    assertEquals(10, codes.size());
    long userId = api.get("/api/v1/auth/me").bodyAsJsonObject().getLong("id");
    assertEquals(10, count("select count(*) from user_backup_codes where user_id = " + userId));
    for (Object c : codes) {
      assertEquals(0, count("select count(*) from user_backup_codes where code_hash like '%" + c + "%'"));
    }
    JsonObject status = api.get("/api/v1/auth/two-factor").bodyAsJsonObject();
    assertTrue(status.getBoolean("enabled"));
    assertEquals(10, status.getLong("backupCodesLeft"));
    assertEquals(409, api.post("/api/v1/auth/two-factor/enrolment", new JsonObject()).statusCode(),
        "a confirmed authenticator is not replaced by a new setup");
  }

  @Test
  @DisplayName("without a second factor the password opens the session; with one it leads to the code, which opens it"
      + " once; a wrong code is refused")
  void signInWithAndWithoutSecondFactor() {
    var plain = login(newUser("agent"));
    assertEquals(200, plain.statusCode());
    assertNotNull(plain.bodyAsJsonObject().getJsonObject("user"));
    assertTrue(setsSession(plain));

    Enrolled u = enrolled();
    var first = login(u.email());
    assertFalse(setsSession(first), "no session before the code");
    assertNull(first.bodyAsJsonObject().getJsonObject("user"));
    String challenge = challenge(first);
    var wrong = secondStep(challenge, "123456");
    assertEquals(422, wrong.statusCode());
    assertEquals("invalid_code", wrong.bodyAsJsonObject().getJsonObject("error").getString("code"));
    // The enrolment used this step's code; the next step's is within the accepted window.
    String code = codeNow(u.secret(), 1);
    var done = secondStep(challenge, code);
    assertEquals(200, done.statusCode(), done.bodyAsString());
    assertTrue(setsSession(done));
    assertEquals(u.email(), done.bodyAsJsonObject().getJsonObject("user").getString("email"));
    assertEquals(401, secondStep(challenge, code).statusCode(), "the challenge is used up");
    var replay = secondStep(challenge(login(u.email())), code);
    assertEquals(422, replay.statusCode(), "a code is accepted once");
  }

  @Test
  @DisplayName("a backup code signs in once; used again it is refused")
  void backupCodeOnce() {
    Enrolled u = enrolled();
    String backup = u.backupCodes().get(3);
    var ok = secondStep(challenge(login(u.email())), backup.toUpperCase());
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    assertTrue(setsSession(ok));
    var again = secondStep(challenge(login(u.email())), backup);
    assertEquals(422, again.statusCode());
    assertEquals(9, count("select count(*) from user_backup_codes c join users u on u.id = c.user_id where u.email = '"
        + u.email() + "' and c.used_at is null"), "the other nine are left");
  }

  @Test
  @DisplayName("after five wrong codes the sign-in must start over, even with a right code")
  void tooManyWrongCodes() {
    Enrolled u = enrolled();
    String challenge = challenge(login(u.email()));
    for (int i = 0; i < TwoFactorGate.MAX_ATTEMPTS; i++) {
      assertEquals(422, secondStep(challenge, "00000" + i).statusCode());
    }
    var late = secondStep(challenge, u.backupCodes().get(0));
    assertEquals(401, late.statusCode());
    assertEquals("second_step_expired", late.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  @DisplayName("an admin requires it for a role: that role's next sign-in sets it up first and then enters;"
      + " other roles are not asked; a bad role is refused and changes nothing")
  void requiredPerRole() {
    String email = newUser("marketing");
    var bad = admin.send(HttpMethod.PUT, "/api/v1/two-factor/required-roles",
        new JsonObject().put("roles", new JsonArray().add("jefe")));
    assertEquals(422, bad.statusCode());
    assertEquals("roles", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var set = admin.send(HttpMethod.PUT, "/api/v1/two-factor/required-roles",
        new JsonObject().put("roles", new JsonArray().add("marketing")));
    assertEquals(200, set.statusCode(), set.bodyAsString());
    try {
      assertEquals(403, signIn("ana@demo.conecta.cl").send(HttpMethod.PUT, "/api/v1/two-factor/required-roles",
          new JsonObject().put("roles", new JsonArray())).statusCode());
      assertNotNull(login("ana@demo.conecta.cl").bodyAsJsonObject().getJsonObject("user"), "agents are not asked");
      var first = login(email);
      assertEquals("enrol", first.bodyAsJsonObject().getJsonObject("secondStep").getString("kind"));
      String challenge = challenge(first);
      assertEquals(401, secondStep(challenge, "123456").statusCode(), "an enrol challenge is not a code challenge");
      Api anonymous = new Api(vertx, hub.port());
      JsonObject setup = anonymous.post("/api/v1/auth/second-step/enrolment", new JsonObject().put("challenge", challenge))
          .bodyAsJsonObject();
      var done = anonymous.post("/api/v1/auth/second-step/enrolment/confirm", new JsonObject().put("challenge", challenge)
          .put("code", codeNow(setup.getString("secret"), 0)));
      assertEquals(200, done.statusCode(), done.bodyAsString());
      assertTrue(setsSession(done));
      assertEquals(10, done.bodyAsJsonObject().getJsonArray("backupCodes").size());
      assertEquals("totp", login(email).bodyAsJsonObject().getJsonObject("secondStep").getString("kind"),
          "from now on the code is asked");
    } finally {
      admin.send(HttpMethod.PUT, "/api/v1/two-factor/required-roles", new JsonObject().put("roles", new JsonArray()));
    }
  }

  @Test
  @DisplayName("in the browser: after the password the second-step screen asks for the code, a wrong one is explained,"
      + " the right one enters the inbox")
  void secondStepInTheBrowser() {
    Enrolled u = enrolled();
    WebDriver driver = Browser.start();
    try {
      WebDriverWait wait = Browser.openInSpanish(driver, "http://127.0.0.1:" + hub.port(), Duration.ofSeconds(15));
      Browser.signIn(driver, wait, u.email(), Api.AGENT_PASSWORD);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("second-step-code"))).sendKeys("999999");
      assertTrue(driver.findElement(By.tagName("h2")).getText().contains("Verificación en dos pasos"));
      driver.findElement(By.id("second-step-submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("second-step-message"), "no es correcto"));
      Browser.screenshot(driver, "two-factor-second-step");
      driver.findElement(By.id("second-step-code")).clear();
      driver.findElement(By.id("second-step-code")).sendKeys(codeNow(u.secret(), 1));
      driver.findElement(By.id("second-step-submit")).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("second-step-code")));
      wait.until(d -> !d.findElements(By.cssSelector(".topbar")).isEmpty());
    } finally {
      driver.quit();
    }
  }

  @Test
  @DisplayName("in the browser: a user whose role requires it is shown the QR code and key after the password, types"
      + " the first code, sees the backup codes once and enters")
  void requiredSetupInTheBrowser() {
    String email = newUser("marketing");
    admin.send(HttpMethod.PUT, "/api/v1/two-factor/required-roles",
        new JsonObject().put("roles", new JsonArray().add("marketing")));
    WebDriver driver = Browser.start();
    try {
      WebDriverWait wait = Browser.openInSpanish(driver, "http://127.0.0.1:" + hub.port(), Duration.ofSeconds(15));
      Browser.signIn(driver, wait, email, Api.AGENT_PASSWORD);
      String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrol-key"))).getText();
      assertTrue(driver.findElement(By.id("enrol-qr")).getAttribute("src").startsWith("data:image/svg+xml"));
      wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
          "return document.getElementById('enrol-qr').naturalWidth > 0"));
      assertTrue(driver.findElement(By.tagName("h2")).getText().contains("Activa la verificación en dos pasos"));
      Browser.screenshot(driver, "two-factor-setup");
      driver.findElement(By.id("enrol-code")).sendKeys(codeNow(key, 0));
      driver.findElement(By.id("enrol-submit")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("backup-codes")));
      assertEquals(10, driver.findElements(By.cssSelector("#backup-codes li")).size());
      Browser.screenshot(driver, "two-factor-backup-codes");
      driver.findElement(By.id("backup-continue")).click();
      wait.until(d -> !d.findElements(By.cssSelector(".topbar")).isEmpty());
    } finally {
      driver.quit();
      admin.send(HttpMethod.PUT, "/api/v1/two-factor/required-roles", new JsonObject().put("roles", new JsonArray()));
    }
  }
}
