package com.conecta.connectors.whatsapp.templates;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The message templates of a WhatsApp Business Account through Meta's Graph API (WhatsApp Business Management API):
 * list them ({@code GET /{version}/{waba-id}/message_templates}, page after page), submit one ({@code POST}, answered
 * with its id, status and category) and delete one by name ({@code DELETE ?name=}, every language of it). A refusal
 * fails the Future with a {@link GraphApiException} carrying Meta's code and message.
 */
public final class WhatsAppTemplatesClient {
  static final String FIELDS = "id,name,language,category,status,components,rejected_reason";
  /** Pages followed at most in one listing (100 each): a WABA has at most a few thousand templates. */
  private static final int MAX_PAGES = 100;
  private final WebClient client;
  private final String baseUrl;
  private final String version;
  private final long timeoutMs;

  public WhatsAppTemplatesClient(WebClient client, String graphBaseUrl, String apiVersion, long timeoutMs) {
    this.client = client;
    this.baseUrl = graphBaseUrl.endsWith("/") ? graphBaseUrl.substring(0, graphBaseUrl.length() - 1) : graphBaseUrl;
    this.version = apiVersion;
    this.timeoutMs = timeoutMs;
  }

  /** Every template of the account, as Meta describes them (name, language, category, status, components, id). */
  public Future<List<JsonObject>> list(String wabaId, String token) {
    return page(wabaId, token, null, new ArrayList<>(), 0);
  }

  private Future<List<JsonObject>> page(String wabaId, String token, String after, List<JsonObject> into, int pages) {
    HttpRequest<Buffer> req = client.getAbs(url(wabaId)).bearerTokenAuthentication(token).timeout(timeoutMs)
        .addQueryParam("fields", FIELDS).addQueryParam("limit", "100");
    if (after != null) {
      req.addQueryParam("after", after);
    }
    return req.send().compose(res -> {
      JsonObject body = answer(res);
      JsonArray data = body.getJsonArray("data", new JsonArray());
      data.forEach(o -> {
        if (o instanceof JsonObject t) {
          into.add(t);
        }
      });
      JsonObject paging = body.getJsonObject("paging");
      String next = paging == null || paging.getString("next") == null || paging.getJsonObject("cursors") == null
          ? null : paging.getJsonObject("cursors").getString("after");
      // Followed by its cursor on our own base URL rather than by the "next" address, so the token only ever goes
      // where the configuration says.
      return next == null || data.isEmpty() || pages + 1 >= MAX_PAGES ? Future.succeededFuture(into)
          : page(wabaId, token, next, into, pages + 1);
    });
  }

  /** Submits a template for review; answers Meta's {@code {id, status, category}}. */
  public Future<JsonObject> create(String wabaId, String token, JsonObject definition) {
    return client.postAbs(url(wabaId)).bearerTokenAuthentication(token).timeout(timeoutMs).sendJsonObject(definition)
        .map(WhatsAppTemplatesClient::answer);
  }

  /** Deletes every language of the named template. */
  public Future<Void> delete(String wabaId, String token, String name) {
    return client.deleteAbs(url(wabaId)).bearerTokenAuthentication(token).timeout(timeoutMs).addQueryParam("name", name)
        .send().map(WhatsAppTemplatesClient::answer).mapEmpty();
  }

  private String url(String wabaId) {
    return baseUrl + "/" + version + "/" + wabaId + "/message_templates";
  }

  private static JsonObject answer(HttpResponse<Buffer> res) {
    JsonObject body;
    try {
      body = res.body() == null ? new JsonObject() : res.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (res.statusCode() / 100 == 2 && body != null) {
      return body;
    }
    JsonObject error = body == null ? null : body.getJsonObject("error");
    int code = error == null ? 0 : error.getInteger("code", 0);
    String message = error == null ? "HTTP " + res.statusCode()
        : error.getString("error_user_msg", error.getString("message", "HTTP " + res.statusCode()));
    throw new GraphApiException(res.statusCode(), code, message);
  }
}
