package com.conecta.hub.foundation.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.sandbox.DemoSeeder;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Integrators receive signed events over HTTP, retried until they answer, and admins control the subscriptions")
class OutgoingWebhooksTest extends HubTestBase {
  private static final String SECRET = "webhooks-app-secret";

  @Override
  protected JsonObject extraConfig() {
    // Retries within a fraction of a second instead of 10 s, 20 s, 40 s...; a switch-off after 4 failures instead of 50.
    return new JsonObject().put("whatsapp.app-secret", SECRET).put("webhooks.poll-ms", 50)
        .put("webhooks.backoff-base-ms", 100).put("webhooks.backoff-max-ms", 200)
        .put("webhooks.disable-after-failures", 4).put("webhooks.timeout-ms", 2000);
  }

  private static void waitFor(BooleanSupplier c, long ms, String what) throws InterruptedException {
    com.conecta.hub.support.Await.until(c, what, java.time.Duration.ofMillis(ms));
  }

  private JsonObject subscribe(String url, String... events) {
    var res = admin.post("/api/v1/webhook-subscriptions", new JsonObject().put("url", url)
        .put("events", new JsonArray(List.of(events))).put("description", "prueba"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  private Row delivery(long id) {
    return sql.preparedQuery("select status, attempts, response_code, payload, contact_id from webhook_deliveries where id = $1")
        .execute(Tuple.of(id)).await().iterator().next();
  }

  @Test
  @DisplayName("a WhatsApp message reaches the subscriber within 2 s, signed with the subscription's secret")
  void whatsAppMessageIsDeliveredSigned() throws Exception {
    Subscriber endpoint = Subscriber.start(vertx, n -> 200);
    JsonObject sub = subscribe(endpoint.url("/hooks/conecta"), "message.created");
    String secret = sub.getString("secret");
    assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
    String text = "Hola, quiero cotizar 20 extintores " + UUID.randomUUID();
    long posted = System.nanoTime();
    new WhatsAppCustomer(vertx, SECRET, DemoSeeder.SALES_PHONE_NUMBER_ID, "56977100001", "Pedro Soto")
        .text(hub.port(), text);
    waitFor(() -> endpoint.all().stream().anyMatch(r -> r.body().contains(text)), 2000,
        "the subscriber got the message within 2 s");
    Subscriber.Received got = endpoint.all().stream().filter(r -> r.body().contains(text)).findFirst().orElseThrow();
    System.out.printf("webhook: WhatsApp webhook to subscriber in %.0f ms%n", (got.atNanos() - posted) / 1e6);

    String timestamp = got.headers().get("X-Conecta-Timestamp");
    assertEquals(Subscriber.expectedSignature(secret, timestamp, got.body()), got.headers().get("X-Conecta-Signature"));
    assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300, timestamp);
    assertEquals("message.created", got.headers().get("X-Conecta-Event"));
    JsonObject body = got.json();
    assertEquals("message.created", body.getString("type"));
    assertEquals(got.headers().get("X-Conecta-Event-Id"), body.getString("id"));
    assertTrue(body.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), body.getString("createdAt"));
    JsonObject message = body.getJsonObject("data");
    assertEquals(text, message.getString("text"));
    assertEquals("in", message.getString("direction"));
    assertNotNull(message.getLong("conversationId"));
    Row row = delivery(Long.parseLong(got.headers().get("X-Conecta-Delivery")));
    waitFor(() -> "delivered".equals(delivery(Long.parseLong(got.headers().get("X-Conecta-Delivery"))).getString("status")),
        5000, "the delivery is marked delivered");
    assertEquals(message.getLong("contactId"), row.getLong("contact_id"));

    // A wrong secret does not verify: the header really depends on the secret.
    assertFalse(Subscriber.expectedSignature(secret + "x", timestamp, got.body()).equals(got.headers().get("X-Conecta-Signature")));
    // The secret is shown once: neither the list nor the subscription shows it again, and it is stored sealed.
    long id = sub.getLong("id");
    assertNull(admin.get("/api/v1/webhook-subscriptions/" + id).bodyAsJsonObject().getString("secret"));
    assertFalse(admin.get("/api/v1/webhook-subscriptions").bodyAsString().contains(secret));
    String stored = sql.query("select secret_sealed from webhook_subscriptions where id = " + id).execute().await()
        .iterator().next().getString(0);
    assertTrue(stored.startsWith("enc:v1:") && !stored.contains(secret.substring(6)));
    assertEquals(204, admin.delete("/api/v1/webhook-subscriptions/" + id).statusCode());
    endpoint.close();
  }

  @Test
  @DisplayName("an event answered 500 three times and then 200 is posted once more, and no more")
  void retriedUntilAccepted() throws Exception {
    Subscriber endpoint = Subscriber.start(vertx, n -> n <= 3 ? 500 : 200);
    JsonObject sub = subscribe(endpoint.url("/retry"), "lead.created");
    long contact = admin.inbound(API_INBOX, "wh-retry-" + UUID.randomUUID(), "wh-retry-" + UUID.randomUUID(), "Lucía Retry",
        "hola").bodyAsJsonObject().getLong("contactId");
    long lead = admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "20 extintores"))
        .bodyAsJsonObject().getLong("id");
    waitFor(() -> endpoint.all().size() >= 4, 20_000, "four attempts");
    String eventId = endpoint.all().get(0).headers().get("X-Conecta-Event-Id");
    long deliveryId = Long.parseLong(endpoint.all().get(0).headers().get("X-Conecta-Delivery"));
    waitFor(() -> "delivered".equals(delivery(deliveryId).getString("status")), 5000, "delivered after the 200");
    assertEquals(4, delivery(deliveryId).getInteger("attempts"));
    assertEquals(200, delivery(deliveryId).getInteger("response_code"));
    assertEquals(lead, endpoint.all().get(3).json().getJsonObject("data").getLong("id"));

