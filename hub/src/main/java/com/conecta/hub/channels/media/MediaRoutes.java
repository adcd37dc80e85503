package com.conecta.hub.channels.media;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.RouteTable;

/** {@code GET /api/v1/media/{key}}: a stored file, for signed-in users who may see its inbox. */
public record MediaRoutes(
    MediaService media,
    com.conecta.hub.messaging.conversation.ConversationService conversations) {
  public static final String UPLOAD_PATH = "/api/v1/conversations/:conversationId/attachments";

  public void register(RouteTable routes) {
    routes.post(UPLOAD_PATH, Access.INBOX, (ctx, p) -> {
      var uploads = ctx.fileUploads();
      if (uploads.size() != 1) {
        throw com.conecta.hub.foundation.web.ApiError.missing("file");
      }
      var file = uploads.get(0);
      if (file.fileName() != null && !file.fileName().isEmpty() && !MediaService.isPlainFileName(file.fileName())) {
        throw com.conecta.hub.foundation.web.ApiError.invalid("file", "a file name is a plain name without folders or '..'");
      }
      return conversations.visible(p, com.conecta.hub.foundation.web.Query.pathId(ctx, "conversationId"))
          .compose(c -> ctx.vertx().fileSystem().readFile(file.uploadedFileName())
              .compose(bytes -> media.save(c.getLong("inboxId"), bytes, file.contentType(), file.fileName(), null)
                  .map(key -> new io.vertx.core.json.JsonObject().put("storageKey", key).put("mimeType", file.contentType())
                      .put("fileName", MediaService.safeName(file.fileName())).put("sizeBytes", bytes.length()))))
          .onSuccess(j -> com.conecta.hub.foundation.web.Responses.created(ctx, j));
    });
    routes.get("/api/v1/media/:key", Access.INBOX, (ctx, p) -> media.open(p, ctx.pathParam("key")).onSuccess(d -> {
      String mime = d.file().mimeType() == null ? "application/octet-stream" : d.file().mimeType();
      boolean inline = mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/");
      String name = d.file().fileName() == null ? "archivo" : d.file().fileName();
      ctx.response().putHeader("content-type", inline ? mime : "application/octet-stream")
          .putHeader("content-disposition", (inline ? "inline" : "attachment") + "; filename=\""
              + name.replaceAll("[^\\w.\\- ]", "_") + "\"")
          .putHeader("cache-control", "private, max-age=3600")
          .end(d.bytes());
    }));
  }
}
