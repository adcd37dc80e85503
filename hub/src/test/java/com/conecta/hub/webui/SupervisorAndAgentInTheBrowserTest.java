package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A supervisor watches the team and an agent works the side panel (real Chromium)")
class SupervisorAndAgentInTheBrowserTest extends BrowserTestBase {
  /** A key the test knows, to open what the hub sealed (issue 26). */
  private static final byte[] SECRETS_KEY = new java.security.SecureRandom().generateSeed(32);

  @Override
  protected io.vertx.core.json.JsonObject extraConfig() {
    return new io.vertx.core.json.JsonObject().put("secrets.key",
        java.util.Base64.getEncoder().encodeToString(SECRETS_KEY));
  }

  private static final String SUPERVISOR = "supervisora@demo.conecta.cl";
  private static final String WORKER = "agente.ui@demo.conecta.cl";
  private WebDriver driver;
  private long workerId;
  private long teamId;
  private long inboxId;

  @BeforeAll
  void team() {
    long supervisorId = user(SUPERVISOR, "Sofía Supervisora", null);
    workerId = user(WORKER, "Tomás Agente", 1);
    var team = admin.post("/api/v1/teams", new JsonObject().put("name", "Postventa UI")
        .put("memberIds", new JsonArray().add(workerId)).put("supervisorIds", new JsonArray().add(supervisorId)));
    assertEquals(201, team.statusCode(), team.bodyAsString());
    teamId = team.bodyAsJsonObject().getLong("id");
    var inbox = admin.post("/api/v1/inboxes", new JsonObject().put("name", "Postventa").put("channel", "api")
        .put("teamId", teamId).put("settings", new JsonObject()));
    assertEquals(201, inbox.statusCode(), inbox.bodyAsString());
    inboxId = inbox.bodyAsJsonObject().getLong("id");
  }

  private long user(String email, String name, Integer capacity) {
    var res = admin.post("/api/v1/users", new JsonObject().put("email", email).put("name", name).put("role", "agent")
        .put("password", Api.AGENT_PASSWORD).put("maxOpenConversations", capacity));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  private WebDriverWait signIn(String email, String password) {
    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, email, password);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav.views")));
    return wait;
  }

