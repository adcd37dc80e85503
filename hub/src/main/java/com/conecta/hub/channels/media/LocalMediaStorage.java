package com.conecta.hub.channels.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Media in a folder under {@code data.dir/media}; keys are random hex, so no caller-given name touches the disk. */
public final class LocalMediaStorage implements MediaStorage {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
  private final Vertx vertx;
  private final Path root;
  private final SecureRandom random = new SecureRandom();

  public LocalMediaStorage(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root;
  }

  @Override
  public Future<String> put(Buffer bytes, String mimeType) {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    String key = HexFormat.of().formatHex(raw);
    Path dir = root.resolve(key.substring(0, 2));
    return vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.fileSystem().writeFile(dir.resolve(key).toString(), bytes))
        .map(key);
  }

  @Override
  public Future<Buffer> get(String key) {
    if (!KEY.matcher(key).matches()) {
      return Future.failedFuture(new IllegalArgumentException("not a media key"));
    }
    return vertx.fileSystem().readFile(root.resolve(key.substring(0, 2)).resolve(key).toString());
  }

  @Override
  public Future<Void> delete(String key) {
    if (!KEY.matcher(key).matches()) {
      return Future.failedFuture(new IllegalArgumentException("not a media key"));
    }
    String file = root.resolve(key.substring(0, 2)).resolve(key).toString();
    return vertx.fileSystem().exists(file).compose(there -> there ? vertx.fileSystem().delete(file) : Future.succeededFuture());
  }
}
