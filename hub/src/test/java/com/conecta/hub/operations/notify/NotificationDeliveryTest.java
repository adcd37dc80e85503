package com.conecta.hub.operations.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.support.Await;
import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.EventStreamClient;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import com.conecta.hub.support.WhatsAppCustomer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The notification worker delivers in-app, email (SMTP) and WhatsApp notifications")
class NotificationDeliveryTest extends HubTestBase {
  private GreenMail mail;
  private FakeWhatsAppCloudApi fake;
  private final NotificationStore notifications = new NotificationStore();

  @Override
  protected JsonObject extraConfig() {
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    fake = startFakeGraph().api();
    return config();
  }

  private JsonObject config() {
    return new JsonObject().put("notifications.smtp.host", "127.0.0.1")
        .put("notifications.smtp.port", mail.getSmtp().getPort()).put("notifications.smtp.security", "none")
        .put("notifications.smtp.from", "avisos@demo.conecta.cl").put("notifications.poll-ms", 200)
        .put("whatsapp.graph-base-url", fake.baseUrl());
  }

  @AfterAll
  void stopServers() {
    mail.stop();
    fake.close().await();
  }

  private Long enqueue(Notification n) {
    return notifications.enqueue(sql, n).await();
  }

  private Row row(long id) {
    return sql.query("select * from notifications where id = " + id).execute().await().iterator().next();
  }

  private void awaitStatus(long id, String status) throws InterruptedException {
    assertTrue(WhatsAppCustomer.eventually(() -> status.equals(row(id).getString("status"))),
        "notification " + id + " becomes " + status + " (is " + row(id).getString("status") + ", "
            + row(id).getString("last_error") + ")");
  }

  @Test
  @DisplayName("in_app: the user's browser gets a notification.created event (nobody else does); GET lists it newest first with the unread count; POST read marks it")
  void inApp() throws Exception {
    Api ana = admin;
    Api bruno = signIn("bruno@demo.conecta.cl");
    try (EventStreamClient anaEvents = new EventStreamClient(vertx, hub.port(), ana.cookie());
         EventStreamClient brunoEvents = new EventStreamClient(vertx, hub.port(), bruno.cookie())) {
      long older = enqueue(Notification.inApp(1, "test", "Primero", "uno", new JsonObject(), "t-inapp-1"));
      long newer = enqueue(Notification.inApp(1, "test", "Segundo", "dos", new JsonObject().put("conversationId", 9),
          "t-inapp-2"));
      assertNull(enqueue(Notification.inApp(1, "test", "Segundo", "dos", new JsonObject(), "t-inapp-2")),
          "the same dedupe key is enqueued once");
      JsonObject event = anaEvents.await(e -> "notification.created".equals(e.getString("type"))
          && e.getJsonObject("data").getLong("id") == newer, Duration.ofSeconds(10));
      assertEquals("Segundo", event.getJsonObject("data").getString("subject"));
      awaitStatus(older, "sent");
      awaitStatus(newer, "sent");
      // Bruno's own notification is published after the admin's two and reaches his stream in order: once it is
      // there, one of theirs sent to him would have come before it. An absence proved without waiting for it.
      long brunoId = sql.query("select id from users where email = 'bruno@demo.conecta.cl'").execute().await()
          .iterator().next().getLong("id");
      long his = enqueue(Notification.inApp(brunoId, "test", "Suyo", "de Bruno", new JsonObject(), "t-inapp-bruno"));
      brunoEvents.await(e -> "notification.created".equals(e.getString("type"))
          && e.getJsonObject("data").getLong("id") == his, Duration.ofSeconds(10));
      assertTrue(brunoEvents.events().stream().filter(e -> "notification.created".equals(e.getString("type")))
              .allMatch(e -> e.getJsonObject("data").getLong("id") == his),
          "another user does not receive the admin's notification");

      JsonObject list = ana.get("/api/v1/notifications").bodyAsJsonObject();
      JsonArray items = list.getJsonArray("items");
      assertEquals(2, items.size());
      assertEquals(newer, items.getJsonObject(0).getLong("id"), "newest first");
      assertEquals(2L, list.getLong("unread"));
      JsonObject firstPage = ana.get("/api/v1/notifications?limit=1").bodyAsJsonObject();
      assertEquals(1, firstPage.getJsonArray("items").size());
      JsonObject secondPage = ana.get("/api/v1/notifications?limit=1&cursor=" + firstPage.getString("nextCursor"))
          .bodyAsJsonObject();
      assertEquals(older, secondPage.getJsonArray("items").getJsonObject(0).getLong("id"));

      assertEquals(404, bruno.post("/api/v1/notifications/" + newer + "/read", new JsonObject()).statusCode(),
          "nobody marks another's notification");
      var read = ana.post("/api/v1/notifications/" + newer + "/read", new JsonObject());
      assertEquals(200, read.statusCode(), read.bodyAsString());
      assertEquals(1L, read.bodyAsJsonObject().getLong("unread"));
      assertTrue(ana.get("/api/v1/notifications").bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
          .getBoolean("read"));
      JsonArray brunos = bruno.get("/api/v1/notifications").bodyAsJsonObject().getJsonArray("items");
      assertEquals(1, brunos.size(), "only his own: " + brunos.encode());
      assertEquals(his, brunos.getJsonObject(0).getLong("id"));
      assertEquals(401, new Api(vertx, hub.port()).get("/api/v1/notifications").statusCode());
    }
  }

