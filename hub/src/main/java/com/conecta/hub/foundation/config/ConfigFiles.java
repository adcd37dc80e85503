package com.conecta.hub.foundation.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The YAML files under {@code config/} that features read at start (catalogue, forms, sales, reminders): the copy on
 * disk when there is one, so an installation edits its own, else the default the jar carries.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** Opens {@code file} (a path such as {@code config/sales.yaml}) from the working directory, else from the jar. */
  public static InputStream open(String file) throws IOException {
    Path disk = Path.of(file);
    if (Files.exists(disk)) {
      return Files.newInputStream(disk);
    }
    InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(file);
    if (in == null) {
      throw new IOException(file + " is missing");
    }
    return in;
  }
}
