package com.conecta.hub.media;

import com.conecta.hub.auth.Access;
import com.conecta.hub.web.RouteTable;

/** {@code GET /api/v1/media/{key}}: a stored file, for signed-in users who may see its inbox. */
public final class MediaRoutes {
  private final MediaService media;

  public MediaRoutes(MediaService media) {
    this.media = media;
  }

  public void register(RouteTable routes) {
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
