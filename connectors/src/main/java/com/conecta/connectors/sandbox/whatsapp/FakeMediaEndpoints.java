package com.conecta.connectors.sandbox.whatsapp;

import static com.conecta.connectors.sandbox.whatsapp.GraphErrors.error;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The fake Graph API's media: uploads, a media id's information with its download URL, and the download itself
 * (which, as Meta's, wants the access token).
 */
final class FakeMediaEndpoints {
  private final Map<String, Buffer> media = new ConcurrentHashMap<>();
  private final Supplier<String> ids;
  private final Supplier<String> baseUrl;

  /** ids: a new media id at each upload; baseUrl: where the fake answers, for download URLs. */
  FakeMediaEndpoints(Supplier<String> ids, Supplier<String> baseUrl) {
    this.ids = ids;
    this.baseUrl = baseUrl;
  }

  /** After the send route: GET /:version/:mediaId would otherwise take paths other routes answer. */
  void register(Router router) {
    router.post("/:version/:phoneNumberId/media").handler(this::upload);
    router.get("/media-download/:mediaId").handler(this::download);
    router.get("/:version/:mediaId").handler(this::mediaInfo);
  }

  void put(String mediaId, Buffer bytes) {
    media.put(mediaId, bytes);
  }

  private void upload(RoutingContext ctx) {
    String id = ids.get();
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    media.put(id, Buffer.buffer(bytes));
    ctx.json(new JsonObject().put("id", id));
  }

  private void mediaInfo(RoutingContext ctx) {
    String id = ctx.pathParam("mediaId");
    Buffer bytes = media.get(id);
    if (bytes == null) {
      error(ctx, 404, 100, "Unsupported get request");
      return;
    }
    ctx.json(new JsonObject().put("messaging_product", "whatsapp").put("id", id).put("mime_type", "image/png")
        .put("sha256", "").put("file_size", bytes.length()).put("url", baseUrl.get() + "/media-download/" + id));
  }

  private void download(RoutingContext ctx) {
    Buffer bytes = media.get(ctx.pathParam("mediaId"));
    String auth = ctx.request().getHeader("Authorization");
    if (bytes == null || auth == null || !auth.startsWith("Bearer ")) {
      ctx.response().setStatusCode(bytes == null ? 404 : 401).end();
      return;
    }
    ctx.response().putHeader("content-type", "image/png").end(bytes);
  }
}
