package com.conecta.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real provider payloads in ../shared/fixtures (see its SOURCES.md), read as the exact bytes. */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    Path configured = Path.of(System.getProperty("conecta.shared.dir", "../../shared"), "fixtures");
    if (Files.isDirectory(configured)) {
      return configured;
    }
    Path beside = Path.of("..", "..", "shared", "fixtures");
    if (Files.isDirectory(beside)) {
      return beside;
    }
    throw new IllegalStateException("the shared fixtures are not beside the project (looked in " + configured.toAbsolutePath()
        + ")");
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(root().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> list(String folder) {
    try (Stream<Path> files = Files.list(root().resolve(folder))) {
      return files.map(p -> folder + "/" + p.getFileName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