    // "No more": a later event of the same subscription is delivered (the worker has polled many times since), and
    // the first one was still posted exactly four times, each with the same event id and delivery id.
    long lead2 = admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Mantención"))
        .bodyAsJsonObject().getLong("id");
    waitFor(() -> endpoint.all().stream().anyMatch(r -> r.json().getJsonObject("data").getLong("id") == lead2
        && r.headers().get("X-Conecta-Event-Id") != null && !eventId.equals(r.headers().get("X-Conecta-Event-Id"))
        && "delivered".equals(delivery(Long.parseLong(r.headers().get("X-Conecta-Delivery"))).getString("status"))),
        20_000, "the next event delivered");
    assertEquals(4, endpoint.all().stream().filter(r -> eventId.equals(r.headers().get("X-Conecta-Event-Id"))).count());
    assertTrue(endpoint.all().stream().filter(r -> eventId.equals(r.headers().get("X-Conecta-Event-Id")))
        .allMatch(r -> r.headers().get("X-Conecta-Delivery").equals(String.valueOf(deliveryId))));
    JsonObject log = admin.get("/api/v1/webhook-subscriptions/" + sub.getLong("id") + "/deliveries").bodyAsJsonObject();
    JsonObject first = log.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(d -> d.getLong("id") == deliveryId).findFirst().orElseThrow();
    assertEquals("delivered", first.getString("status"));
    assertEquals(4, first.getInteger("attempts"));
    assertEquals(0, admin.get("/api/v1/webhook-subscriptions/" + sub.getLong("id")).bodyAsJsonObject()
        .getInteger("consecutiveFailures"));

