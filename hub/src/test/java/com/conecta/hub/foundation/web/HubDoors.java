package com.conecta.hub.foundation.web;

import com.conecta.connectors.twilio.TwilioSignature;
import com.conecta.connectors.whatsapp.WhatsAppSignature;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.RawCaller;
import com.conecta.hub.support.RawCaller.Answer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The public doors of a test hub the bad-input tests knock on (the WhatsApp and Twilio webhooks signed or forged, open
 * forms and sign-in, the API as the admin), how a body is sent through one, and the row count of every table, to tell
 * that a refused input stored nothing.
 */
final class HubDoors {
  private static final long TIMEOUT_MS = 20_000;

  private final RawCaller raw;
  private final Api admin;
  private final Pool sql;
  private final int port;
  private final String appSecret;
  private final String twilioToken;
  private final List<String> tables;
  private int tried;

  HubDoors(RawCaller raw, Api admin, Pool sql, int port, String appSecret, String twilioToken, List<String> tables) {
    this.raw = raw;
    this.admin = admin;
    this.sql = sql;
    this.port = port;
    this.appSecret = appSecret;
    this.twilioToken = twilioToken;
    this.tables = tables;
  }

  /** How many bad inputs were sent through the doors. */
  int tried() {
    return tried;
  }

  /** One door of the hub: where to send, and the headers a body needs there (a signature, a cookie). */
  record Door(String name, HttpMethod method, String path, String contentType,
      Function<byte[], Map<String, String>> headers) {}

  Door whatsapp() {
    return new Door("whatsapp", HttpMethod.POST, "/webhooks/whatsapp", "application/json",
        b -> Map.of("X-Hub-Signature-256", WhatsAppSignature.sign(appSecret, b)));
  }

  Door whatsappForged() {
    return new Door("whatsapp-forged", HttpMethod.POST, "/webhooks/whatsapp", "application/json",
        b -> Map.of("X-Hub-Signature-256", WhatsAppSignature.sign("not-the-secret", b)));
  }

  Door twilio(boolean signed) {
    String path = "/webhooks/twilio";
    return new Door(signed ? "twilio" : "twilio-forged", HttpMethod.POST, path, "application/x-www-form-urlencoded",
        b -> Map.of("X-Twilio-Signature", TwilioSignature.sign(signed ? twilioToken : "wrong-token",
            "http://127.0.0.1:" + port + path, form(new String(b, StandardCharsets.UTF_8)))));
  }

  Door api(HttpMethod method, String path) {
    return new Door("api " + path, method, path, "application/json",
        b -> Map.of("cookie", admin.cookie(), "X-CSRF-Token", admin.csrf()));
  }

  Door open(String path, String contentType) {
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
  Answer send(Door door, byte[] body) {
    Map<String, String> headers = new HashMap<>(door.headers().apply(body));
    headers.put("content-type", door.contentType());
    tried++;
    return raw.call(door.method(), door.path(), headers, Buffer.buffer(body), TIMEOUT_MS);
  }

  /** A call without a body (a GET), counted as tried. */
  Answer call(Door door) {
    tried++;
    return raw.call(door.method(), door.path(), door.headers().apply(new byte[0]), null, TIMEOUT_MS);
  }

  Map<String, Long> counts() {
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
  Map<String, Long> settled() {
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

  static String diff(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder d = new StringBuilder();
    before.forEach((t, n) -> {
      if (!n.equals(after.get(t))) {
        d.append(t).append(' ').append(n).append("->").append(after.get(t)).append(' ');
      }
    });
    return d.toString();
  }
}
