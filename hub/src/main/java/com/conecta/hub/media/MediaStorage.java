package com.conecta.hub.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Where received and sent files live. The local folder is the default; an object store can take its place. */
public interface MediaStorage {
  /** Stores the bytes and answers the key to find them again. */
  Future<String> put(Buffer bytes, String mimeType);

  Future<Buffer> get(String key);
}