  @Test
  @DisplayName("a supervisor sees who is online with their load and a waiting conversation with its age; others may not")
  void supervisorSeesTheTeam() {
    Api worker = Api.signedIn(vertx, hub.port(), WORKER, Api.AGENT_PASSWORD);
    assertEquals(200, worker.post("/api/v1/presence", new JsonObject().put("availability", "online")).statusCode());
    long first = admin.inbound(inboxId, "team-1", "cliente-uno", "Pablo Uno", "Hola").bodyAsJsonObject().getLong("conversationId");
    awaitUntil(() -> Long.valueOf(workerId).equals(admin.get("/api/v1/conversations/" + first).bodyAsJsonObject()
        .getLong("assigneeId")), "the online agent takes the first one and is then at capacity");
    assertEquals(403, worker.get("/api/v1/teams/" + teamId + "/load").statusCode(), "an agent who does not supervise");

    WebDriverWait wait = signIn(SUPERVISOR, Api.AGENT_PASSWORD);
    // The supervisor steps away so that the next customer waits (nobody online has room).
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("presence"))).selectByValue("away");
    wait.until(d -> "away".equals(admin.get("/api/v1/users").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(u -> SUPERVISOR.equals(u.getString("email"))).findFirst().orElseThrow()
        .getString("availability")));
    long waiting = admin.inbound(inboxId, "team-2", "cliente-espera", "Daniela Espera", "¿Alguien me puede ayudar?")
        .bodyAsJsonObject().getLong("conversationId");
    driver.findElement(By.cssSelector("nav.views [data-view='team']")).click();
    // The view re-renders on every live event, so each check finds its element afresh inside the wait.
    By rowOf = By.cssSelector(".team tr[data-user='" + workerId + "']");
    By queuedOf = By.cssSelector(".team li[data-conversation='" + waiting + "']");
    var fresh = new WebDriverWait(driver, Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    fresh.until(d -> "online".equals(d.findElement(rowOf).getAttribute("data-availability"))
        && d.findElement(rowOf).getText().contains("Tomás Agente"));
    String rowText = fresh.until(d -> d.findElement(rowOf).getText());
    Boolean loadShown = fresh.until(d -> d.findElement(rowOf).getText().contains("1 / 1"));
    assertTrue(loadShown, "load against capacity: " + rowText);
    fresh.until(d -> d.findElement(queuedOf).getText().contains("Daniela Espera"));
    String age = fresh.until(d -> d.findElement(queuedOf).findElement(By.cssSelector(".age")).getText());
    assertTrue(age.matches("\\d+ (s|min)"), age);
    Browser.screenshot(driver, "20-supervisor-team-view");

    // A new customer joins the queue while the supervisor watches: the view follows live.
    long next = admin.inbound(inboxId, "team-3", "cliente-tres", "Rocío Tres", "Buenas").bodyAsJsonObject()
        .getLong("conversationId");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".team li[data-conversation='" + next + "']")));
    // Pablo Uno was assigned but nobody has answered him yet: he waits for a person too (issue 21, one meaning).
    assertEquals(3, driver.findElements(By.cssSelector(".team .waiting li")).size());
  }

  @Test
  @DisplayName("an agent edits the contact's city and plans a follow-up task from the side panel; customer HTML stays text")
  void agentEditsContactAndPlansAFollowUp() {
    var fixture = com.conecta.hub.support.TeamFixture.create(admin, 1, null, new JsonObject());
    long agentId = fixture.agentIds.get(0);
    long conversationId = admin.inbound(fixture.inboxId, "side-1", "cliente-panel", "Marcela <i>Soto</i>",
        "Hola <img src=x onerror=alert(1)> quiero una mantención").bodyAsJsonObject().getLong("conversationId");
    long contactId = admin.get("/api/v1/conversations/" + conversationId).bodyAsJsonObject().getJsonObject("contact").getLong("id");

    WebDriverWait wait = signIn(fixture.agentEmails.get(0), Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-tab='all']"))).click();
    // The list re-draws on live events: find and click in one step, again if it was re-drawn in between.
    By row = By.cssSelector("#conversation-list li[data-id='" + conversationId + "']");
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      d.findElement(row).click();
      return "true".equals(d.findElement(row).getAttribute("aria-current"));
    });
    WebElement incoming = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg.in")));
    assertTrue(incoming.getText().contains("<img src=x onerror=alert(1)>"), "customer text reaches the page as text");
    assertEquals(0, driver.findElements(By.cssSelector("#messages img")).size(), "no element was made from the text");

    wait.until(ExpectedConditions.elementToBeClickable(By.id("edit-contact"))).click();
    WebElement city = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-contact-city")));
    city.clear();
    city.sendKeys("Temuco");
    driver.findElement(By.id("contact-save")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("side"), "Temuco"));
    assertEquals("Temuco", admin.get("/api/v1/contacts/" + contactId).bodyAsJsonObject().getString("city"));

    // A bad email is refused next to its field, and nothing changes.
    driver.findElement(By.id("edit-contact")).click();
    WebElement email = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-contact-email")));
    email.sendKeys("no-es-un-correo");
    driver.findElement(By.id("contact-save")).click();
    wait.until(d -> !d.findElement(By.cssSelector("[data-field='email'] .field-error")).getText().isBlank());
    Browser.screenshot(driver, "21-agent-field-error");
    assertEquals(null, admin.get("/api/v1/contacts/" + contactId).bodyAsJsonObject().getString("email"));
    driver.findElement(By.cssSelector("#contact-form button[type='button']")).click();

    // The side panel draws itself again when the contact form closes: click the button of the panel as it is now.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      d.findElement(By.id("new-task")).click();
      return true;
    });
    WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-task-dialog-title")));
    title.clear();
    title.sendKeys("Llamar a Marcela por la mantención");
    Browser.screenshot(driver, "22-agent-task-dialog");
    driver.findElement(By.id("task-dialog-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity-list"), "Llamar a Marcela por la mantención"));
    Browser.screenshot(driver, "23-agent-side-panel");
    JsonObject task = admin.get("/api/v1/activities?contactId=" + contactId).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertEquals("follow_up", task.getString("kind"));
    assertEquals(agentId, task.getLong("ownerId"));
    assertNotNull(task.getString("dueAt"), "the task is due tomorrow by default");

    driver.manage().window().setSize(new Dimension(390, 844));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("composer-text")));
    Browser.screenshot(driver, "24-agent-on-a-phone");
  }

  @Test
  @DisplayName("an admin changes an inbox's settings and its token; the token never comes back to the page; flows and templates show their source")
  void adminSettings() {
    WebDriverWait wait = signIn(Api.ADMIN, Api.ADMIN_PASSWORD);
    driver.findElement(By.cssSelector("nav.views [data-view='settings']")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-inbox='1'] button"))).click();
    WebElement minutes = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-inbox-dialog-s_firstReplyMinutes")));
    minutes.clear();
    minutes.sendKeys("15");
    driver.findElement(By.id("f-inbox-dialog-secret_accessToken")).sendKeys("token-nuevo-muy-secreto");
    Browser.screenshot(driver, "25-admin-inbox-settings");
    driver.findElement(By.id("inbox-dialog-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-inbox='1']"), "firstReplyMinutes: 15"));
    var row = sql.query("select settings->>'accessToken', settings->>'firstReplyMinutes' from inboxes where id = 1").execute().await()
        .iterator().next();
    // Secrets are sealed at rest (issue 26): the stored value opens, with the node's key, to the new token.
    assertFalse(row.getString(0).contains("token-nuevo-muy-secreto"));
    assertEquals("token-nuevo-muy-secreto",
        new com.conecta.hub.foundation.secrets.SecretBox(SECRETS_KEY, java.util.List.of()).open(row.getString(0)));
    assertEquals("15", row.getString(1));
    assertTrue(driver.findElement(By.cssSelector("tr[data-inbox='1']")).getText().contains("accessToken"), "it says the token is set");
    assertFalse(driver.getPageSource().contains("token-nuevo-muy-secreto"), "the token never reaches the page");
    assertFalse(admin.get("/api/v1/inboxes/1/settings").bodyAsString().contains("token-nuevo-muy-secreto"));

    driver.findElement(By.cssSelector("[data-settings='botFlows']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-body"), "config/bots/sales.yaml"));
    driver.findElement(By.cssSelector("[data-settings='templatesTab']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-body"), "templates/whatsapp.yaml"));
    Browser.screenshot(driver, "26-admin-templates");
    driver.findElement(By.cssSelector("[data-settings='teamsAgents']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-body"), "Tomás Agente"));
    Browser.screenshot(driver, "27-admin-teams-agents");

    driver.findElement(By.id("language")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav.views"), "Settings"));
    driver.findElement(By.cssSelector("nav.views [data-view='team']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "Team live"));
    Browser.screenshot(driver, "28-admin-team-view-english");
  }

  /** This class's waits are longer than the kit's default (the bot, big campaigns). */
  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    Await.until(condition, what, java.time.Duration.ofMillis(10000));
  }
}
