package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.StringReader;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("A visit from the conversation, assigned by the coordinator on the board, reaches the technician's phone, "
    + "the calendar and the .ics feed (real Chromium)")
class CoordinatorAssignsAVisitOnTheBoardInTheBrowserTest extends BrowserTestBase {
  private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
  private WebDriver driver;
  private WebDriver phone;

  @Test
  @DisplayName("the dialog refuses a day that does not exist beside its field; the visit waits unassigned; dragged onto "
      + "the specialist's day it keeps its 10:00 and shows on her phone, in her calendar and in her subscribed feed")
  void assignOnTheBoard() throws Exception {
    assertEquals(200, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/technicians/4",
        new JsonObject().put("level", "specialist")).statusCode());
    assertEquals(200, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/technicians/3",
        new JsonObject().put("level", "standard")).statusCode());
    long conversationId = admin.inbound(API_INBOX, "vb-1", "vb-contact", "Ferretería Los Aromos",
        "Se cayó el enlace de internet de la tienda").bodyAsJsonObject().getLong("conversationId");
    LocalDate day = LocalDate.now(SANTIAGO).plusDays(1);
    String dmy = day.format(DateTimeFormatter.ofPattern("dd-MM-yyyy"));
    // The board and the calendar open on this week; a visit next week is one "next" away.
    boolean nextWeek = !day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .equals(LocalDate.now(SANTIAGO).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));

    driver = openBrowser();
    driver.manage().window().setSize(new Dimension(1400, 900));
    WebDriverWait wait = openConversationAsAdmin(driver, conversationId);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-visit"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-dialog")));
    new Select(driver.findElement(By.id("f-visit-dialog-level"))).selectByValue("specialist");
    List<String> offered = new Select(driver.findElement(By.id("f-visit-dialog-technicianId"))).getOptions().stream()
        .map(o -> o.getAttribute("value")).toList();
    assertEquals(List.of("", "4"), offered, "a specialist visit offers the specialists (or the coordinator)");
    type(By.id("f-visit-dialog-address"), "Camino Los Aromos 455, Maipú");
    type(By.id("f-visit-dialog-date"), "31-02-" + day.getYear());
    type(By.id("f-visit-dialog-time"), "10:00");
    new Select(driver.findElement(By.id("f-visit-dialog-durationMinutes"))).selectByValue("90");
    driver.findElement(By.id("visit-dialog-submit")).click();
    WebElement dateError = driver.findElement(By.cssSelector("#visit-dialog .field[data-field='date'] .field-error"));
    wait.until(d -> !dateError.getText().isBlank());
    assertTrue(dateError.getText().contains("dd-mm-aaaa"), dateError.getText());
    Browser.screenshot(driver, "70-visit-dialog-bad-date");
    assertEquals(0, count("select count(*) from service_requests"), "a refused visit stores nothing");
    type(By.id("f-visit-dialog-date"), dmy);
    driver.findElement(By.id("visit-dialog-submit")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("visit-dialog")));
    long visitId = count("select id from service_requests where address = 'Camino Los Aromos 455, Maipú' "
        + "and technician_id is null and duration_minutes = 90");
    String start = day.atTime(10, 0).atZone(SANTIAGO).toInstant().toString();
    assertEquals(1, count("select count(*) from service_requests where id = " + visitId
        + " and scheduled_for = '" + start + "'"), "10:00 in Santiago");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("visit-list"), dmy + " 10:00"));
    Browser.screenshot(driver, "71-visit-in-the-side-panel");

    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-view='visits']"))).click();
    if (nextWeek) {
      wait.until(ExpectedConditions.elementToBeClickable(By.id("board-next"))).click();
    }
    By card = By.cssSelector("#unassigned [data-request='" + visitId + "']");
    By cell = By.cssSelector(".vb-cell[data-technician='4'][data-day='" + day + "']");
    wait.until(ExpectedConditions.presenceOfElementLocated(card));
    wait.until(ExpectedConditions.presenceOfElementLocated(cell));
    Browser.screenshot(driver, "72-board-before");
    Browser.drag(wait, card, cell);
    wait.until(d -> count("select count(*) from service_requests where id = " + visitId + " and technician_id = 4") == 1);
    assertEquals(1, count("select count(*) from service_requests where id = " + visitId
        + " and scheduled_for = '" + start + "'"), "the drop keeps the time of day");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".vb-cell[data-technician='4'][data-day='" + day + "'] [data-request='" + visitId + "']")));
    Browser.screenshot(driver, "73-board-assigned");
    // The coordinator reads the technician's calendar too (in Spanish, the admin's language).
    driver.findElement(By.cssSelector("[data-view='calendar']")).click();
    new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calendar-who")))).selectByValue("user:4");
    if (nextWeek) {
      wait.until(ExpectedConditions.elementToBeClickable(By.id("calendar-next"))).click();
    }
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".calendar-day[data-day='" + day
        + "'] [data-id='" + visitId + "']"), "Visita técnica"));
    Browser.screenshot(driver, "76-coordinator-reads-the-technicians-calendar");

    phone = openBrowser();
    phone.manage().window().setSize(new Dimension(412, 900));
    WebDriverWait phoneWait = signInAt(phone, "carla@demo.conecta.cl", Api.AGENT_PASSWORD);
    phoneWait.until(ExpectedConditions.presenceOfElementLocated(By.id("technician-link"))).click();
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#visits [data-request='" + visitId + "'] .meta"), dmy + " 10:00"));
    Browser.screenshot(phone, "74-visit-on-the-technicians-phone");

    phone.manage().window().setSize(new Dimension(1280, 900));
    phone.get(url("/#calendar"));
    if (nextWeek) {
      phoneWait.until(ExpectedConditions.elementToBeClickable(By.id("calendar-next"))).click();
    }
    By item = By.cssSelector(".calendar-day[data-day='" + day + "'] [data-type='service_request'][data-id='" + visitId + "']");
    phoneWait.until(ExpectedConditions.textToBePresentInElementLocated(item, "10:00–11:30"));
    assertTrue(phone.findElement(item).getText().contains("Ferretería Los Aromos"));
    phoneWait.until(ExpectedConditions.elementToBeClickable(By.id("calendar-feed-make"))).click();
    String url = phoneWait.until(ExpectedConditions.presenceOfElementLocated(By.id("calendar-feed-url")))
        .getAttribute("value");
    Browser.screenshot(phone, "75-calendar-with-feed-link");

    URI feed = URI.create(url);
    var res = WebClient.create(vertx).get(feed.getPort(), feed.getHost(), feed.getPath()).send().await();
    assertEquals(200, res.statusCode());
    Calendar cal = new CalendarBuilder().build(new StringReader(res.bodyAsString()));
    VEvent event = cal.<VEvent>getComponents("VEVENT").stream()
        .filter(e -> e.getProperty(Property.UID).orElseThrow().getValue().startsWith("service_request-" + visitId + "@"))
        .findFirst().orElseThrow(() -> new AssertionError(res.bodyAsString()));
    assertEquals(start.replace("-", "").replace(":", "").replace(".000", ""),
        event.getProperty(Property.DTSTART).orElseThrow().getValue());
    assertEquals("Camino Los Aromos 455, Maipú", event.getProperty(Property.LOCATION).orElseThrow().getValue());
    assertTrue(event.getProperty(Property.SUMMARY).orElseThrow().getValue().contains("Ferretería Los Aromos"));
  }

  private void type(By field, String text) {
    WebElement input = driver.findElement(field);
    input.clear();
    input.sendKeys(text);
  }
}
