package com.conecta.connectors.sandbox.whatsapp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The fake Graph API's message templates of WhatsApp Business Accounts: list (paged as Meta pages), create (PENDING)
 * and delete by name. After {@link #decisionDelayMs} a submitted template is approved, or rejected when it breaks a
 * rule the fake knows (a name with "rechaz" → INVALID_FORMAT, a body promising easy money → SCAM), and the hub hears it
 * through a signed {@code message_template_status_update} webhook, as from Meta.
 */
public final class FakeMessageTemplates {
  private final Vertx vertx;
  /** Posts a signed webhook body to the hub after a delay (the fake's own callback path). */
  private final BiConsumer<Buffer, Long> webhook;
  private final Map<String, Map<String, JsonObject>> byWaba = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(905507062668000L);
  private final List<JsonObject> created = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long decisionDelayMs = 3_000;

  FakeMessageTemplates(Vertx vertx, BiConsumer<Buffer, Long> webhook) {
    this.vertx = vertx;
    this.webhook = webhook;
  }

  void register(Router router) {
    router.get("/:version/:wabaId/message_templates").handler(this::list);
    router.post("/:version/:wabaId/message_templates").handler(this::create);
    router.delete("/:version/:wabaId/message_templates").handler(this::delete);
  }

  /** How long a submitted template stays PENDING before the fake decides. */
  public FakeMessageTemplates decisionDelayMs(long ms) {
    this.decisionDelayMs = ms;
    return this;
  }

  /** A template that already exists on the account (made in WhatsApp Manager, say), with its status. */
  public FakeMessageTemplates put(String wabaId, JsonObject template) {
    JsonObject t = template.copy();
    if (t.getString("id") == null) {
      t.put("id", String.valueOf(ids.incrementAndGet()));
    }
    templates(wabaId).put(key(t.getString("name"), t.getString("language")), t);
    return this;
  }

  /** The bodies of the create requests received, in order. */
  public List<JsonObject> created() {
    return List.copyOf(created);
  }

  public List<JsonObject> of(String wabaId) {
    return List.copyOf(templates(wabaId).values());
  }

  private Map<String, JsonObject> templates(String wabaId) {
    return byWaba.computeIfAbsent(wabaId, k -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()));
  }

  private void list(RoutingContext ctx) {
    if (!authorised(ctx)) {
      return;
    }
    List<JsonObject> all;
    Map<String, JsonObject> m = templates(ctx.pathParam("wabaId"));
    synchronized (m) {
      all = new ArrayList<>(m.values());
    }
    int limit = parse(ctx.queryParams().get("limit"), 25);
    int from = parse(ctx.queryParams().get("after"), 0);
    int to = Math.min(all.size(), from + Math.max(1, limit));
    JsonArray data = new JsonArray();
    all.subList(Math.min(from, all.size()), to).forEach(t -> data.add(t.copy()));
    JsonObject paging = new JsonObject().put("cursors", new JsonObject().put("before", String.valueOf(from))
        .put("after", String.valueOf(to)));
    if (to < all.size()) {
      paging.put("next", "https://graph.facebook.com/" + ctx.pathParam("version") + "/" + ctx.pathParam("wabaId")
          + "/message_templates?after=" + to);
    }
    ctx.json(new JsonObject().put("data", data).put("paging", paging));
  }

  private void create(RoutingContext ctx) {
    if (!authorised(ctx)) {
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || body.getString("name") == null || body.getString("language") == null
        || body.getString("category") == null || body.getJsonArray("components") == null) {
      error(ctx, 400, 100, "Invalid parameter");
      return;
    }
    created.add(body.copy());
    String waba = ctx.pathParam("wabaId");
    String key = key(body.getString("name"), body.getString("language"));
    Map<String, JsonObject> m = templates(waba);
    String id = String.valueOf(ids.incrementAndGet());
    String category = body.getString("category").toUpperCase(Locale.ROOT);
    JsonObject stored = new JsonObject().put("id", id).put("name", body.getString("name"))
        .put("language", body.getString("language")).put("category", category).put("status", "PENDING")
        .put("components", body.getJsonArray("components").copy());
    synchronized (m) {
      if (m.containsKey(key)) {
        error(ctx, 400, 100, "Content in this language already exists");
        return;
      }
      m.put(key, stored);
    }
    ctx.json(new JsonObject().put("id", id).put("status", "PENDING").put("category", category));
    vertx.setTimer(Math.max(1, decisionDelayMs), t -> decide(waba, stored));
  }

  private void decide(String waba, JsonObject t) {
    String reason = rejection(t);
    String event = reason == null ? "APPROVED" : "REJECTED";
    Map<String, JsonObject> m = templates(waba);
    synchronized (m) {
      JsonObject current = m.get(key(t.getString("name"), t.getString("language")));
      if (current == null || !t.getString("id").equals(current.getString("id"))) {
        return; // deleted meanwhile
      }
      current.put("status", event);
      if (reason != null) {
        current.put("rejected_reason", reason);
      }
    }
    JsonObject value = new JsonObject().put("event", event).put("message_template_id", Long.parseLong(t.getString("id")))
        .put("message_template_name", t.getString("name")).put("message_template_language", t.getString("language"))
        .put("reason", reason == null ? "NONE" : reason);
    JsonObject payload = new JsonObject().put("object", "whatsapp_business_account").put("entry", new JsonArray()
        .add(new JsonObject().put("id", waba).put("time", System.currentTimeMillis() / 1000).put("changes", new JsonArray()
            .add(new JsonObject().put("value", value).put("field", "message_template_status_update")))));
    webhook.accept(payload.toBuffer(), 1L);
  }

  /**
   * Why Meta would refuse to send this message's template, or null: a template the fake knows (of any account) that
   * is not APPROVED in the requested language. Templates it never heard of (the hub's catalogue in code) are sent.
   */
  String sendRefusal(JsonObject message) {
    JsonObject template = message.getJsonObject("template");
    if (!"template".equals(message.getString("type")) || template == null) {
      return null;
    }
    String name = template.getString("name");
    String language = template.getJsonObject("language", new JsonObject()).getString("code");
    boolean known = false;
    for (Map<String, JsonObject> m : byWaba.values()) {
      synchronized (m) {
        JsonObject t = m.get(key(name, language));
        if (t != null && "APPROVED".equals(t.getString("status"))) {
          return null;
        }
        known |= m.values().stream().anyMatch(x -> x.getString("name").equals(name));
      }
    }
    return known ? "Template name does not exist in the translation" : null;
  }

  /** The rules this fake enforces at review, so that the sandbox can show a rejection too. */
  static String rejection(JsonObject t) {
    if (t.getString("name", "").contains("rechaz")) {
      return "INVALID_FORMAT";
    }
    for (Object o : t.getJsonArray("components", new JsonArray())) {
      if (o instanceof JsonObject c && "BODY".equalsIgnoreCase(c.getString("type"))) {
        String text = c.getString("text", "").toLowerCase(Locale.ROOT);
        if (text.contains("dinero fácil") || text.contains("gana dinero") || text.contains("easy money")) {
          return "SCAM";
        }
      }
    }
    return null;
  }

  private void delete(RoutingContext ctx) {
    if (!authorised(ctx)) {
      return;
    }
    String name = ctx.queryParams().get("name");
    Map<String, JsonObject> m = templates(ctx.pathParam("wabaId"));
    boolean removed;
    synchronized (m) {
      removed = m.values().removeIf(t -> t.getString("name").equals(name));
    }
    if (!removed) {
      error(ctx, 400, 100, "Message template not found");
      return;
    }
    ctx.json(new JsonObject().put("success", true));
  }

  private static boolean authorised(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 8) {
      error(ctx, 401, 190, "Invalid OAuth access token");
      return false;
    }
    return true;
  }

  private static String key(String name, String language) {
    return name + "|" + language;
  }

  private static int parse(String s, int fallback) {
    try {
      return s == null ? fallback : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void error(RoutingContext ctx, int status, int code, String message) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(new JsonObject()
        .put("error", new JsonObject().put("message", "(#" + code + ") " + message).put("type", "OAuthException")
            .put("code", code).put("fbtrace_id", "FakeTemplates")).encode());
  }
}