  @Test
  @DisplayName("email: sent over SMTP to the user's address (GreenMail receives it) and marked sent; no address fails with the reason")
  void email() throws Exception {
    long id = enqueue(Notification.email(3L, null, "test", "Asunto de prueba ñandú", "Cuerpo de la notificación", null,
        "t-email-1"));
    awaitStatus(id, "sent");
    MimeMessage got = waitForMail("Asunto de prueba ñandú");
    assertEquals("bruno@demo.conecta.cl", got.getAllRecipients()[0].toString());
    assertTrue(got.getFrom()[0].toString().contains("avisos@demo.conecta.cl"));
    assertEquals(1, row(id).getInteger("attempts"));

    sql.query("update users set active = false where id = 4").execute().await();
    try {
      long none = enqueue(Notification.email(4L, null, "test", "Nunca", "x", null, "t-email-2"));
      awaitStatus(none, "failed");
      assertEquals("no_recipient", row(none).getString("error_code"));
    } finally {
      sql.query("update users set active = true where id = 4").execute().await();
    }
  }

  @Test
  @DisplayName("whatsapp: a template to the user's phone from the first WhatsApp inbox, straight to the provider and never as a conversation; without a phone it fails visibly")
  void whatsapp() throws Exception {
    sql.query("update users set phone = '+56 9 8765 4321' where id = 3").execute().await();
    JsonObject payload = new JsonObject().put("template", new JsonObject().put("name", "agent_handoff")
        .put("language", "es").put("params", new JsonArray().add("Bruno").add("Pedro Soto").add("pidió hablar con una persona")
            .add("• ¿Cómo te llamas? Pedro Soto; • ¿Qué necesitas? Climatización")));
    long id = enqueue(new Notification(3L, null, "whatsapp", "test", "s", "b", null, payload, "t-wa-1"));
    assertTrue(WhatsAppCustomer.eventually(() -> !fake.sentTo("56987654321").isEmpty()), "the fake WhatsApp receives it");
    JsonObject sent = fake.sentTo("56987654321").get(0).body();
    assertEquals("template", sent.getString("type"));
    assertEquals("agent_handoff", sent.getJsonObject("template").getString("name"));
    assertTrue(sent.encode().contains("Climatización"), sent.encode());
    awaitStatus(id, "sent");
    assertTrue(row(id).getString("provider_message_id").startsWith("wamid."), "the provider's id is recorded");
    assertEquals(0, count("select count(*) from contact_identities where value = '56987654321'"),
        "a user's phone never becomes a customer contact");
    assertEquals(0, count("select count(*) from messages where content ->> 'notificationId' = '" + id + "'"),
        "a notice is not a conversation message");

    sql.query("update users set phone = null where id = 4").execute().await();
    long noPhone = enqueue(new Notification(4L, null, "whatsapp", "test", "s", "b", null, payload, "t-wa-2"));
    awaitStatus(noPhone, "failed");
    assertEquals("no_phone", row(noPhone).getString("error_code"));
    long badTemplate = enqueue(new Notification(3L, null, "whatsapp", "test", "s", "b", null,
        new JsonObject().put("template", new JsonObject().put("name", "no_such_template")), "t-wa-3"));
    awaitStatus(badTemplate, "failed");
    assertEquals("unknown_template", row(badTemplate).getString("error_code"));
  }

