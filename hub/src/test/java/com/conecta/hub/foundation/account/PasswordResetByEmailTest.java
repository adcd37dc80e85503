package com.conecta.hub.foundation.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.AuthStore;
import com.conecta.hub.foundation.auth.PasswordHasher;
import com.conecta.hub.foundation.auth.SignInLimiter;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.foundation.web.ApiError;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hub runs in sandbox mode with no notifications SMTP server set, so reset mail goes to the sandbox mail server
 * (a GreenMail on the port {@code email.sandbox-smtp-port} names), where the test reads it.
 */
@DisplayName("Password reset by email")
class PasswordResetByEmailTest extends HubTestBase {
  private static final Pattern LINK = Pattern.compile("#restablecer=([A-Za-z0-9_-]+)");
  private static final String NEW_PASSWORD = "nueva-clave-segura-1";
  private GreenMail mail;

  @Override
  protected JsonObject extraConfig() {
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    return new JsonObject().put("email.sandbox-smtp-port", mail.getSmtp().getPort());
  }

  @AfterAll
  void stopMail() {
    mail.stop();
  }

  private String newAgent(String locale) {
    String email = "olvido-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.conecta.cl";
    var made = admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", "Olvidadizo").put("locale", locale)
        .put("role", "agent").put("password", Api.AGENT_PASSWORD).put("teamIds", new JsonArray().add(1)));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return email;
  }

  private List<MimeMessage> mailTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Waits for the reset mail to the address and answers the plain-text body. */
  private String awaitMail(String address) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (mailTo(address).isEmpty() && System.nanoTime() < deadline) {
      mail.waitForIncomingEmail(200, mail.getReceivedMessages().length + 1);
    }
    List<MimeMessage> got = mailTo(address);
    assertEquals(1, got.size(), "one reset mail to " + address);
    MimeMultipart alternative = (MimeMultipart) got.get(0).getContent();
    return (String) alternative.getBodyPart(0).getContent();
  }

  private static String token(String body) {
    Matcher m = LINK.matcher(body);
    assertTrue(m.find(), body);
    return m.group(1);
  }

  private Api anonymous() {
    return new Api(vertx, hub.port());
  }

  @Test
  @DisplayName("a known and an unknown address get the same answer; only the known one gets a mail, in its language")
  void sameAnswerEitherWay() throws Exception {
    String email = newAgent("es");
    String nobody = "nadie-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.conecta.cl";
    var unknown = anonymous().post("/api/v1/auth/password-reset", new JsonObject().put("email", nobody));
    var known = anonymous().post("/api/v1/auth/password-reset", new JsonObject().put("email", email.toUpperCase()));
    assertEquals(202, known.statusCode());
    assertEquals(unknown.statusCode(), known.statusCode());
    assertEquals(unknown.bodyAsString(), known.bodyAsString());
    String body = awaitMail(email);
    assertTrue(body.contains("Alguien pidió restablecer la contraseña"), body);
    assertTrue(body.contains("http://localhost:8080/#restablecer="), "the link points at public.base-url: " + body);
    assertTrue(mailTo(nobody).isEmpty(), "no mail to an address without an account");
    String token = token(body);
    assertEquals(0, count("select count(*) from password_resets where token_hash = '" + token + "'"),
        "the token itself is never stored");
    assertEquals(1, count("select count(*) from password_resets where token_hash = '" + Tokens.sha256(token) + "'"));
  }

  @Test
  @DisplayName("the link sets a new password and ends every session; used a second time it is refused")
  void linkWorksOnce() throws Exception {
    String email = newAgent("en");
    Api signedIn = Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);
    assertEquals(202, anonymous().post("/api/v1/auth/password-reset", new JsonObject().put("email", email)).statusCode());
    String body = awaitMail(email);
    assertTrue(body.contains("Someone asked to reset the password"), "English for an English-speaking user: " + body);
    String token = token(body);
    var shortOne = anonymous().post("/api/v1/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("newPassword", "corta"));
    assertEquals(422, shortOne.statusCode());
    assertEquals("newPassword", shortOne.bodyAsJsonObject().getJsonObject("error").getString("field"));

    var reset = anonymous().post("/api/v1/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("newPassword", NEW_PASSWORD));
    assertEquals(204, reset.statusCode(), reset.bodyAsString());
    assertEquals(401, signedIn.get("/api/v1/auth/me").statusCode(), "the session opened before the reset ended");
    assertThrows(IllegalStateException.class, () -> Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD));
    Api withNew = Api.signedIn(vertx, hub.port(), email, NEW_PASSWORD);

    var again = anonymous().post("/api/v1/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("newPassword", "tercera-clave-segura"));
    assertEquals(400, again.statusCode());
    JsonObject error = again.bodyAsJsonObject().getJsonObject("error");
    assertEquals("reset_link_invalid", error.getString("code"));
    assertEquals("token", error.getString("field"));
    assertEquals(200, withNew.get("/api/v1/auth/me").statusCode(), "a refused link changes nothing");
    Api.signedIn(vertx, hub.port(), email, NEW_PASSWORD);
    var madeUp = anonymous().post("/api/v1/auth/password-reset/confirm",
        new JsonObject().put("token", "inventado").put("newPassword", "tercera-clave-segura"));
    assertEquals(400, madeUp.statusCode());
  }

  @Test
  @DisplayName("requests beyond the limit for one address get 429 with Retry-After, and no more mail is sent")
  void requestsAreLimited() throws Exception {
    String email = newAgent("es");
    for (int i = 0; i < AccountModule.RESETS_PER_ADDRESS; i++) {
      assertEquals(202, anonymous().post("/api/v1/auth/password-reset", new JsonObject().put("email", email)).statusCode());
    }
    var refused = anonymous().post("/api/v1/auth/password-reset", new JsonObject().put("email", email));
    assertEquals(429, refused.statusCode());
    assertNotNull(refused.getHeader("Retry-After"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (mailTo(email).size() < AccountModule.RESETS_PER_ADDRESS && System.nanoTime() < deadline) {
      mail.waitForIncomingEmail(200, mail.getReceivedMessages().length + 1);
    }
    assertEquals(AccountModule.RESETS_PER_ADDRESS, mailTo(email).size());
    assertEquals(AccountModule.RESETS_PER_ADDRESS, count("select count(*) from password_resets r join users u"
        + " on u.id = r.user_id where u.email = '" + email + "'"));
  }

  @Test
  @DisplayName("a missing or malformed address is refused with the field named and sends nothing")
  void badAddress() {
    long before = count("select count(*) from password_resets");
    var missing = anonymous().post("/api/v1/auth/password-reset", new JsonObject());
    assertEquals(422, missing.statusCode());
    assertEquals("email", missing.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var malformed = anonymous().post("/api/v1/auth/password-reset", new JsonObject().put("email", "no es correo"));
    assertEquals(422, malformed.statusCode());
    assertEquals(before, count("select count(*) from password_resets"));
  }

  /** A clock the test moves forward. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The service as the hub builds it, on the test's database, with the test's clock and mail captured. */
  private PasswordResetService serviceAt(Clock clock, List<String> links) {
    RedisLink noRedis = new RedisLink(vertx, null, "x:");
    return new PasswordResetService(vertx, new PasswordResetStore(sql), new AccountStore(sql), new PasswordHasher(),
        new Tokens(), new AuthService(vertx, new AuthStore(sql), new PasswordHasher(), new Tokens(), 12), new AuditLog(),
        new SignInLimiter(noRedis, "pwreset", 100, 100, 30), (to, link) -> {
          links.add(link);
          return Future.succeededFuture();
        }, "https://conecta.example", clock);
  }

  @Test
  @DisplayName("a link is good for 30 minutes: at 29 it works, at 31 it is refused (the clock is moved, not waited for)")
  void linkExpires() {
    String email = newAgent("es");
    MovableClock late = new MovableClock();
    List<String> lateLinks = new ArrayList<>();
    PasswordResetService resets = serviceAt(late, lateLinks);
    resets.request(email, "10.0.0.1").await();
    late.advance(Duration.ofMinutes(31));
    var e = assertThrows(ApiError.class, () -> resets.reset(token(lateLinks.get(0)), NEW_PASSWORD).await());
    assertEquals(400, e.status());
    assertEquals("reset_link_invalid", e.code());
    Api.signedIn(vertx, hub.port(), email, Api.AGENT_PASSWORD);

    MovableClock early = new MovableClock();
    List<String> earlyLinks = new ArrayList<>();
    PasswordResetService resetsEarly = serviceAt(early, earlyLinks);
    resetsEarly.request(email, "10.0.0.1").await();
    early.advance(Duration.ofMinutes(29));
    resetsEarly.reset(token(earlyLinks.get(0)), NEW_PASSWORD).await();
    assertTrue(earlyLinks.get(0).startsWith("https://conecta.example/#restablecer="), earlyLinks.get(0));
    Api.signedIn(vertx, hub.port(), email, NEW_PASSWORD);
  }

  @Test
  @DisplayName("in the browser: '¿Olvidaste tu contraseña?' asks for a link, the link's page sets a new password, and"
      + " the person signs in with it")
  void resetInTheBrowser() throws Exception {
    String email = newAgent("es");
    WebDriver driver = Browser.start();
    try {
      // The page follows the browser's language; this one is set to Spanish, the hub's default.
      WebDriverWait wait = Browser.openInSpanish(driver, "http://127.0.0.1:" + hub.port(), Duration.ofSeconds(15));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("forgot-password")));
      assertEquals("¿Olvidaste tu contraseña?", driver.findElement(By.id("forgot-password")).getText());
      driver.findElement(By.id("forgot-password")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forgot-email"))).sendKeys(email);
      driver.findElement(By.id("forgot-submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("forgot-message"), "te enviamos un enlace"));
      Browser.screenshot(driver, "password-reset-requested");
      String token = token(awaitMail(email));

      driver.get("about:blank");
      driver.get("http://127.0.0.1:" + hub.port() + "/#restablecer=" + token);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-password"))).sendKeys(NEW_PASSWORD);
      driver.findElement(By.id("reset-repeat")).sendKeys("otra-distinta-123");
      driver.findElement(By.id("reset-submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reset-message"), "no coinciden"));
      driver.findElement(By.id("reset-repeat")).clear();
      driver.findElement(By.id("reset-repeat")).sendKeys(NEW_PASSWORD);
      Browser.screenshot(driver, "password-reset-new-password");
      driver.findElement(By.id("reset-submit")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-done")));
      assertTrue(driver.findElement(By.id("reset-done")).getText().contains("tu contraseña cambió"));
      driver.findElement(By.cssSelector("#reset-done + .row button")).click();
      Browser.signIn(driver, wait, email, NEW_PASSWORD);
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("login-email")));

      driver.get("about:blank");
      driver.get("http://127.0.0.1:" + hub.port() + "/#restablecer=" + token);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-password"))).sendKeys("tercera-clave-segura");
      driver.findElement(By.id("reset-repeat")).sendKeys("tercera-clave-segura");
      driver.findElement(By.id("reset-submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reset-message"), "Este enlace ya no sirve"));
      Browser.screenshot(driver, "password-reset-link-used");
    } finally {
      driver.quit();
    }
  }
}
