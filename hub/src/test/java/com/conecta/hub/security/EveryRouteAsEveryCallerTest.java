package com.conecta.hub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.RawCaller;
import com.conecta.hub.support.RawCaller.Answer;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Walks every route of the hub's {@link RouteTable} as an anonymous caller, marketing, an agent of another team, an
 * agent of the records' team and an admin, with sample ids from a seeded fixture. Routes other features add are
 * walked too once registered: the table drives the walk, and a path parameter this fixture does not know still gets
 * its rule checked. Along the way every answer is searched for the fixture's secrets and for what the caller may not
 * see, and the log of the whole run is searched for secrets and passwords.
 */
@DisplayName("Every API route answers each kind of caller by its rule")
class EveryRouteAsEveryCallerTest extends HubTestBase {
  private static final String APP_SECRET = "app-secret-" + UUID.randomUUID();
  /** The gate's refusal; a 403 with another message comes from a business rule inside an allowed route. */
  private static final String GATE_REFUSAL = "your role may not do this";

  private final LogCapture logs = LogCapture.begin();
  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final Map<WalkCaller, Api> sessions = new LinkedHashMap<>();
  private WalkFixture fixture;
  private RawCaller raw;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("whatsapp.app-secret", APP_SECRET).put("whatsapp.verify-token", "verify-" + tag);
  }

  @BeforeAll
  void seed() {
    raw = new RawCaller(vertx, hub.port());
    fixture = new WalkFixture(admin, API_INBOX, tag, APP_SECRET);
  }

  @AfterAll
  void closeCaller() {
    if (raw != null) {
      raw.close();
    }
  }

  private Api session(WalkCaller c) {
    return sessions.computeIfAbsent(c, k -> switch (k) {
      case ANONYMOUS -> null;
      case MARKETING -> Api.signedIn(vertx, hub.port(), "mkt-" + tag + "@demo.conecta.cl", fixture.marketingPassword);
      case OTHER_TEAM_AGENT -> signIn("carla@demo.conecta.cl");
      case AGENT -> signIn("ana@demo.conecta.cl");
      case ADMIN -> Api.admin(vertx, hub.port());
    });
  }

  private Answer call(WalkCaller c, HttpMethod method, String path, Buffer body) {
    Map<String, String> headers = new HashMap<>();
    Api api = session(c);
    if (api != null) {
      headers.put("cookie", api.cookie());
      headers.put("X-CSRF-Token", api.csrf());
    }
    if (method != HttpMethod.GET) {
      headers.put("content-type", "application/json");
    }
    return raw.call(method, path, headers, body, 30_000);
  }

  private Map<String, String> fingerprint() {
    List<String> tables = sql.query("select table_name from information_schema.tables where table_schema = 'public'"
            + " and table_type = 'BASE TABLE' and table_name not in ('sessions', 'audit_log', 'flyway_schema_history')"
            + " order by 1").execute().await().stream().map(r -> r.getString(0)).toList();
    StringBuilder q = new StringBuilder("select ");
    for (String t : tables) {
      q.append(q.length() > 7 ? ", " : "")
          .append("(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from \"").append(t).append("\" x)");
    }
    var row = sql.query(q.toString()).execute().await().iterator().next();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      out.put(tables.get(i), row.getString(i));
    }
    return out;
  }

  @Test
  @DisplayName("a route cannot be registered without an access rule")
  void noRuleNoRoute() {
    RouteTable table = new RouteTable(io.vertx.ext.web.Router.router(vertx), null);
    assertThrows(NullPointerException.class, () -> table.get("/api/v1/x", null, (ctx, p) -> Future.succeededFuture()));
    assertTrue(table.entries().isEmpty());
    for (RouteTable.Entry e : hub.routes().entries()) {
      assertNotNull(e.access(), e.method() + " " + e.path() + " has no rule");
      assertTrue(e.path().startsWith("/api/"), e.path() + " is registered through the table but is not under /api");
    }
  }

  @Test
  @DisplayName("anonymous gets 401, refused roles 403, allowed ones the route; agents of another team neither see nor"
      + " change the team's records; marketing never sees messages; no answer holds a secret")
  void walk() {
    List<RouteTable.Entry> entries = hub.routes().entries();
    assertTrue(entries.size() > 40, "the table lists the hub's routes: " + entries.size());
    List<String> problems = new ArrayList<>();
    List<String> unknownParams = new ArrayList<>();
    int checks = 0;
    for (WalkCaller c : WalkCaller.values()) {
      Map<String, String> before = c.ordinal() <= WalkCaller.OTHER_TEAM_AGENT.ordinal() ? fingerprint() : null;
      for (RouteTable.Entry e : entries) {
        String key = e.method() + " " + e.path();
        if (e.access().anonymous()) {
          Answer a = call(c, e.method(), fixture.fill(e.path(), true).path(), e.method() == HttpMethod.GET ? null : Buffer.buffer("{}"));
          checks++;
          if (a.status() >= 500) {
            problems.add(c + " " + key + " -> " + a.status());
          }
          continue;
        }
        boolean reading = e.method() == HttpMethod.GET;
        boolean hasSample = fixture.bodies.containsKey(key);
        Role role = c.role();
        boolean declared = e.access().allows(role == null ? null : principalOf(role));
        boolean allowed = declared && !c.refusedByPolicy(e.method(), e.path());
        // Refused callers and the other team's agent try the real records with real bodies; the team's agent makes
        // the real changes it has a sample for; every other allowed change goes to a missing record or is not even
        // a JSON object, so that it reaches the route without changing what later callers see.
        boolean scoped = fixture.fill(e.path(), true).teamScoped();
        boolean probe = !allowed || scoped && (c == WalkCaller.OTHER_TEAM_AGENT || c == WalkCaller.AGENT && hasSample);
        WalkFixture.Filled f = fixture.fill(e.path(), reading || probe);
        if (!f.allKnown() && c == WalkCaller.ADMIN) {
          unknownParams.add(key);
        }
        Buffer body = reading ? null : probe ? (hasSample ? fixture.bodies.get(key) == null ? null
            : fixture.bodies.get(key).toBuffer()
            : Buffer.buffer("{}")) : Buffer.buffer("[]");
        Answer a = call(c, e.method(), f.path(), body);
        checks++;
        String seen = c + " " + e.method() + " " + f.path() + " -> " + a.status() + " " + abbreviate(a.text());
        if (a.status() >= 500) {
          problems.add("server error: " + seen);
        } else if (c == WalkCaller.ANONYMOUS) {
          if (a.status() != 401) {
            problems.add("anonymous not refused with 401: " + seen);
          }
        } else if (c.refusedByPolicy(e.method(), e.path())) {
          if (a.status() != 403 && a.status() != 404) {
            problems.add("the rules refuse this caller, the route did not: " + seen + " (declared " + e.access().name() + ")");
          }
        } else if (!declared) {
          if (a.status() != 403) {
            problems.add("refused role not answered 403: " + seen);
          }
        } else if (a.status() == 401 || a.status() == 403 && a.text().contains(GATE_REFUSAL)) {
          problems.add("allowed caller refused: " + seen);
        } else if (c == WalkCaller.OTHER_TEAM_AGENT && f.teamScoped()) {
          if (a.status() < 300) {
            problems.add("an agent of another team reached the team's record: " + seen);
          }
        } else if (reading && f.allKnown() && a.status() != 200) {
          problems.add("allowed reader did not get the record: " + seen);
        } else if (c == WalkCaller.AGENT && hasSample && f.teamScoped() && a.status() >= 300) {
          problems.add("the team's agent could not change the team's record: " + seen);
        }
        if (a.status() < 300) {
          String text = a.text();
          for (String s : fixture.secrets) {
            if (text.contains(s)) {
              problems.add("a secret came back: " + seen);
            }
          }
          if (c == WalkCaller.OTHER_TEAM_AGENT && (text.contains(fixture.personName)
              || text.contains(fixture.messageText) || text.contains(fixture.invoiceNumber))) {
            problems.add("another team's data came back: " + seen);
          }
          if (c == WalkCaller.MARKETING && text.contains(fixture.messageText)) {
            problems.add("a message came back to marketing: " + seen);
          }
        }
        if (c != WalkCaller.ANONYMOUS && !reading && a.status() < 300
            && session(c).get("/api/v1/auth/me").statusCode() == 401) {
          sessions.remove(c);
        }
      }
      if (before != null) {
        Map<String, String> after = fingerprint();
        before.forEach((table, hash) -> {
          if (!hash.equals(after.get(table))) {
            problems.add(c + " changed stored data in " + table);
          }
        });
      }
    }
    System.out.printf("access walk: %d routes x %d callers = %d checks (%d routes with parameters the fixture does not"
        + " know, rule-checked only: %s)%n", entries.size(), WalkCaller.values().length, checks, unknownParams.size(),
        unknownParams);
    assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
  }

  @Test
  @DisplayName("the log of the whole run holds no channel secret, app secret or password")
  void logsHoldNoSecrets() {
    // Failed and successful sign-ins with passwords the log must not show.
    String wrong = "wrong-password-" + tag;
    assertEquals(401, new Api(vertx, hub.port()).post("/api/v1/auth/login", new JsonObject()
        .put("email", "ana@demo.conecta.cl").put("password", wrong)).statusCode());
    session(WalkCaller.MARKETING).get("/api/v1/auth/me");
    String log = logs.text();
    assertFalse(log.isEmpty(), "the capture sees the hub's log");
    for (String s : fixture.secrets) {
      assertFalse(log.contains(s), "the log holds a secret");
    }
    assertFalse(log.contains(wrong), "the log holds a password tried");
    assertFalse(log.contains(fixture.marketingPassword), "the log holds a user's password");
  }

  @AfterAll
  void stopCapture() {
    logs.stop();
  }

  private com.conecta.hub.foundation.auth.Principal principalOf(Role role) {
    return new com.conecta.hub.foundation.auth.Principal(1, "x", "x", role, "es", java.util.Set.of(), java.util.Set.of(), null, false);
  }

  private static String abbreviate(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }
}
