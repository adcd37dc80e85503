package com.conecta.hub.channels.media;

import com.conecta.hub.messaging.inbox.FileNames;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Storing files that arrive or leave with messages, and handing them only to those who may see the inbox. */
public record MediaService(MediaStorage storage, MediaStore store, long maxBytes) {
  public Future<String> save(long inboxId, Buffer bytes, String mimeType, String fileName, String sha256) {
    if (bytes.length() > maxBytes) {
      return Future.failedFuture(new ApiError(413, "media_too_large", "the file is larger than " + maxBytes + " bytes", null));
    }
    return storage.put(bytes, mimeType)
        .compose(key -> store.insert(key, inboxId, mimeType, safeName(fileName), bytes.length(), sha256).map(key));
  }

  /** Records where a message's files were stored. */
  public Future<Void> attach(long messageId, io.vertx.core.json.JsonArray attachments) {
    return store.setAttachments(messageId, attachments);
  }

  /** The bytes of a stored file (for sending it on a channel). */
  public Future<Buffer> bytes(String key) {
    return storage.get(key);
  }

  /** A file of this inbox, or a 422 naming the field: nobody attaches another inbox's files. */
  public Future<MediaStore.MediaFile> ofInbox(String key, long inboxId, String field) {
    return store.byKey(key).compose(f -> f == null || f.inboxId() != inboxId
        ? Future.failedFuture(ApiError.invalid(field, "no uploaded file '" + key + "' in this conversation's inbox"))
        : Future.succeededFuture(f));
  }

  /** Resolves {"storageKey"} entries into attachments of the inbox (kind from the file's type). */
  public Future<io.vertx.core.json.JsonArray> resolve(long inboxId, io.vertx.core.json.JsonArray requested) {
    if (requested == null || requested.isEmpty()) {
      return Future.succeededFuture(new io.vertx.core.json.JsonArray());
    }
    if (requested.size() > 1) {
      return Future.failedFuture(ApiError.invalid("attachments", "one file per message, as WhatsApp sends them"));
    }
    if (!(requested.getValue(0) instanceof io.vertx.core.json.JsonObject a) || a.getString("storageKey") == null) {
      return Future.failedFuture(ApiError.invalid("attachments", "an attachment is {\"storageKey\"} from an upload"));
    }
    return ofInbox(a.getString("storageKey"), inboxId, "attachments").map(f -> {
      String mime = f.mimeType() == null ? "application/octet-stream" : f.mimeType();
      String kind = mime.startsWith("image/") ? "image" : mime.startsWith("video/") ? "video"
          : mime.startsWith("audio/") ? "audio" : "document";
      return new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject().put("kind", kind)
          .put("mimeType", mime).put("fileName", f.fileName()).put("sizeBytes", f.size()).put("storageKey", f.key())
          .put("caption", a.getString("caption")));
    });
  }

  public record Download(MediaStore.MediaFile file, Buffer bytes) {}

  public Future<Download> open(Principal p, String key) {
    return store.byKey(key).compose(f -> {
      if (f == null || !p.canSeeInbox(f.inboxId())) {
        return Future.failedFuture(ApiError.notFound("file"));
      }
      return storage.get(key).map(b -> new Download(f, b));
    });
  }

  /** Whether a caller-given file name is a plain name (see {@link FileNames#isPlain}). */
  public static boolean isPlainFileName(String name) {
    return FileNames.isPlain(name);
  }

  /** A display name with no path and no control characters (names come from customers). */

  public static String safeName(String name) {
    if (name == null) {
      return null;
    }
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").trim();
    if (base.isEmpty() || base.equals(".") || base.equals("..")) {
      return "archivo";
    }
    return base.length() > 200 ? base.substring(0, 200) : base;
  }
}
