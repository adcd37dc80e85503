package com.conecta.bots.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import opennlp.tools.doccat.DoccatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained intent models kept on disk, one file per corpus and training settings (named by a hash of both), so that a
 * node or a test hub that starts again on the same corpus reads the model in milliseconds instead of training it for
 * a second or two. A changed corpus has another hash and is trained afresh; an unreadable file is trained over.
 */
public final class IntentModelCache {
  private static final Logger log = LoggerFactory.getLogger(IntentModelCache.class);

  /** No cache: every start trains. */
  public static final IntentModelCache NONE = new IntentModelCache(null);

  private final Path dir;

  private IntentModelCache(Path dir) {
    this.dir = dir;
  }

  /** A cache in {@code dir} (made when first written). */
  public static IntentModelCache in(Path dir) {
    return new IntentModelCache(dir);
  }

  DoccatModel modelFor(IntentCorpus corpus, String settings, Supplier<DoccatModel> training) {
    if (dir == null) {
      return training.get();
    }
    Path file = dir.resolve("intents-" + key(corpus, settings) + ".bin");
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        return new DoccatModel(in);
      } catch (IOException | RuntimeException e) {
        log.warn("bot: cached intent model {} unreadable ({}); training again", file, e.toString());
      }
    }
    DoccatModel model = training.get();
    store(model, file);
    return model;
  }

  /** Written beside and moved into place, so that a node starting at the same time never reads half a file. */
  private static void store(DoccatModel model, Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "intents-", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        model.serialize(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // The model in memory is good; only the next start will train again.
      log.warn("bot: intent model not cached in {} ({})", file.getParent(), e.toString());
    }
  }

  static String key(IntentCorpus corpus, String settings) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(settings.getBytes(StandardCharsets.UTF_8));
      for (IntentCorpus.Example e : corpus.examples()) {
        digest.update((byte) 0);
        digest.update(e.intent().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 1);
        digest.update(e.text().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
