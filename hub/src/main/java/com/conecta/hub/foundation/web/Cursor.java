package com.conecta.hub.foundation.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset-pagination cursors: a sort key and an id, base64url-encoded. */
public record Cursor(long sortKey, long id) {

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((sortKey + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  public static Cursor decode(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII).split(":");
      return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    } catch (RuntimeException e) {
      throw ApiError.badRequest("invalid_cursor", "the cursor is not one this API gave out", "cursor");
    }
  }
}
