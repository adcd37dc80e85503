package com.conecta.hub.foundation.secrets;

import com.conecta.hub.foundation.config.ConfigException;
import com.conecta.hub.foundation.config.ConfigReader;
import com.conecta.hub.foundation.config.HubConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the secrets key comes from: {@code secrets.key} ({@code CONECTA_SECRETS_KEY}, base64 of 32 bytes), with
 * {@code secrets.previous-keys} (comma-separated) still able to open values while a rotation runs. Without a key, one
 * is generated once into {@code data.dir/secrets.key} (owner-only), which is how the sandbox works with nothing set;
 * outside the sandbox that is said at start, since the key then sits beside the data it protects.
 */
public final class SecretKeys {
  private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);
  static final String FILE = "secrets.key";

  private SecretKeys() {}

  /** Reads (or, the first time, writes) a few bytes on disk: call it at start only. */
  public static SecretBox load(HubConfig config) {
    ConfigReader r = new ConfigReader(config.raw());
    String configured = r.string("secrets.key", "").trim();
    List<byte[]> previous = new ArrayList<>();
    for (String p : r.string("secrets.previous-keys", "").split(",")) {
      if (!p.isBlank()) {
        previous.add(decode("secrets.previous-keys", p.trim()));
      }
    }
    byte[] current = !configured.isEmpty() ? decode("secrets.key", configured) : fromDataDir(config);
    if (configured.isEmpty() && !config.sandbox().enabled()) {
      log.warn("secrets.key is not set: secrets are sealed with the key in {}; set CONECTA_SECRETS_KEY to keep the key"
          + " away from the data", config.dataDir().resolve(FILE));
    }
    return new SecretBox(current, previous);
  }

  private static byte[] decode(String key, String value) {
    try {
      byte[] bytes = Base64.getDecoder().decode(value);
      if (bytes.length != 32) {
        throw new ConfigException(key, "must be the base64 of 32 random bytes (openssl rand -base64 32), was "
            + bytes.length + " bytes");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "must be base64 (openssl rand -base64 32)");
    }
  }

  private static byte[] fromDataDir(HubConfig config) {
    Path file = config.dataDir().resolve(FILE);
    try {
      if (Files.exists(file)) {
        return decode(file.toString(), Files.readString(file, StandardCharsets.US_ASCII).trim());
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.createDirectories(file.getParent());
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        log.debug("{} keeps the file system's default permissions", file);
      }
      log.info("secrets: a new key was generated into {}", file);
      return key;
    } catch (IOException e) {
      throw new IllegalStateException("the secrets key file " + file + " cannot be read or written: " + e.getMessage(), e);
    }
  }
}
