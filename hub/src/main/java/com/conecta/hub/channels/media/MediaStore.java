package com.conecta.hub.channels.media;

import com.conecta.hub.foundation.platform.FirstRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** SQL for the index of stored files: which inbox a file belongs to decides who may fetch it. */
public record MediaStore(Pool pool) {
  private static final String INSERT = """
      insert into media_files (key, inbox_id, mime_type, file_name, size_bytes, sha256) values ($1, $2, $3, $4, $5, $6)""";
  private static final String BY_KEY = "select key, inbox_id, mime_type, file_name, size_bytes from media_files where key = $1";

  private static final String SET_ATTACHMENTS = "update messages set attachments = $2 where id = $1";

  public Future<Void> setAttachments(long messageId, io.vertx.core.json.JsonArray attachments) {
    return pool.preparedQuery(SET_ATTACHMENTS).execute(Tuple.of(messageId, attachments)).mapEmpty();
  }

  public record MediaFile(String key, long inboxId, String mimeType, String fileName, long size) {}

  public Future<Void> insert(String key, long inboxId, String mime, String fileName, long size, String sha256) {
    return pool.preparedQuery(INSERT).execute(Tuple.tuple().addString(key).addLong(inboxId).addString(mime)
        .addString(fileName).addLong(size).addString(sha256)).mapEmpty();
  }

  public Future<MediaFile> byKey(String key) {
    return pool.preparedQuery(BY_KEY).execute(Tuple.of(key))
        .map(rows -> FirstRow.orNull(rows, r -> new MediaFile(r.getString("key"), r.getLong("inbox_id"),
            r.getString("mime_type"), r.getString("file_name"), r.getLong("size_bytes"))));
  }
}
