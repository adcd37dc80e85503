package com.conecta.hub.foundation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.connectors.twilio.TwilioSignature;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Fixtures;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.RawCaller;
import com.conecta.hub.support.RawCaller.Answer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final long TIMEOUT_MS = 20_000;
  /** Written by design on a failed sign-in, so not a trace of bad input. */
  private static final List<String> NOT_COUNTED = List.of("audit_log", "flyway_schema_history");

  private int port;
  private RawCaller raw;
  private List<String> tables;
  private int tried;

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
    tables = sql.query("select table_name from information_schema.tables where table_schema = 'public'"
        + " and table_type = 'BASE TABLE' order by 1").execute().await().stream().map(r -> r.getString(0))
        .filter(t -> !NOT_COUNTED.contains(t)).toList();
  }

  @org.junit.jupiter.api.AfterAll
  void report() {
    System.out.printf("bad inputs tried in all (table, replays, fuzzer): %d%n", tried);
    if (raw != null) {
      raw.close();
    }
  }

  // ---------------------------------------------------------------- helpers

  private Map<String, Long> counts() {
    StringBuilder q = new StringBuilder("select ");
    for (int i = 0; i < tables.size(); i++) {
      q.append(i == 0 ? "" : ", ").append("(select count(*) from \"").append(tables.get(i)).append("\")");
    }
    var row = sql.query(q.toString()).execute().await().iterator().next();
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      out.put(tables.get(i), row.getLong(i));
    }
    return out;
  }

  /** Waits until what an accepted input set off in the background (assignment, media) has been written. */
  private Map<String, Long> settled() {
    Map<String, Long> last = counts();
    for (int stable = 0, rounds = 0; stable < 3 && rounds < 100; rounds++) {
      sleep(30);
      Map<String, Long> now = counts();
      stable = now.equals(last) ? stable + 1 : 0;
      last = now;
    }
    return last;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String diff(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder d = new StringBuilder();
    before.forEach((t, n) -> {
      if (!n.equals(after.get(t))) {
        d.append(t).append(' ').append(n).append("->").append(after.get(t)).append(' ');
      }
    });
    return d.toString();
  }

  /** One door of the hub: where to send, and the headers a body needs there (a signature, a cookie). */
  private record Door(String name, HttpMethod method, String path, String contentType,
      Function<byte[], Map<String, String>> headers) {}

  private Door whatsapp() {
    return new Door("whatsapp", HttpMethod.POST, "/webhooks/whatsapp", "application/json",
        b -> Map.of("X-Hub-Signature-256", WhatsAppSignature.sign(APP_SECRET, b)));
  }

  private Door whatsappForged() {
    return new Door("whatsapp-forged", HttpMethod.POST, "/webhooks/whatsapp", "application/json",
        b -> Map.of("X-Hub-Signature-256", WhatsAppSignature.sign("not-the-secret", b)));
  }

  private Door twilio(boolean signed) {
    String path = "/webhooks/twilio";
    return new Door(signed ? "twilio" : "twilio-forged", HttpMethod.POST, path, "application/x-www-form-urlencoded",
        b -> Map.of("X-Twilio-Signature", TwilioSignature.sign(signed ? TWILIO_TOKEN : "wrong-token",
            "http://127.0.0.1:" + port + path, form(new String(b, StandardCharsets.UTF_8)))));
  }

  private Door api(HttpMethod method, String path) {
    return new Door("api " + path, method, path, "application/json",
        b -> Map.of("cookie", admin.cookie(), "X-CSRF-Token", admin.csrf()));
  }

  private Door open(String path, String contentType) {
    return new Door(path, HttpMethod.POST, path, contentType, b -> Map.of());
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.trim().split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      try {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // an undecodable pair is signed as nothing; the hub must still refuse it
      }
    }
    return out;
  }

  private Answer send(Door door, byte[] body) {
    Map<String, String> headers = new HashMap<>(door.headers().apply(body));
    headers.put("content-type", door.contentType());
    tried++;
    return raw.call(door.method(), door.path(), headers, Buffer.buffer(body), TIMEOUT_MS);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] nested(int depth) {
    return utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
  }

  private static byte[] tenMegabytes(String prefix) {
    return utf8(prefix + "x".repeat(10 * 1024 * 1024) + "\"}");
  }

  private static byte[] withInvalidUtf8(String before, String after) {
    Buffer b = Buffer.buffer(before).appendBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe})
        .appendString(after);
    return b.getBytes();
  }

  private static String waText(String phoneNumberId, String messageId, String text) {
    return new String(Fixtures.bytes("whatsapp-cloud/inbound/text.json"), StandardCharsets.UTF_8)
        .replace("409552778964973", phoneNumberId)
        .replace("wamid.nBgN6TUyN2k5NzAzM5kzNhUCABI8FDNFQjAxQkE5REI4NEUzQ5Y5QTNgAA==", messageId)
        .replace("hi everyone!", text);
  }

  private static String twilioText(String sid, String body) {
    return "SmsMessageSid=" + sid + "&NumMedia=0&SmsStatus=received&Body=" + body
        + "&To=whatsapp%3A%2B14123456789&MessageSid=" + sid + "&AccountSid=ACfuzz&From=whatsapp%3A%2B31612345678";
  }

  // ---------------------------------------------------------------- the table

  private record Case(String name, Door door, byte[] body) {}

  private List<Case> cases() {
    String wa = waText("409552778964973", "wamid.table-1", "hola");
    String inbound = Api.inboundBody("s-table", "fuzz-contact", "Fuzz", "hola").encode();
    String signIn = new JsonObject().put("email", Api.ADMIN).put("password", "x").encode();
    String form = new JsonObject().put("name", "Ana").put("email", "ana@example.com").put("message", "hola").encode();
    Door inboxMessages = api(HttpMethod.POST, "/api/v1/inboxes/5/messages");
    Door login = open("/api/v1/auth/login", "application/json");
    Door contactForm = open("/forms/contact", "application/json");
    String injection = "' OR '1'='1'; drop table messages; --";
    String script = "<script>alert(document.cookie)</script>";
    List<Case> c = new ArrayList<>();
    // WhatsApp
    c.add(new Case("whatsapp: forged signature", whatsappForged(), utf8(wa)));
    c.add(new Case("whatsapp: no signature", new Door("wa-unsigned", HttpMethod.POST, "/webhooks/whatsapp",
        "application/json", b -> Map.of()), utf8(wa)));
    c.add(new Case("whatsapp: malformed JSON", whatsapp(), utf8("{\"object\": \"whatsapp_business_account\", ")));
    c.add(new Case("whatsapp: truncated", whatsapp(), utf8(wa.substring(0, wa.length() / 2))));
    c.add(new Case("whatsapp: entry of the wrong type", whatsapp(),
        utf8("{\"object\":\"whatsapp_business_account\",\"entry\":\"nope\"}")));
    c.add(new Case("whatsapp: messages of the wrong type", whatsapp(), utf8(wa.replaceFirst("\"messages\": \\[", "\"messages\": {\"x\":[")
        .replaceFirst("\\]\\s*},\\s*\"field\"", "]}}, \"field\""))));
    c.add(new Case("whatsapp: huge timestamp", whatsapp(), utf8(wa.replace("\"1672947578\"", "\"99999999999999999999999\""))));
    c.add(new Case("whatsapp: huge number timestamp", whatsapp(), utf8(wa.replace("\"1672947578\"", "1e400"))));
    c.add(new Case("whatsapp: invalid UTF-8", whatsapp(), withInvalidUtf8(wa.substring(0, wa.indexOf("hola")),
        wa.substring(wa.indexOf("hola")))));
    c.add(new Case("whatsapp: deeply nested", whatsapp(), nested(20_000)));
    c.add(new Case("whatsapp: 10 MB", whatsapp(), tenMegabytes("{\"object\":\"")));
    c.add(new Case("whatsapp: SQL injection as phone_number_id", whatsapp(),
        utf8(waText(injection.replace("\"", ""), "wamid.table-2", "hola"))));
    c.add(new Case("whatsapp: empty body", whatsapp(), new byte[0]));
    // Twilio
    c.add(new Case("twilio: forged signature", twilio(false), utf8(twilioText("SMtable1", "hola"))));
    c.add(new Case("twilio: no signature", new Door("tw-unsigned", HttpMethod.POST, "/webhooks/twilio",
        "application/x-www-form-urlencoded", b -> Map.of()), utf8(twilioText("SMtable2", "hola"))));
    c.add(new Case("twilio: unknown number (injection)", twilio(true), utf8(twilioText("SMtable3", "hola")
        .replace("To=whatsapp%3A%2B14123456789", "To=" + java.net.URLEncoder.encode(injection, StandardCharsets.UTF_8)))));
    c.add(new Case("twilio: no MessageSid", twilio(true), utf8("Body=hola&To=whatsapp%3A%2B14123456789&From=whatsapp%3A%2B1")));
    c.add(new Case("twilio: status callback forged", new Door("tw-status", HttpMethod.POST, "/webhooks/twilio/status",
        "application/x-www-form-urlencoded", b -> Map.of("X-Twilio-Signature", "AAAA")),
        utf8("MessageSid=SMx&MessageStatus=delivered&To=whatsapp%3A%2B1&From=" + "whatsapp%3A%2B14123456789")));
    c.add(new Case("twilio: 10 MB", twilio(false), tenMegabytes("Body=")));
    // Web forms
    c.add(new Case("form: malformed JSON", contactForm, utf8("{\"name\": ")));
    c.add(new Case("form: wrong types", contactForm, utf8("{\"name\":{\"a\":1},\"email\":\"a@b.cl\",\"message\":\"x\"}")));
    c.add(new Case("form: missing required", contactForm, utf8("{\"name\":\"Ana\"}")));
    c.add(new Case("form: SQL injection as email", contactForm, utf8(new JsonObject(form).put("email", injection).encode())));
    c.add(new Case("form: script as phone", contactForm, utf8(new JsonObject(form).put("phone", script).encode())));
    c.add(new Case("form: path traversal as key", open("/forms/..%2F..%2F..%2Fetc%2Fpasswd", "application/json"), utf8(form)));
    c.add(new Case("form: unknown key", open("/forms/%3Cscript%3E", "application/json"), utf8(form)));
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
    c.add(new Case("api: huge inbox id", api(HttpMethod.POST, "/api/v1/inboxes/99999999999999999999999/messages"), utf8(inbound)));
    c.add(new Case("api: identifier of the wrong type", inboxMessages,
        utf8(new JsonObject(inbound).put("contact", new JsonObject().put("identifier", 42)).encode())));
    c.add(new Case("api: attachment with a file URL", inboxMessages, utf8(new JsonObject(inbound).put("attachments",
        new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", "file:///etc/passwd"))).encode())));
    c.add(new Case("api: attachment named by path traversal", inboxMessages, utf8(new JsonObject(inbound).put("sourceId", "s-trav")
        .put("attachments", new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", "https://example.com/a.pdf")
            .put("fileName", "../../../../etc/passwd"))).encode())));
    c.add(new Case("api: SQL injection in a path id", api(HttpMethod.PATCH, "/api/v1/contacts/1;drop%20table%20contacts"),
        utf8("{\"name\":\"x\"}")));
    c.add(new Case("api: SQL injection as email", api(HttpMethod.POST, "/api/v1/contacts"),
        utf8(new JsonObject().put("name", "x").put("email", injection).encode())));
    c.add(new Case("api: script as phone", api(HttpMethod.POST, "/api/v1/contacts"),
        utf8(new JsonObject().put("name", "x").put("phone", script).encode())));
    c.add(new Case("api: huge number", api(HttpMethod.POST, "/api/v1/leads"), utf8("{\"score\":1e30}")));
    c.add(new Case("api: huge reference", api(HttpMethod.POST, "/api/v1/leads"), utf8("{\"contactId\":99999999999999999999}")));
    c.add(new Case("api: path traversal in a media key", api(HttpMethod.GET, "/api/v1/media/..%2F..%2F..%2Fetc%2Fpasswd"), null));
    return c;
  }

  @Test
  @DisplayName("each case of the table ends with a 4xx and no row added or removed anywhere")
  void table() {
    List<String> problems = new ArrayList<>();
    List<Case> cases = cases();
    for (Case c : cases) {
      Map<String, Long> before = settled();
      Answer a = c.body() == null ? raw.call(c.door().method(), c.door().path(), c.door().headers().apply(new byte[0]),
          null, TIMEOUT_MS) : send(c.door(), c.body());
      if (c.body() == null) {
        tried++;
      }
      Map<String, Long> after = counts();
      if (a.status() < 400 || a.status() >= 500) {
        problems.add(c.name() + ": " + a.status() + " " + abbreviate(a.text()));
      }
      if (!before.equals(after)) {
        problems.add(c.name() + ": stored " + diff(before, after));
      }
    }
    System.out.printf("bad input table: %d cases%n", cases.size());
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  @DisplayName("a replayed webhook is answered 200 and changes nothing (WhatsApp and Twilio)")
  void replays() {
    byte[] wa = utf8(waText("409552778964973", "wamid.replay-1", "hola otra vez"));
    assertEquals(200, send(whatsapp(), wa).status());
    Map<String, Long> once = settled();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, send(whatsapp(), wa).status(), "the documented idempotent answer");
    }
    assertEquals(once, settled());
    byte[] tw = utf8(twilioText("SMreplay1", "hola"));
    assertTrue(send(twilio(true), tw).status() < 300);
    Map<String, Long> first = settled();
    for (int i = 0; i < 3; i++) {
      assertTrue(send(twilio(true), tw).status() < 300);
    }
    assertEquals(first, settled());
  }

  // ---------------------------------------------------------------- the fuzzer

  private static final List<byte[]> TOKENS = List.of(utf8("\""), utf8("\\"), utf8("{"), utf8("}"), utf8("["), utf8("]"),
      utf8(":"), utf8(","), utf8("null"), utf8("true"), utf8("1e999"), utf8("-0"), utf8("99999999999999999999999999"),
      utf8("\"\\u0000\""), utf8("\"\\ud800\""), new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {(byte) 0xc3, 0x28},
      utf8("\"' OR '1'='1' --\""), utf8("\"'; drop table messages; --\""), utf8("\"<script>alert(1)</script>\""),
      utf8("\"../../../../etc/passwd\""), utf8("%00"), utf8("%ZZ"), utf8("&=&="), utf8("\"${jndi:ldap://x/a}\""),
      utf8("\"" + "x".repeat(70_000) + "\""), utf8("\"\\uD83D\\uDE00\""), utf8("0.0000000000000000000001"),
      utf8("-9223372036854775809"), utf8("\"2026-13-45T99:99:99Z\""));
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?");

  static byte[] mutate(byte[] seed, Random rnd) {
    byte[] b = seed;
    int ops = 1 + rnd.nextInt(3);
    for (int i = 0; i < ops; i++) {
      b = switch (rnd.nextInt(8)) {
        case 0 -> flip(b, rnd);
        case 1 -> cut(b, rnd);
        case 2 -> duplicate(b, rnd);
        case 3 -> insert(b, rnd.nextInt(b.length + 1), TOKENS.get(rnd.nextInt(TOKENS.size())));
        case 4 -> java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        case 5 -> replace(b, STRING, TOKENS.get(rnd.nextInt(TOKENS.size())), rnd);
        case 6 -> replace(b, NUMBER, TOKENS.get(10 + rnd.nextInt(4)), rnd);
        default -> wrap(b, 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 3000));
      };
    }
    return b;
  }

  private static byte[] flip(byte[] b, Random rnd) {
    if (b.length == 0) {
      return b;
    }
    byte[] out = b.clone();
    out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
    return out;
  }

  private static byte[] cut(byte[] b, Random rnd) {
    if (b.length < 2) {
      return b;
    }
    int from = rnd.nextInt(b.length);
    int to = Math.min(b.length, from + 1 + rnd.nextInt(Math.max(1, b.length / 4)));
    return Buffer.buffer().appendBytes(b, 0, from).appendBytes(b, to, b.length - to).getBytes();
  }

  private static byte[] duplicate(byte[] b, Random rnd) {
    if (b.length == 0) {
      return b;
    }
    int from = rnd.nextInt(b.length);
    int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
    return insert(b, rnd.nextInt(b.length + 1), java.util.Arrays.copyOfRange(b, from, from + len));
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    return Buffer.buffer().appendBytes(b, 0, at).appendBytes(what).appendBytes(b, at, b.length - at).getBytes();
  }

  private static byte[] replace(byte[] b, Pattern p, byte[] with, Random rnd) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    Matcher m = p.matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] span = spans.get(rnd.nextInt(spans.size()));
    return Buffer.buffer().appendBytes(b, 0, span[0]).appendBytes(with).appendBytes(b, span[1], b.length - span[1])
        .getBytes();
  }

  private static byte[] wrap(byte[] b, int depth) {
    return Buffer.buffer("[".repeat(depth)).appendBytes(b).appendString("]".repeat(depth)).getBytes();
  }

  @Test
  @DisplayName("a seeded fuzzer's mutated bodies never get a 5xx or a hang, and a refused one stores nothing")
  void fuzz() {
    Random rnd = new Random(SEED);
    record Seed(Door door, byte[] body) {}
    List<Seed> seeds = List.of(
        new Seed(whatsapp(), utf8(waText("409552778964973", "wamid.fuzz", "hola fuzz"))),
        new Seed(whatsapp(), Fixtures.bytes("whatsapp-cloud/inbound/image.json")),
        new Seed(whatsappForged(), utf8(waText("409552778964973", "wamid.forged", "hola"))),
        new Seed(twilio(true), utf8(twilioText("SMfuzz", "hola"))),
        new Seed(twilio(false), utf8(twilioText("SMforged", "hola"))),
        new Seed(open("/forms/contact", "application/json"), utf8(new JsonObject().put("name", "Ana")
            .put("email", "ana@example.com").put("phone", "+56911112222").put("message", "hola").encode())),
        new Seed(open("/forms/quote", "application/x-www-form-urlencoded"),
            utf8("name=Ana&phone=%2B56911112222&product=general&email=a%40b.cl")),
        new Seed(open("/api/v1/auth/login", "application/json"),
            utf8(new JsonObject().put("email", Api.ADMIN).put("password", "not-the-password").encode())),
        new Seed(api(HttpMethod.POST, "/api/v1/inboxes/5/messages"), utf8(new JsonObject().put("sourceId", "fz")
            .put("contact", new JsonObject().put("identifier", "fz").put("name", "F").put("email", "f@z.cl")
                .put("phone", "+56922223333")).put("text", "hola")
            .put("attachments", new io.vertx.core.json.JsonArray().add(new JsonObject()
                .put("url", "https://example.com/a.pdf").put("fileName", "a.pdf"))).encode())),
        new Seed(api(HttpMethod.POST, "/api/v1/contacts"), utf8(new JsonObject().put("name", "C").put("email", "c@d.cl")
            .put("phone", "+56933334444").put("customAttributes", new JsonObject().put("a", 1)).encode())),
        new Seed(api(HttpMethod.POST, "/api/v1/tickets"), utf8(new JsonObject().put("kind", "support").put("subject", "s")
            .put("dueAt", "2030-01-01T00:00:00Z").put("priority", "high").encode())));
    List<String> problems = new ArrayList<>();
    Map<String, Integer> byStatus = new java.util.TreeMap<>();
    Map<String, Long> before = settled();
    int fuzzed = 0;
    for (int i = 0; i < FUZZ_INPUTS; i++) {
      Seed seed = seeds.get(i % seeds.size());
      byte[] body = mutate(seed.body(), rnd);
      Answer a = send(seed.door(), body);
      fuzzed++;
      byStatus.merge(seed.door().name() + " " + a.status(), 1, Integer::sum);
      if (a.status() >= 500) {
        problems.add("#" + i + " " + seed.door().name() + " -> " + a.status() + " for "
            + abbreviate(new String(body, StandardCharsets.UTF_8)));
      }
      if (a.status() < 400) {
        before = settled();
      } else {
        Map<String, Long> after = counts();
        if (!after.equals(before)) {
          problems.add("#" + i + " " + seed.door().name() + " -> " + a.status() + " yet stored " + diff(before, after));
          before = after;
        }
      }
    }
    System.out.printf("bad input fuzzer: %d mutated bodies tried (seed %d); answers: %s%n", fuzzed, SEED, byStatus);
    System.out.printf("bad inputs tried in this class so far: %d%n", tried);
    assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n",
        problems.subList(0, Math.min(40, problems.size()))));
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
