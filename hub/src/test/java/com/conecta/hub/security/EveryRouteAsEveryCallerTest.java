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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
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
  private static final String MISSING_ID = "999999999";
  private static final String APP_SECRET = "app-secret-" + UUID.randomUUID();
  /** The gate's refusal; a 403 with another message comes from a business rule inside an allowed route. */
  private static final String GATE_REFUSAL = "your role may not do this";
  /** Paths marketing never reaches: conversations and what is in them. */
  private static final Pattern INBOX_ONLY = Pattern.compile(
      ".*/(conversations|messages|notes|media|presence|assignments?)(/.*)?$");
  private static final Pattern CRM_WRITE = Pattern.compile("/api/v1/(contacts|accounts|leads|tickets|activities)(/.*)?");
  private static final Pattern ADMIN_ONLY = Pattern.compile(
      "/api/v1/(audit|tokens)(/.*)?|/api/v1/users/.*|/api/v1/contacts/:id/(export|erase)");
  /** Coordinators' screens (admins and team supervisors; the walk's agents supervise no team). Issue 22. */
  private static final Pattern COORDINATOR_ONLY = Pattern.compile("/api/v1/service-board");

  private final LogCapture logs = LogCapture.begin();
  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final String personName = "Persona Walk " + tag;
  private final String messageText = "mensaje privado walk " + tag;
  private final String invoiceNumber = "F-WALK-" + tag;
  private final List<String> secrets = new ArrayList<>();
  private final String marketingPassword = "mkt-pass-" + tag;

  private final Map<String, String> byParam = new HashMap<>();
  private final Map<String, String> byResource = new HashMap<>();
  private final Map<String, JsonObject> bodies = new HashMap<>();
  private RawCaller raw;
  private long anaId;
  private long carlaId;

  private enum Caller { ANONYMOUS, MARKETING, OTHER_TEAM_AGENT, AGENT, ADMIN }

  private final Map<Caller, Api> sessions = new LinkedHashMap<>();

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("whatsapp.app-secret", APP_SECRET).put("whatsapp.verify-token", "verify-" + tag);
  }

  @BeforeAll
  void seed() {
    raw = new RawCaller(vertx, hub.port());
    secrets.add(APP_SECRET);
    secrets.add("verify-" + tag);
    JsonObject conv = admin.inbound(API_INBOX, "walk-1-" + tag, "walk-a-" + tag, personName, messageText).bodyAsJsonObject();
    long conversation = conv.getLong("conversationId");
    long contact = conv.getLong("contactId");
    long second = admin.inbound(API_INBOX, "walk-2-" + tag, "walk-b-" + tag, "Otra " + tag, "hola").bodyAsJsonObject()
        .getLong("contactId");
    created(admin.post("/api/v1/conversations/" + conversation + "/notes", new JsonObject().put("text", "nota " + tag)));
    long account = id(admin.post("/api/v1/accounts", new JsonObject().put("name", "Empresa " + tag)));
    assertEquals(200, admin.patch("/api/v1/contacts/" + contact, new JsonObject().put("accountId", account)).statusCode());
    long lead = id(admin.post("/api/v1/leads", new JsonObject().put("contactId", contact).put("title", "Lead " + tag)));
    long ticket = id(admin.post("/api/v1/tickets", new JsonObject().put("contactId", contact).put("kind", "support")
        .put("subject", "Ticket " + tag)));
    long activity = id(admin.post("/api/v1/activities", new JsonObject().put("contactId", contact).put("kind", "task")
        .put("title", "Tarea " + tag)));
    long canned = id(admin.post("/api/v1/canned-responses", new JsonObject().put("shortCode", "w" + tag)
        .put("content", "Hola")));
    long campaign = id(admin.post("/api/v1/campaigns", new JsonObject().put("name", "Campaña " + tag).put("inboxId", 1)
        .put("template", new JsonObject().put("name", "promocion_general").put("language", "es"))
        .put("params", new JsonArray().add("contact.name").add(new JsonObject().put("text", "20%")))));
    long token = id(admin.post("/api/v1/tokens", new JsonObject().put("name", "walk " + tag)));
    long invoice = id(admin.post("/api/v1/invoices", new JsonObject().put("externalId", "walk-" + tag)
        .put("number", invoiceNumber).put("amount", 1000).put("currency", "CLP").put("dueDate", "2030-01-01")
        .put("contactId", contact)));
    created(admin.post("/api/v1/users", new JsonObject().put("email", "mkt-" + tag + "@demo.conecta.cl")
        .put("name", "Marketing " + tag).put("role", "marketing").put("password", marketingPassword)));
    // Inboxes with every kind of channel secret: none may come back from any route, nor reach the log.
    String waToken = "EAAG-wa-token-" + tag;
    String twilioToken = "twilio-auth-" + tag;
    String smtpPassword = "smtp-pass-" + tag;
    secrets.addAll(List.of(waToken, twilioToken, smtpPassword));
    created(admin.post("/api/v1/inboxes", new JsonObject().put("name", "WA " + tag).put("channel", "whatsapp")
        .put("channelAccountId", "9" + tag.hashCode()).put("teamId", 1)
        .put("settings", new JsonObject().put("accessToken", waToken).put("displayPhoneNumber", "+56 9 0000"))));
    created(admin.post("/api/v1/inboxes", new JsonObject().put("name", "TW " + tag).put("channel", "twilio")
        .put("channelAccountId", "+1555" + Math.abs(tag.hashCode() % 10_000_000)).put("teamId", 1)
        .put("settings", new JsonObject().put("accountSid", "AC" + tag).put("authToken", twilioToken))));
    created(admin.post("/api/v1/inboxes", new JsonObject().put("name", "Mail " + tag).put("channel", "email")
        .put("channelAccountId", "walk-" + tag + "@demo.conecta.cl").put("teamId", 1)
        .put("settings", new JsonObject().put("smtp", new JsonObject().put("host", "127.0.0.1").put("password", smtpPassword))
            .put("imapPassword", smtpPassword))));

    byParam.put("conversationId", String.valueOf(conversation));
    byParam.put("inboxId", String.valueOf(API_INBOX));
    byParam.put("tokenId", String.valueOf(token));
    byParam.put("label", "vip");
    byResource.put("contacts", String.valueOf(contact));
    byResource.put("accounts", String.valueOf(account));
    byResource.put("leads", String.valueOf(lead));
    byResource.put("tickets", String.valueOf(ticket));
    byResource.put("activities", String.valueOf(activity));
    byResource.put("canned-responses", String.valueOf(canned));
    byResource.put("campaigns", String.valueOf(campaign));
    byResource.put("invoices", String.valueOf(invoice));

    // Real changes an agent of the team may make; an agent of another team sends the same and must be refused.
    bodies.put("POST /api/v1/conversations/:conversationId/notes", new JsonObject().put("text", "nota del recorrido"));
    bodies.put("POST /api/v1/conversations/:conversationId/messages", new JsonObject().put("text", "respuesta"));
    bodies.put("POST /api/v1/conversations/:conversationId/status", new JsonObject().put("status", "open"));
    bodies.put("POST /api/v1/conversations/:conversationId/labels", new JsonObject().put("labels", new JsonArray().add("vip")));
    bodies.put("DELETE /api/v1/conversations/:conversationId/labels/:label", null);
    bodies.put("POST /api/v1/conversations/:conversationId/read", new JsonObject());
    bodies.put("PATCH /api/v1/contacts/:id", new JsonObject().put("city", "Talca"));
    bodies.put("PATCH /api/v1/accounts/:id", new JsonObject().put("city", "Talca"));
    bodies.put("PATCH /api/v1/leads/:id", new JsonObject().put("stage", "qualified"));
    bodies.put("PATCH /api/v1/tickets/:id", new JsonObject().put("status", "waiting"));
    bodies.put("PATCH /api/v1/activities/:id", new JsonObject().put("done", true));
    bodies.put("POST /api/v1/contacts/:id/merge", new JsonObject().put("mergeContactId", second));
    bodies.put("POST /api/v1/inboxes/:inboxId/messages", Api.inboundBody("walk-3-" + tag, "walk-c-" + tag, "C", "hola"));

    anaId = 2;
    carlaId = 4;
    byParam.put("userId", String.valueOf(anaId));
  }

  @AfterAll
  void closeCaller() {
    if (raw != null) {
      raw.close();
    }
  }

  private static void created(io.vertx.ext.web.client.HttpResponse<Buffer> res) {
    assertEquals(201, res.statusCode(), res.bodyAsString());
  }

  private static long id(io.vertx.ext.web.client.HttpResponse<Buffer> res) {
    created(res);
    return res.bodyAsJsonObject().getLong("id");
  }

  private Api session(Caller c) {
    return sessions.computeIfAbsent(c, k -> switch (k) {
      case ANONYMOUS -> null;
      case MARKETING -> Api.signedIn(vertx, hub.port(), "mkt-" + tag + "@demo.conecta.cl", marketingPassword);
      case OTHER_TEAM_AGENT -> signIn("carla@demo.conecta.cl");
      case AGENT -> signIn("ana@demo.conecta.cl");
      case ADMIN -> Api.admin(vertx, hub.port());
    });
  }

  private static Role role(Caller c) {
    return switch (c) {
      case ANONYMOUS -> null;
      case MARKETING -> Role.MARKETING;
      case OTHER_TEAM_AGENT, AGENT -> Role.AGENT;
      case ADMIN -> Role.ADMIN;
    };
  }

  /** A path with its parameters filled, and what the filling tells about the route. */
  private record Filled(String path, boolean allKnown, boolean teamScoped) {}

  private Filled fill(String template, boolean realIds) {
    String[] parts = template.split("/");
    boolean known = true;
    boolean scoped = false;
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].startsWith(":")) {
        continue;
      }
      String name = parts[i].substring(1);
      String resource = i > 0 ? parts[i - 1] : "";
      String value = "id".equals(name) ? byResource.get(resource) : byParam.get(name);
      if (value == null) {
        known = false;
        value = name.equals("key") ? "0".repeat(32) : "1";
      } else if (!realIds) {
        value = name.equals("label") ? "nada" : MISSING_ID;
      }
      scoped |= realIds && (name.equals("conversationId") || name.equals("inboxId")
          || ("id".equals(name) && List.of("contacts", "accounts", "leads", "tickets", "activities").contains(resource)));
      parts[i] = value;
    }
    return new Filled(String.join("/", parts), known, scoped);
  }

  /** What the rules say, whatever a route declares: these callers must be refused. */
  private static boolean policyRefuses(Caller c, HttpMethod method, String template) {
    boolean admin = ADMIN_ONLY.matcher(template).matches()
        || method != HttpMethod.GET && template.matches("/api/v1/(users|teams|inboxes)");
    return switch (c) {
      case MARKETING -> admin || INBOX_ONLY.matcher(template).matches()
          || method != HttpMethod.GET && CRM_WRITE.matcher(template).matches();
      case OTHER_TEAM_AGENT, AGENT -> admin || template.startsWith("/api/v1/campaigns")
          || COORDINATOR_ONLY.matcher(template).matches();
      default -> false;
    };
  }

  private Answer call(Caller c, HttpMethod method, String path, Buffer body) {
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
    for (Caller c : Caller.values()) {
      Map<String, String> before = c.ordinal() <= Caller.OTHER_TEAM_AGENT.ordinal() ? fingerprint() : null;
      for (RouteTable.Entry e : entries) {
        String key = e.method() + " " + e.path();
        if (e.access().anonymous()) {
          Answer a = call(c, e.method(), fill(e.path(), true).path(), e.method() == HttpMethod.GET ? null : Buffer.buffer("{}"));
          checks++;
          if (a.status() >= 500) {
            problems.add(c + " " + key + " -> " + a.status());
          }
          continue;
        }
        boolean reading = e.method() == HttpMethod.GET;
        boolean hasSample = bodies.containsKey(key);
        Role role = role(c);
        boolean declared = e.access().allows(role == null ? null : principalOf(role));
        boolean allowed = declared && !policyRefuses(c, e.method(), e.path());
        // Refused callers and the other team's agent try the real records with real bodies; the team's agent makes
        // the real changes it has a sample for; every other allowed change goes to a missing record or is not even
        // a JSON object, so that it reaches the route without changing what later callers see.
        boolean scoped = fill(e.path(), true).teamScoped();
        boolean probe = !allowed || scoped && (c == Caller.OTHER_TEAM_AGENT || c == Caller.AGENT && hasSample);
        Filled f = fill(e.path(), reading || probe);
        if (!f.allKnown() && c == Caller.ADMIN) {
          unknownParams.add(key);
        }
        Buffer body = reading ? null : probe ? (hasSample ? bodies.get(key) == null ? null : bodies.get(key).toBuffer()
            : Buffer.buffer("{}")) : Buffer.buffer("[]");
        Answer a = call(c, e.method(), f.path(), body);
        checks++;
        String seen = c + " " + e.method() + " " + f.path() + " -> " + a.status() + " " + abbreviate(a.text());
        if (a.status() >= 500) {
          problems.add("server error: " + seen);
        } else if (c == Caller.ANONYMOUS) {
          if (a.status() != 401) {
            problems.add("anonymous not refused with 401: " + seen);
          }
        } else if (policyRefuses(c, e.method(), e.path())) {
          if (a.status() != 403 && a.status() != 404) {
            problems.add("the rules refuse this caller, the route did not: " + seen + " (declared " + e.access().name() + ")");
          }
        } else if (!declared) {
          if (a.status() != 403) {
            problems.add("refused role not answered 403: " + seen);
          }
        } else if (a.status() == 401 || a.status() == 403 && a.text().contains(GATE_REFUSAL)) {
          problems.add("allowed caller refused: " + seen);
        } else if (c == Caller.OTHER_TEAM_AGENT && f.teamScoped()) {
          if (a.status() < 300) {
            problems.add("an agent of another team reached the team's record: " + seen);
          }
        } else if (reading && f.allKnown() && a.status() != 200) {
          problems.add("allowed reader did not get the record: " + seen);
        } else if (c == Caller.AGENT && hasSample && f.teamScoped() && a.status() >= 300) {
          problems.add("the team's agent could not change the team's record: " + seen);
        }
        if (a.status() < 300) {
          String text = a.text();
          for (String s : secrets) {
            if (text.contains(s)) {
              problems.add("a secret came back: " + seen);
            }
          }
          if (c == Caller.OTHER_TEAM_AGENT && (text.contains(personName) || text.contains(messageText)
              || text.contains(invoiceNumber))) {
            problems.add("another team's data came back: " + seen);
          }
          if (c == Caller.MARKETING && text.contains(messageText)) {
            problems.add("a message came back to marketing: " + seen);
          }
        }
        if (c != Caller.ANONYMOUS && !reading && a.status() < 300
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
        + " know, rule-checked only: %s)%n", entries.size(), Caller.values().length, checks, unknownParams.size(),
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
    session(Caller.MARKETING).get("/api/v1/auth/me");
    String log = logs.text();
    assertFalse(log.isEmpty(), "the capture sees the hub's log");
    for (String s : secrets) {
      assertFalse(log.contains(s), "the log holds a secret");
    }
    assertFalse(log.contains(wrong), "the log holds a password tried");
    assertFalse(log.contains(marketingPassword), "the log holds a user's password");
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
