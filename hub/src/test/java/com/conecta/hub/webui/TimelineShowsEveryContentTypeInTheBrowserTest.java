package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.Fixtures;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("The timeline renders every WhatsApp content type from the real fixtures (real Chromium)")
class TimelineShowsEveryContentTypeInTheBrowserTest extends BrowserTestBase {
  private WebDriver driver;

  @Override
  protected JsonObject extraConfig() {
    return startFakeGraph().config();
  }

  private static byte[] png() throws Exception {
    var image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  @DisplayName("image, audio, video, document, sticker, location, contacts, replies, reaction and unsupported each look like themselves")
  void everyContentType() throws Exception {
    graph.api().putMedia("8472976218001204", Buffer.buffer(png()));
    for (String id : List.of("106540352242922", "109999999999999", "1111111111111", "1122334455667", "409552778964973")) {
      admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA " + id).put("channel", "whatsapp")
          .put("channelAccountId", id).put("teamId", 1).put("settings", new JsonObject().put("accessToken", "t-" + id)));
    }
    // Some fixtures share a message id (the researcher reused one): each gets its own so that every type is stored.
    int n = 0;
    for (String file : Fixtures.list("whatsapp-cloud/inbound")) {
      JsonObject payload = new JsonObject(new String(Fixtures.bytes(file), java.nio.charset.StandardCharsets.UTF_8));
      JsonObject message = payload.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0)
          .getJsonObject("value").getJsonArray("messages").getJsonObject(0);
      message.put("id", message.getString("id") + "-ui" + n++);
      assertEquals(200, graph.postSigned(hub.port(), payload.toBuffer().getBytes()).statusCode(), file);
    }
    // The webhook answers before every message is committed (group commit): wait until each type is stored.
    Await.until(() -> count("select count(distinct content_type) from messages where direction = 'in'") >= 12,
        "the twelve content types stored");
    // What the API stores for each message, by id: the page must show each with its own look.
    Map<Long, String> stored = new HashMap<>();
    Map<Long, Set<Long>> byConversation = new HashMap<>();
    Set<Long> conversations = new HashSet<>();
    for (Object o : admin.get("/api/v1/conversations?assignee=all&status=all&limit=100").bodyAsJsonObject().getJsonArray("items")) {
      long id = ((JsonObject) o).getLong("id");
      conversations.add(id);
      for (Object m : admin.get("/api/v1/conversations/" + id + "/messages?limit=100").bodyAsJsonObject().getJsonArray("items")) {
        JsonObject msg = (JsonObject) m;
        if ("in".equals(msg.getString("direction"))) {
          stored.put(msg.getLong("id"), msg.getString("contentType"));
          byConversation.computeIfAbsent(id, k -> new HashSet<>()).add(msg.getLong("id"));
        }
      }
    }
    assertTrue(stored.values().containsAll(List.of("image", "audio", "video", "document", "sticker", "location", "contacts",
        "interactive_reply", "button_reply", "reaction", "unsupported", "text")), "fixtures cover the types: " + stored.values()
        + " / in the database: " + sql.query("select string_agg(content_type || ':' || conversation_id, ',') from messages")
            .execute().await().iterator().next().getString(0) + " / conversations " + conversations);

    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, Api.ADMIN, Api.ADMIN_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-tab='all']"))).click();

    Map<Long, String> shown = new HashMap<>();
    int shot = 0;
    for (long conversation : conversations) {
      // The list re-draws on live events: find and click in one step, again if it was re-drawn in between.
      By row = By.cssSelector("#conversation-list li[data-id='" + conversation + "']");
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
        d.findElement(row).click();
        return d.findElement(row).getAttribute("aria-current").equals("true");
      });
      // The thread re-draws when media arrives: read it in one script call, until every message is there and images loaded.
      Set<Long> expected = byConversation.getOrDefault(conversation, Set.of());
      java.util.concurrent.atomic.AtomicReference<List<Map<String, Object>>> seen = new java.util.concurrent.atomic.AtomicReference<>();
      wait.until(d -> {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
            "return [...document.querySelectorAll('#messages .msg.in')].map(e => ({id: e.dataset.id, type: e.dataset.type,"
                + " text: e.innerText, map: !!e.querySelector('a.maplink'), card: !!e.querySelector('.card'),"
                + " media: !!e.querySelector('audio, video, a.doc, img, .kind'),"
                + " img: [...e.querySelectorAll('img')].some(i => i.complete && i.naturalWidth === 40)}))");
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(Long.parseLong((String) r.get("id"))));
        boolean imagesLoaded = rows.stream().filter(r -> "image".equals(r.get("type"))).allMatch(r -> Boolean.TRUE.equals(r.get("img")));
        seen.set(rows);
        return ids.containsAll(expected) && imagesLoaded;
      });
      for (Map<String, Object> el : seen.get()) {
        long id = Long.parseLong((String) el.get("id"));
        String type = (String) el.get("type");
        shown.put(id, type);
        String text = (String) el.get("text");
        switch (type) {
          case "location" -> assertEquals(true, el.get("map"), "a map link: " + text);
          case "contacts" -> assertEquals(true, el.get("card"), "a contact card: " + text);
          case "interactive_reply", "button_reply" -> assertTrue(text.contains("↩"), "a reply to a button: " + text);
          case "unsupported" -> assertTrue(text.contains("Mensaje no soportado"), text);
          case "reaction" -> assertTrue(text.contains("reaccionó") || text.contains("quitó"), text);
          case "image" -> assertEquals(true, el.get("img"), "the image is loaded from the hub");
          case "audio", "video", "document", "sticker" -> assertEquals(true, el.get("media"), type + ": " + text);
          default -> { }
        }
      }
      Browser.screenshot(driver, "4" + (shot++) + "-timeline-" + conversation);
    }
    assertEquals(stored, shown, "every stored message is drawn with its own content type");
  }
}
