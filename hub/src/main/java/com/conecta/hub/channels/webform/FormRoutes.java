package com.conecta.hub.channels.webform;

import com.conecta.connectors.webform.FormDefinition;
import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.ClientAddress;
import com.conecta.hub.foundation.web.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /forms/{formKey}} (HTML form post → redirect, JSON → JSON), {@code GET /forms/{key}/definition} and the
 * embeddable {@code /forms/embed.js}. CORS only for the form's site origins; a per-IP limit answers 429.
 */
public final class FormRoutes {
  private final FormService forms;
  private final RedisLink redis;
  private final Map<String, long[]> localCounts = new java.util.concurrent.ConcurrentHashMap<>();
  private final Buffer embedScript;

  private final int perIpPerMinute;

  public FormRoutes(FormService forms, RedisLink redis, int perIpPerMinute) {
    this.perIpPerMinute = perIpPerMinute;
    this.forms = forms;
    this.redis = redis;
    try (InputStream in = FormRoutes.class.getClassLoader().getResourceAsStream("webform/embed.js")) {
      this.embedScript = in == null ? Buffer.buffer("/* embed.js missing */") : Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void register(Router router) {
    router.get("/forms/embed.js").handler(ctx -> ctx.response().putHeader("content-type", "text/javascript; charset=utf-8")
        .putHeader("cache-control", "public, max-age=300").putHeader("access-control-allow-origin", "*").end(embedScript));
    router.route("/forms/:formKey*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.options("/forms/:formKey").handler(ctx -> cors(ctx, forms.form(ctx.pathParam("formKey")))
        .onSuccess(v -> ctx.response().putHeader("access-control-allow-methods", "POST")
            .putHeader("access-control-allow-headers", "content-type").setStatusCode(204).end())
        .onFailure(ctx::fail));
    router.get("/forms/:formKey/definition").handler(ctx -> {
      FormDefinition f = forms.form(ctx.pathParam("formKey"));
      cors(ctx, f).onSuccess(v -> ctx.json(forms.definition(f))).onFailure(ctx::fail);
    });
    router.post("/forms/:formKey").handler(this::submit);
    router.route("/forms/*").failureHandler(ErrorResponses::handle);
  }

  private void submit(RoutingContext ctx) {
    FormDefinition f = forms.form(ctx.pathParam("formKey"));
    String contentType = String.valueOf(ctx.request().getHeader("content-type")).toLowerCase();
    boolean json = contentType.startsWith("application/json");
    Map<String, String> input = new LinkedHashMap<>();
    if (json) {
      JsonObject body;
      try {
        body = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        throw ApiError.badRequest("malformed_json", "the body is not valid JSON", null);
      }
      if (body == null) {
        throw ApiError.badRequest("empty_body", "a JSON object body is required", null);
      }
      body.forEach(e -> {
        if (e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean) {
          input.put(e.getKey(), String.valueOf(e.getValue()));
        } else if (e.getValue() != null) {
          throw ApiError.invalid(e.getKey(), "'" + e.getKey() + "' must be text");
        }
      });
    } else {
      ctx.request().formAttributes().forEach(e -> input.put(e.getKey(), e.getValue()));
    }
    String language = "en".equals(input.get("lang")) ? "en" : "es";
    String ip = ClientAddress.of(ctx);
    cors(ctx, f)
        .compose(v -> allowed(ip))
        .compose(v -> forms.submit(f, input, input.remove("idempotencyKey"), language))
        .onSuccess(answer -> {
          if (json) {
            ctx.response().setStatusCode(201).putHeader("content-type", "application/json").end(answer.encode());
          } else {
            String target = answer.getString("thankYouUrl") != null ? answer.getString("thankYouUrl") : "/";
            ctx.response().setStatusCode(303).putHeader("location", target).end();
          }
        })
        .onFailure(ctx::fail);
  }

  /** Browsers may post only from the form's own sites; other callers (curl, servers) send no Origin. */
  private static Future<Void> cors(RoutingContext ctx, FormDefinition f) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) {
      return Future.succeededFuture();
    }
    if (!f.allowedOrigins().contains(origin)) {
      return Future.failedFuture(new ApiError(403, "origin_not_allowed", "this form does not accept posts from " + origin, null));
    }
    ctx.response().putHeader("access-control-allow-origin", origin).putHeader("vary", "Origin");
    return Future.succeededFuture();
  }

  /** At most {@code forms.per-ip-per-minute} submissions per IP and minute, counted in Redis (this node when Redis is away). */
  private Future<Void> allowed(String ip) {
    long minute = System.currentTimeMillis() / 60_000;
    String key = redis.key("forms:" + ip + ":" + minute);
    Future<Long> count = redis.configured()
        ? redis.api().compose(api -> api.incr(key).compose(n -> api.expire(List.of(key, "120")).map(n.toLong())))
        : Future.failedFuture("no redis");
    return count.recover(e -> Future.succeededFuture(local(ip, minute))).compose(n -> {
      if (n > perIpPerMinute) {
        long retry = 60 - (System.currentTimeMillis() / 1000) % 60;
        return Future.failedFuture(new ApiError(429, "too_many_submissions",
            "too many submissions from this address; try again in " + retry + " s", null));
      }
      return Future.succeededFuture();
    });
  }

  private long local(String ip, long minute) {
    long[] c = localCounts.compute(ip, (k, v) -> v == null || v[0] != minute ? new long[] {minute, 0} : v);
    synchronized (c) {
      return ++c[1];
    }
  }
}