    // Redeliver from the log: the same event goes once more, as a new delivery.
    var again = admin.post("/api/v1/webhook-subscriptions/" + sub.getLong("id") + "/deliveries/" + deliveryId + "/redeliver",
        new JsonObject());
    assertEquals(202, again.statusCode(), again.bodyAsString());
    waitFor(() -> endpoint.all().stream().filter(r -> eventId.equals(r.headers().get("X-Conecta-Event-Id"))).count() == 5,
        10_000, "the redelivery reached the subscriber");
    assertEquals(String.valueOf(again.bodyAsJsonObject().getLong("id")), endpoint.all().stream()
        .filter(r -> eventId.equals(r.headers().get("X-Conecta-Event-Id"))).reduce((a, b) -> b).orElseThrow()
        .headers().get("X-Conecta-Delivery"));
    admin.delete("/api/v1/webhook-subscriptions/" + sub.getLong("id"));
    endpoint.close();
  }

  @Test
  @DisplayName("a subscriber that keeps failing is switched off and every admin gets a notice")
  void switchedOffAfterRepeatedFailure() throws Exception {
    Subscriber endpoint = Subscriber.start(vertx, n -> 503);
    JsonObject sub = subscribe(endpoint.url("/down"), "conversation.created");
    long id = sub.getLong("id");
    long notices = count("select count(*) from notifications where kind = 'webhook.disabled' and user_id = 1");
    for (int i = 0; i < 2; i++) {
      admin.inbound(API_INBOX, "wh-off-" + UUID.randomUUID(), "wh-off-" + UUID.randomUUID(), "Caída " + i, "hola");
    }
    waitFor(() -> !admin.get("/api/v1/webhook-subscriptions/" + id).bodyAsJsonObject().getBoolean("active"), 20_000,
        "switched off");
    JsonObject off = admin.get("/api/v1/webhook-subscriptions/" + id).bodyAsJsonObject();
    // Attempts in flight together each count, so the switch-off may come with a failure or two more than the limit.
    assertTrue(off.getInteger("consecutiveFailures") >= 4, off.encode());
    assertNotNull(off.getString("disabledAt"));
    assertEquals(notices + 1, count("select count(*) from notifications where kind = 'webhook.disabled' and user_id = 1"));
    JsonObject notice = admin.get("/api/v1/notifications").bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(n -> "webhook.disabled".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertTrue(notice.getString("subject").contains(endpoint.url("/down")), notice.encode());
    int tried = endpoint.all().size();

    // Switched off, nothing more is posted, and new events are not queued for it.
    admin.inbound(API_INBOX, "wh-off-" + UUID.randomUUID(), "wh-off-" + UUID.randomUUID(), "Caída 3", "hola");
    long queued = count("select count(*) from webhook_deliveries where subscription_id = " + id);
    // Switched on again, the events that were waiting are tried again.
    assertEquals(200, admin.patch("/api/v1/webhook-subscriptions/" + id, new JsonObject().put("active", true)).statusCode());
    JsonObject on = admin.get("/api/v1/webhook-subscriptions/" + id).bodyAsJsonObject();
    assertTrue(on.getBoolean("active"));
    assertNull(on.getString("disabledAt"));
    waitFor(() -> endpoint.all().size() > tried, 10_000, "switched on, the waiting deliveries are tried again");
    assertEquals(queued, count("select count(*) from webhook_deliveries where subscription_id = " + id),
        "no event was queued while it was off");
    admin.delete("/api/v1/webhook-subscriptions/" + id);
    endpoint.close();
  }

  @Test
  @DisplayName("erasing a contact erases the webhook payloads about them, and they cannot be redelivered")
  void erasureRemovesPayloads() throws Exception {
    Subscriber endpoint = Subscriber.start(vertx, n -> 200);
    JsonObject sub = subscribe(endpoint.url("/erase"), "message.created", "conversation.created");
    String who = "wh-erase-" + UUID.randomUUID();
    JsonObject in = admin.inbound(API_INBOX, who, who, "Marta Borrable", "mi RUT es 12.345.678-5").bodyAsJsonObject();
    long contact = in.getLong("contactId");
    waitFor(() -> count("select count(*) from webhook_deliveries where contact_id = " + contact
        + " and status = 'delivered' and subscription_id = " + sub.getLong("id")) == 2, 10_000, "both events delivered");
    assertEquals(200, admin.post("/api/v1/contacts/" + contact + "/erase", new JsonObject()).statusCode());
    assertEquals(0, count("select count(*) from webhook_deliveries where contact_id = " + contact + " and payload is not null"));
    assertEquals(0, count("select count(*) from webhook_deliveries where payload::text like '%12.345.678-5%'"));
    long deliveryId = count("select max(id) from webhook_deliveries where contact_id = " + contact + " and subscription_id = "
        + sub.getLong("id"));
    var again = admin.post("/api/v1/webhook-subscriptions/" + sub.getLong("id") + "/deliveries/" + deliveryId + "/redeliver",
        new JsonObject());
    assertEquals(409, again.statusCode());
    assertEquals("payload_erased", again.bodyAsJsonObject().getJsonObject("error").getString("code"));
    admin.delete("/api/v1/webhook-subscriptions/" + sub.getLong("id"));
    endpoint.close();
  }

  @Test
  @DisplayName("bad subscriptions are refused with 422 naming the field, and nothing is stored; agents may not subscribe")
  void badInputIsRefused() {
    long before = count("select count(*) from webhook_subscriptions");
    JsonArray events = new JsonArray().add("message.created");
    Object[][] cases = {
        {new JsonObject().put("events", events), "url"},
        {new JsonObject().put("url", "ftp://example.com/x").put("events", events), "url"},
        {new JsonObject().put("url", "http://example.com/hook").put("events", events), "url"},
        {new JsonObject().put("url", "https://user:pw@example.com/hook").put("events", events), "url"},
        {new JsonObject().put("url", "no es una url").put("events", events), "url"},
        {new JsonObject().put("url", "https://example.com/hook"), "events"},
        {new JsonObject().put("url", "https://example.com/hook").put("events", new JsonArray()), "events"},
        {new JsonObject().put("url", "https://example.com/hook").put("events", new JsonArray().add("message.deleted")), "events"},
        {new JsonObject().put("url", "https://example.com/hook").put("events", "message.created"), "events"},
        {new JsonObject().put("url", "https://example.com/hook").put("events", events).put("description", "x".repeat(201)),
            "description"},
        {new JsonObject().put("url", "https://example.com/hook").put("events", events).put("active", "sí"), "active"}};
    for (Object[] c : cases) {
      var res = admin.post("/api/v1/webhook-subscriptions", (JsonObject) c[0]);
      assertEquals(422, res.statusCode(), c[0] + " → " + res.bodyAsString());
      assertEquals(c[1], res.bodyAsJsonObject().getJsonObject("error").getString("field"), res.bodyAsString());
    }
    assertEquals(before, count("select count(*) from webhook_subscriptions"));
    // Spanish by default, in the reader's words.
    String es = admin.post("/api/v1/webhook-subscriptions", new JsonObject().put("url", "http://example.com/hook")
        .put("events", events)).bodyAsJsonObject().getJsonObject("error").getString("message");
    assertTrue(es.contains("https://"), es);

    JsonObject sub = subscribe("https://example.com/hook", "lead.won");
    var bad = admin.patch("/api/v1/webhook-subscriptions/" + sub.getLong("id"), new JsonObject().put("events",
        new JsonArray().add("lead.ganado")));
    assertEquals(422, bad.statusCode());
    assertEquals("events", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(new JsonArray().add("lead.won"), admin.get("/api/v1/webhook-subscriptions/" + sub.getLong("id"))
        .bodyAsJsonObject().getJsonArray("events"));
    assertEquals(404, admin.patch("/api/v1/webhook-subscriptions/999999", new JsonObject().put("active", false)).statusCode());
    assertEquals(403, signIn("ana@demo.conecta.cl").get("/api/v1/webhook-subscriptions").statusCode());
    assertEquals(403, signIn("ana@demo.conecta.cl").post("/api/v1/webhook-subscriptions", new JsonObject()
        .put("url", "https://example.com/x").put("events", events)).statusCode());
    admin.delete("/api/v1/webhook-subscriptions/" + sub.getLong("id"));
  }

  @Test
  @DisplayName("a subscriber that never answers does not hold up ingest: every message is stored and answered 200")
  void hangingSubscriberDoesNotSlowIngest() throws Exception {
    int n = 60;
    // The same burst first with no subscriber at all, for the figure printed beside it (no time is asserted).
    String quiet = UUID.randomUUID().toString().substring(0, 8);
    double withoutMs = burst(quiet, n);
    Subscriber endpoint = Subscriber.start(vertx, x -> 0);
    JsonObject sub = subscribe(endpoint.url("/hangs"), "message.created", "conversation.created");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    double withMs = burst(tag, n);
    System.out.printf("webhook: %d API messages ingested in %.0f ms with no subscriber, %.0f ms while a subscriber"
        + " that never answers holds every attempt%n", n, withoutMs, withMs);
    assertEquals(n, count("select count(*) from messages where text = 'hola " + tag + "'"));
    // The events are all queued durably, whatever the subscriber does; the worker is busy with the ones it holds.
    waitFor(() -> count("select count(*) from webhook_deliveries where subscription_id = " + sub.getLong("id")
        + " and event_type = 'message.created'") == n, 5000, "one delivery per message");
    waitFor(() -> !endpoint.all().isEmpty(), 5000, "the worker is trying");
    admin.delete("/api/v1/webhook-subscriptions/" + sub.getLong("id"));
    endpoint.close();
  }

  /** Posts n inbound API messages at once; every one must be answered as stored. Answers the burst's duration. */
  private double burst(String tag, int n) {
    long started = System.nanoTime();
    List<io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> posts = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      posts.add(admin.postAsync("/api/v1/inboxes/" + API_INBOX + "/messages", com.conecta.hub.support.Api.inboundBody(
          "hang-" + tag + "-" + i, "hang-" + tag + "-" + (i % 20), "Cliente " + i, "hola " + tag)));
    }
    io.vertx.core.Future.all(posts).await();
    double ms = (System.nanoTime() - started) / 1e6;
    assertTrue(posts.stream().allMatch(f -> f.result().statusCode() / 100 == 2), posts.get(0).result().bodyAsString());
    return ms;
  }

  @Test
  @DisplayName("every event type is emitted once by the change that causes it, whichever code path makes the change")
  void everyEventTypeIsEmitted() throws Exception {
    Subscriber endpoint = Subscriber.start(vertx, x -> 200);
    JsonObject sub = subscribe(endpoint.url("/all"), WebhookEventTypes.ALL.toArray(String[]::new));
    String who = "wh-all-" + UUID.randomUUID();
    JsonObject in = admin.inbound(API_INBOX, who, who, "Rosa Todo", "hola").bodyAsJsonObject();
    long conversation = in.getLong("conversationId");
    long contact = in.getLong("contactId");
    assertEquals(200, admin.post("/api/v1/conversations/" + conversation + "/assignment",
        new JsonObject().put("assigneeId", 2)).statusCode());
    assertEquals(200, admin.post("/api/v1/conversations/" + conversation + "/status",
        new JsonObject().put("status", "resolved")).statusCode());
    long lead = admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Paneles"))
        .bodyAsJsonObject().getLong("id");
    assertEquals(200, admin.post("/api/v1/leads/" + lead + "/stage", new JsonObject().put("stage", "won")).statusCode());
    // Quotes, campaigns and opt-outs reach these states through longer flows (PDF and sending, a fan-out, a STOP
    // message); the trigger fires on the row's change whoever makes it, so the rows are changed here directly.
    sql.preparedQuery("update contacts set opted_out_at = now(), do_not_contact = true where id = $1")
        .execute(Tuple.of(contact)).await();
    long quote = sql.preparedQuery("insert into quotes (number, contact_id, status, currency, valid_until, net, tax, total)"
        + " values ($1, $2, 'sent', 'CLP', current_date + 30, 1000000, 190000, 1190000) returning id")
        .execute(Tuple.of("Q-" + who, contact)).await().iterator().next().getLong(0);
    sql.preparedQuery("update quotes set status = 'accepted', accepted_at = now() where id = $1").execute(Tuple.of(quote)).await();
    long campaign = sql.query("insert into campaigns (name, status, inbox_id, template_name) values ('Ofertas', 'running', 1,"
        + " 'promo') returning id").execute().await().iterator().next().getLong(0);
    sql.preparedQuery("update campaigns set status = 'completed', completed_at = now() where id = $1")
        .execute(Tuple.of(campaign)).await();

    java.util.function.Function<String, List<JsonObject>> of = type -> endpoint.all().stream().map(Subscriber.Received::json)
        .filter(j -> type.equals(j.getString("type"))).toList();
    waitFor(() -> WebhookEventTypes.ALL.stream().filter(t -> !t.equals("lead.lost")).allMatch(t -> !of.apply(t).isEmpty()),
        20_000, "every event type but lead.lost arrived: " + endpoint.all().stream().map(r -> r.json().getString("type")).toList());
    assertEquals(conversation, of.apply("conversation.assigned").get(0).getJsonObject("data").getLong("id"));
    assertEquals(2, of.apply("conversation.assigned").get(0).getJsonObject("data").getLong("assigneeId"));
    assertEquals("resolved", of.apply("conversation.resolved").get(0).getJsonObject("data").getString("status"));
    JsonObject won = of.apply("lead.won").get(0).getJsonObject("data");
    assertEquals(lead, won.getLong("id"));
    assertEquals("won", won.getString("stage"));
    assertEquals("new", won.getString("previousStage"));
    assertEquals("won", of.apply("lead.stage_changed").get(0).getJsonObject("data").getString("stage"));
    assertEquals("1190000.00", of.apply("quote.accepted").get(0).getJsonObject("data").getString("total"));
    assertEquals(contact, of.apply("contact.opted_out").get(0).getJsonObject("data").getLong("id"));
    assertEquals(campaign, of.apply("campaign.completed").get(0).getJsonObject("data").getLong("id"));
    assertTrue(of.apply("lead.lost").isEmpty());
    admin.delete("/api/v1/webhook-subscriptions/" + sub.getLong("id"));
    endpoint.close();
  }
}
