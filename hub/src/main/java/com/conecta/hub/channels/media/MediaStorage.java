package com.conecta.hub.channels.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Where received and sent files live. The local folder is the default; an object store can take its place. */
public interface MediaStorage {
  /** Stores the bytes and answers the key to find them again. */
  Future<String> put(Buffer bytes, String mimeType);

  Future<Buffer> get(String key);

  /** Removes the bytes (a contact's erasure); a key that is not there is not an error. */
  default Future<Void> delete(String key) {
    return Future.failedFuture(new UnsupportedOperationException("this storage cannot delete"));
  }
}
