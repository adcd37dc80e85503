package com.conecta.hub.foundation.web;

import static com.conecta.hub.foundation.web.HostileBodies.mutate;
import static com.conecta.hub.foundation.web.HostileBodies.nested;
import static com.conecta.hub.foundation.web.HostileBodies.tenMegabytes;
import static com.conecta.hub.foundation.web.HostileBodies.twilioText;
import static com.conecta.hub.foundation.web.HostileBodies.utf8;
import static com.conecta.hub.foundation.web.HostileBodies.waText;
import static com.conecta.hub.foundation.web.HostileBodies.withInvalidUtf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Fixtures;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.RawCaller;
import com.conecta.hub.support.RawCaller.Answer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input at every public door: the WhatsApp and Twilio webhooks, web forms, sign-in and the API. The table's cases
 * must each end in a 4xx (or the documented idempotent 200 of a replayed webhook) with no row added or removed in any
 * table; the seeded fuzzer's thousands of mutated bodies must never get a 5xx or hang, and whatever it answers with a
 * 4xx must have stored nothing. {@link BadInputIsRefusedTest} holds the exact codes and fields of the API's answers.
 */
@DisplayName("Malformed, hostile and replayed input is refused without a trace, never with a 500 or a hang")
class BadInputFuzzTest extends HubTestBase {
  private static final String APP_SECRET = "fuzz-app-secret";
  private static final String TWILIO_TOKEN = "fuzz-twilio-token";
  private static final String TWILIO_NUMBER = "whatsapp:+14123456789";
  private static final long SEED = 20261123L;
  private static final int FUZZ_INPUTS = 3000;
  /** Written by design on a failed sign-in, so not a trace of bad input. */
  private static final List<String> NOT_COUNTED = List.of("audit_log", "flyway_schema_history");

  private int port;
  private RawCaller raw;
  private HubDoors doors;

  @Override
  protected JsonObject extraConfig() {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    // Limits high enough that the fuzzer reaches the parsers instead of the 429s.
    return new JsonObject().put("http.port", port).put("public.base-url", "http://127.0.0.1:" + port)
        .put("whatsapp.app-secret", APP_SECRET).put("forms.per-ip-per-minute", 100_000)
        .put("auth.sign-in.failures-per-ip", 1_000_000).put("auth.sign-in.failures-per-account", 100_000);
  }