  @Test
  @DisplayName("two hub nodes draining 300 notifications send each exactly once (SKIP LOCKED claims)")
  void twoNodesNeverSendOneTwice() throws Exception {
    Hub other = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, config());
    try (EventStreamClient anaEvents = new EventStreamClient(vertx, hub.port(), signIn("ana@demo.conecta.cl").cookie())) {
      int before = mail.getReceivedMessages().length;
      sql.query("""
          insert into notifications (user_id, channel, kind, subject, body, dedupe_key)
          select case when g % 2 = 0 then 2 else 3 end, case when g % 2 = 0 then 'in_app' else 'email' end, 'load',
                 'carga ' || g, 'cuerpo ' || g, 'load-' || g
          from generate_series(1, 300) g""").execute().await();
      // 150 emails over SMTP from two nodes: a minute on a 2-core machine shared by several builds.
      Await.until(() -> count("select count(*) from notifications where kind = 'load' and status = 'sent'") == 300,
          "all 300 are sent", java.time.Duration.ofSeconds(90));
      assertEquals(300, count("select count(*) from notifications where kind = 'load' and attempts = 1"),
          "each claimed once");
      Await.until(() -> mail.getReceivedMessages().length - before >= 150, "150 emails received");
      // No waiting for late doubles: every row is sent with one attempt, and a mail is sent before its row is marked.
      Await.until(() -> anaEvents.events().stream().filter(e -> "notification.created".equals(e.getString("type"))
          && "load".equals(e.getJsonObject("data").getString("kind"))).count() >= 150, "150 in-app events arrived");
      Map<String, Integer> bySubject = new HashMap<>();
      for (MimeMessage m : mail.getReceivedMessages()) {
        if (m.getSubject().startsWith("carga ")) {
          bySubject.merge(m.getSubject(), 1, Integer::sum);
        }
      }
      assertEquals(150, bySubject.size(), "150 distinct emails");
      assertTrue(bySubject.values().stream().allMatch(n -> n == 1), "no email twice: " + bySubject);
      List<Long> inApp = anaEvents.events().stream().filter(e -> "notification.created".equals(e.getString("type"))
          && "load".equals(e.getJsonObject("data").getString("kind"))).map(e -> e.getJsonObject("data").getLong("id")).toList();
      assertEquals(150, inApp.size(), "150 in-app events, each once");
      assertEquals(150, inApp.stream().distinct().count());
      assertEquals(0, count("select count(*) from notifications where status = 'sending'"), "no claim is left behind");
      assertEquals(2, count("select count(distinct claimed_by) from notifications where kind = 'load'"),
          "both nodes sent part of the load");
    } finally {
      other.stop().await();
    }
  }

  @Test
  @DisplayName("retries back off exponentially, capped, or wait longer when the server says so")
  void backoff() {
    assertEquals(Duration.ofSeconds(2), NotificationWorker.backoff(1, null));
    assertEquals(Duration.ofSeconds(8), NotificationWorker.backoff(3, null));
    assertEquals(Duration.ofSeconds(600), NotificationWorker.backoff(30, null));
    assertEquals(Duration.ofMinutes(20), NotificationWorker.backoff(1, Duration.ofMinutes(20)));
  }

  private MimeMessage waitForMail(String subject) throws Exception {
    return Await.value(() -> java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return subject.equals(m.getSubject());
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    }).findFirst().orElse(null), java.util.Objects::nonNull, "an email with subject " + subject);
  }
}
