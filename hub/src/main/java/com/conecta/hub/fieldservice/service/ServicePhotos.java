package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.channels.media.MediaService;
import com.conecta.hub.channels.media.MediaStorage;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Before and after photos of a visit, taken with the technician's phone and checked by their first bytes. */
public record ServicePhotos(ServiceAccess access, MediaStorage media, long maxBytes) {
  private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/heic");
  private static final int MAX_PHOTOS = 40;

  public record Photo(String mimeType, String fileName, Buffer bytes) {}

  public Future<JsonObject> addPhoto(Principal p, long id, String phase, Buffer bytes, String mimeType, String fileName) {
    if (!Set.of("before", "after").contains(phase)) {
      throw ApiError.badRequest("invalid_parameter", "'phase' must be before or after", "phase");
    }
    if (bytes.length() > maxBytes) {
      throw new ApiError(413, "photo_too_large", "a photo is at most " + maxBytes + " bytes", "photo");
    }
    String mime = mimeType == null ? "" : mimeType.toLowerCase().split(";")[0].trim();
    if (!PHOTO_TYPES.contains(mime) || !looksLike(mime, bytes)) {
      throw new ApiError(415, "unsupported_photo", "a photo is a JPEG, PNG, WebP or HEIC image", "photo");
    }
    ServiceStore store = access.store();
    return access.visible(p, id).compose(r -> {
      if (Set.of("invoiced", "cancelled").contains(r.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
            + " request takes no more photos"));
      }
      return store.photoCount(id);
    }).compose(n -> n >= MAX_PHOTOS ? Future.failedFuture(ApiError.conflict("too_many_photos",
            "a request keeps at most " + MAX_PHOTOS + " photos"))
        : media.put(bytes, mime).compose(key -> store.insertPhoto(id, phase, key, mime, bytes.length(),
            MediaService.safeName(fileName), p.userId())));
  }

  public Future<Photo> photo(Principal p, long id, long photoId) {
    return access.visible(p, id).compose(r -> access.store().photo(id, photoId)).compose(ph -> ph == null
        ? Future.failedFuture(ApiError.notFound("photo " + photoId))
        : media.get(ph.getString("storageKey")).map(bytes -> new Photo(ph.getString("mimeType"), ph.getString("fileName"),
            bytes)));
  }

  /** The first bytes must agree with the declared type (a phone browser's type is trusted no further). */
  private static boolean looksLike(String mime, Buffer b) {
    if (b.length() < 12) {
      return false;
    }
    return switch (mime) {
      case "image/jpeg" -> (b.getByte(0) & 0xff) == 0xFF && (b.getByte(1) & 0xff) == 0xD8 && (b.getByte(2) & 0xff) == 0xFF;
      case "image/png" -> (b.getByte(0) & 0xff) == 0x89 && b.getByte(1) == 'P' && b.getByte(2) == 'N' && b.getByte(3) == 'G';
      case "image/webp" -> b.getString(0, 4).equals("RIFF") && b.getString(8, 12).equals("WEBP");
      case "image/heic" -> b.getString(4, 8).equals("ftyp");
      default -> false;
    };
  }
}