  @BeforeAll
  void inboxes() {
    raw = new RawCaller(vertx, hub.port());
    assertEquals(201, admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA fuzz").put("channel", "whatsapp")
        .put("channelAccountId", "409552778964973").put("teamId", 1)
        .put("settings", new JsonObject().put("accessToken", "t"))).statusCode());
    assertEquals(201, admin.post("/api/v1/inboxes", new JsonObject().put("name", "Twilio fuzz").put("channel", "twilio")
        .put("channelAccountId", TWILIO_NUMBER).put("teamId", 1)
        .put("settings", new JsonObject().put("accountSid", "ACfuzz").put("authToken", TWILIO_TOKEN))).statusCode());
    List<String> tables = sql.query("select table_name from information_schema.tables where table_schema = 'public'"
        + " and table_type = 'BASE TABLE' order by 1").execute().await().stream().map(r -> r.getString(0))
        .filter(t -> !NOT_COUNTED.contains(t)).toList();
    doors = new HubDoors(raw, admin, sql, port, APP_SECRET, TWILIO_TOKEN, tables);
  }

  @org.junit.jupiter.api.AfterAll
  void report() {
    System.out.printf("bad inputs tried in all (table, replays, fuzzer): %d%n", doors == null ? 0 : doors.tried());
    if (raw != null) {
      raw.close();
    }
  }

  // ---------------------------------------------------------------- the table

  private record Case(String name, HubDoors.Door door, byte[] body) {}

  private List<Case> cases() {
    String wa = waText("409552778964973", "wamid.table-1", "hola");
    String inbound = Api.inboundBody("s-table", "fuzz-contact", "Fuzz", "hola").encode();
    String signIn = new JsonObject().put("email", Api.ADMIN).put("password", "x").encode();
    String form = new JsonObject().put("name", "Ana").put("email", "ana@example.com").put("message", "hola").encode();
    HubDoors.Door inboxMessages = doors.api(HttpMethod.POST, "/api/v1/inboxes/5/messages");
    HubDoors.Door login = doors.open("/api/v1/auth/login", "application/json");
    HubDoors.Door contactForm = doors.open("/forms/contact", "application/json");
    String injection = "' OR '1'='1'; drop table messages; --";
    String script = "<script>alert(document.cookie)</script>";
    List<Case> c = new ArrayList<>();
    // WhatsApp
    c.add(new Case("whatsapp: forged signature", doors.whatsappForged(), utf8(wa)));
    c.add(new Case("whatsapp: no signature", new HubDoors.Door("wa-unsigned", HttpMethod.POST, "/webhooks/whatsapp",
        "application/json", b -> Map.of()), utf8(wa)));
    c.add(new Case("whatsapp: malformed JSON", doors.whatsapp(), utf8("{\"object\": \"whatsapp_business_account\", ")));
    c.add(new Case("whatsapp: truncated", doors.whatsapp(), utf8(wa.substring(0, wa.length() / 2))));
    c.add(new Case("whatsapp: entry of the wrong type", doors.whatsapp(),
        utf8("{\"object\":\"whatsapp_business_account\",\"entry\":\"nope\"}")));
    c.add(new Case("whatsapp: messages of the wrong type", doors.whatsapp(), utf8(wa.replaceFirst("\"messages\": \\[", "\"messages\": {\"x\":[")
        .replaceFirst("\\]\\s*},\\s*\"field\"", "]}}, \"field\""))));
    c.add(new Case("whatsapp: huge timestamp", doors.whatsapp(), utf8(wa.replace("\"1672947578\"", "\"99999999999999999999999\""))));
    c.add(new Case("whatsapp: huge number timestamp", doors.whatsapp(), utf8(wa.replace("\"1672947578\"", "1e400"))));
    c.add(new Case("whatsapp: invalid UTF-8", doors.whatsapp(), withInvalidUtf8(wa.substring(0, wa.indexOf("hola")),
        wa.substring(wa.indexOf("hola")))));
    c.add(new Case("whatsapp: deeply nested", doors.whatsapp(), nested(20_000)));
    c.add(new Case("whatsapp: 10 MB", doors.whatsapp(), tenMegabytes("{\"object\":\"")));
    c.add(new Case("whatsapp: SQL injection as phone_number_id", doors.whatsapp(),
        utf8(waText(injection.replace("\"", ""), "wamid.table-2", "hola"))));
    c.add(new Case("whatsapp: empty body", doors.whatsapp(), new byte[0]));
    // Twilio
    c.add(new Case("twilio: forged signature", doors.twilio(false), utf8(twilioText("SMtable1", "hola"))));
    c.add(new Case("twilio: no signature", new HubDoors.Door("tw-unsigned", HttpMethod.POST, "/webhooks/twilio",
        "application/x-www-form-urlencoded", b -> Map.of()), utf8(twilioText("SMtable2", "hola"))));
    c.add(new Case("twilio: unknown number (injection)", doors.twilio(true), utf8(twilioText("SMtable3", "hola")
        .replace("To=whatsapp%3A%2B14123456789", "To=" + java.net.URLEncoder.encode(injection, StandardCharsets.UTF_8)))));
    c.add(new Case("twilio: no MessageSid", doors.twilio(true), utf8("Body=hola&To=whatsapp%3A%2B14123456789&From=whatsapp%3A%2B1")));
    c.add(new Case("twilio: status callback forged", new HubDoors.Door("tw-status", HttpMethod.POST, "/webhooks/twilio/status",
        "application/x-www-form-urlencoded", b -> Map.of("X-Twilio-Signature", "AAAA")),
        utf8("MessageSid=SMx&MessageStatus=delivered&To=whatsapp%3A%2B1&From=" + "whatsapp%3A%2B14123456789")));
    c.add(new Case("twilio: 10 MB", doors.twilio(false), tenMegabytes("Body=")));
    // Web forms
    c.add(new Case("form: malformed JSON", contactForm, utf8("{\"name\": ")));
    c.add(new Case("form: wrong types", contactForm, utf8("{\"name\":{\"a\":1},\"email\":\"a@b.cl\",\"message\":\"x\"}")));
    c.add(new Case("form: missing required", contactForm, utf8("{\"name\":\"Ana\"}")));
    c.add(new Case("form: SQL injection as email", contactForm, utf8(new JsonObject(form).put("email", injection).encode())));
    c.add(new Case("form: script as phone", contactForm, utf8(new JsonObject(form).put("phone", script).encode())));
    c.add(new Case("form: path traversal as key", doors.open("/forms/..%2F..%2F..%2Fetc%2Fpasswd", "application/json"), utf8(form)));
    c.add(new Case("form: unknown key", doors.open("/forms/%3Cscript%3E", "application/json"), utf8(form)));
    c.add(new Case("form: 10 MB", contactForm, tenMegabytes("{\"name\":\"")));
    c.add(new Case("form: deeply nested", contactForm, nested(20_000)));
    c.add(new Case("form: invalid UTF-8", contactForm, withInvalidUtf8("{\"name\":\"", "\",\"email\":\"a@b.cl\",\"message\":\"x\"}")));
    c.add(new Case("form: over-long field", contactForm, utf8(new JsonObject(form).put("name", "x".repeat(500)).encode())));
    // Sign-in
    c.add(new Case("sign-in: malformed JSON", login, utf8("{\"email\":")));
    c.add(new Case("sign-in: email of the wrong type", login, utf8("{\"email\":5,\"password\":\"x\"}")));
    c.add(new Case("sign-in: SQL injection", login, utf8(new JsonObject().put("email", injection).put("password", injection).encode())));
    c.add(new Case("sign-in: 10 MB", login, tenMegabytes("{\"email\":\"")));
    c.add(new Case("sign-in: deeply nested", login, nested(20_000)));
    c.add(new Case("sign-in: invalid UTF-8", login, withInvalidUtf8("{\"email\":\"", "\",\"password\":\"x\"}")));
    c.add(new Case("sign-in: an array", login, utf8("[" + signIn + "]")));
    c.add(new Case("sign-in: huge password", login, utf8(new JsonObject().put("email", Api.ADMIN).put("password", "p".repeat(100_000)).encode())));
    // API
    c.add(new Case("api: deeply nested", inboxMessages, nested(20_000)));
    c.add(new Case("api: invalid UTF-8", inboxMessages, withInvalidUtf8(inbound.substring(0, inbound.indexOf("hola")),
        inbound.substring(inbound.indexOf("hola")))));
    c.add(new Case("api: 10 MB", inboxMessages, tenMegabytes("{\"sourceId\":\"")));
    c.add(new Case("api: truncated", inboxMessages, utf8(inbound.substring(0, inbound.length() - 3))));
    c.add(new Case("api: huge inbox id", doors.api(HttpMethod.POST, "/api/v1/inboxes/99999999999999999999999/messages"), utf8(inbound)));
    c.add(new Case("api: identifier of the wrong type", inboxMessages,
        utf8(new JsonObject(inbound).put("contact", new JsonObject().put("identifier", 42)).encode())));
    c.add(new Case("api: attachment with a file URL", inboxMessages, utf8(new JsonObject(inbound).put("attachments",
        new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", "file:///etc/passwd"))).encode())));
    c.add(new Case("api: attachment named by path traversal", inboxMessages, utf8(new JsonObject(inbound).put("sourceId", "s-trav")
        .put("attachments", new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", "https://example.com/a.pdf")
            .put("fileName", "../../../../etc/passwd"))).encode())));
    c.add(new Case("api: SQL injection in a path id", doors.api(HttpMethod.PATCH, "/api/v1/contacts/1;drop%20table%20contacts"),
        utf8("{\"name\":\"x\"}")));
    c.add(new Case("api: SQL injection as email", doors.api(HttpMethod.POST, "/api/v1/contacts"),
        utf8(new JsonObject().put("name", "x").put("email", injection).encode())));
    c.add(new Case("api: script as phone", doors.api(HttpMethod.POST, "/api/v1/contacts"),
        utf8(new JsonObject().put("name", "x").put("phone", script).encode())));
    c.add(new Case("api: huge number", doors.api(HttpMethod.POST, "/api/v1/leads"), utf8("{\"score\":1e30}")));
    c.add(new Case("api: huge reference", doors.api(HttpMethod.POST, "/api/v1/leads"), utf8("{\"contactId\":99999999999999999999}")));
    c.add(new Case("api: path traversal in a media key", doors.api(HttpMethod.GET, "/api/v1/media/..%2F..%2F..%2Fetc%2Fpasswd"), null));
    return c;
  }

  @Test
  @DisplayName("each case of the table ends with a 4xx and no row added or removed anywhere")
  void table() {
    List<String> problems = new ArrayList<>();
    List<Case> cases = cases();
    for (Case c : cases) {
      Map<String, Long> before = doors.settled();
      Answer a = c.body() == null ? doors.call(c.door()) : doors.send(c.door(), c.body());
      Map<String, Long> after = doors.counts();
      if (a.status() < 400 || a.status() >= 500) {
        problems.add(c.name() + ": " + a.status() + " " + abbreviate(a.text()));
      }
      if (!before.equals(after)) {
        problems.add(c.name() + ": stored " + HubDoors.diff(before, after));
      }
    }
    System.out.printf("bad input table: %d cases%n", cases.size());
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  @DisplayName("a replayed webhook is answered 200 and changes nothing (WhatsApp and Twilio)")
  void replays() {
    byte[] wa = utf8(waText("409552778964973", "wamid.replay-1", "hola otra vez"));
    assertEquals(200, doors.send(doors.whatsapp(), wa).status());
    Map<String, Long> once = doors.settled();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, doors.send(doors.whatsapp(), wa).status(), "the documented idempotent answer");
    }
    assertEquals(once, doors.settled());
    byte[] tw = utf8(twilioText("SMreplay1", "hola"));
    assertTrue(doors.send(doors.twilio(true), tw).status() < 300);
    Map<String, Long> first = doors.settled();
    for (int i = 0; i < 3; i++) {
      assertTrue(doors.send(doors.twilio(true), tw).status() < 300);
    }
    assertEquals(first, doors.settled());
  }

  @Test
  @DisplayName("a seeded fuzzer's mutated bodies never get a 5xx or a hang, and a refused one stores nothing")
  void fuzz() {
    Random rnd = new Random(SEED);
    record Seed(HubDoors.Door door, byte[] body) {}
    List<Seed> seeds = List.of(
        new Seed(doors.whatsapp(), utf8(waText("409552778964973", "wamid.fuzz", "hola fuzz"))),
        new Seed(doors.whatsapp(), Fixtures.bytes("whatsapp-cloud/inbound/image.json")),
        new Seed(doors.whatsappForged(), utf8(waText("409552778964973", "wamid.forged", "hola"))),
        new Seed(doors.twilio(true), utf8(twilioText("SMfuzz", "hola"))),
        new Seed(doors.twilio(false), utf8(twilioText("SMforged", "hola"))),
        new Seed(doors.open("/forms/contact", "application/json"), utf8(new JsonObject().put("name", "Ana")
            .put("email", "ana@example.com").put("phone", "+56911112222").put("message", "hola").encode())),
        new Seed(doors.open("/forms/quote", "application/x-www-form-urlencoded"),
            utf8("name=Ana&phone=%2B56911112222&product=general&email=a%40b.cl")),
        new Seed(doors.open("/api/v1/auth/login", "application/json"),
            utf8(new JsonObject().put("email", Api.ADMIN).put("password", "not-the-password").encode())),
        new Seed(doors.api(HttpMethod.POST, "/api/v1/inboxes/5/messages"), utf8(new JsonObject().put("sourceId", "fz")
            .put("contact", new JsonObject().put("identifier", "fz").put("name", "F").put("email", "f@z.cl")
                .put("phone", "+56922223333")).put("text", "hola")
            .put("attachments", new io.vertx.core.json.JsonArray().add(new JsonObject()
                .put("url", "https://example.com/a.pdf").put("fileName", "a.pdf"))).encode())),
        new Seed(doors.api(HttpMethod.POST, "/api/v1/contacts"), utf8(new JsonObject().put("name", "C").put("email", "c@d.cl")
            .put("phone", "+56933334444").put("customAttributes", new JsonObject().put("a", 1)).encode())),
        new Seed(doors.api(HttpMethod.POST, "/api/v1/tickets"), utf8(new JsonObject().put("kind", "support").put("subject", "s")
            .put("dueAt", "2030-01-01T00:00:00Z").put("priority", "high").encode())));
    List<String> problems = new ArrayList<>();
    Map<String, Integer> byStatus = new java.util.TreeMap<>();
    Map<String, Long> before = doors.settled();
    int fuzzed = 0;
    for (int i = 0; i < FUZZ_INPUTS; i++) {
      Seed seed = seeds.get(i % seeds.size());
      byte[] body = mutate(seed.body(), rnd);
      Answer a = doors.send(seed.door(), body);
      fuzzed++;
      byStatus.merge(seed.door().name() + " " + a.status(), 1, Integer::sum);
      if (a.status() >= 500) {
        problems.add("#" + i + " " + seed.door().name() + " -> " + a.status() + " for "
            + abbreviate(new String(body, StandardCharsets.UTF_8)));
      }
      if (a.status() < 400) {
        before = doors.settled();
      } else {
        Map<String, Long> after = doors.counts();
        if (!after.equals(before)) {
          problems.add("#" + i + " " + seed.door().name() + " -> " + a.status() + " yet stored " + HubDoors.diff(before, after));
          before = after;
        }
      }
    }
    System.out.printf("bad input fuzzer: %d mutated bodies tried (seed %d); answers: %s%n", fuzzed, SEED, byStatus);
    System.out.printf("bad inputs tried in this class so far: %d%n", doors.tried());
    assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n",
        problems.subList(0, Math.min(40, problems.size()))));
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
