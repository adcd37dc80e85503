package com.conecta.hub.foundation.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (Bouncy Castle's implementation) in the PHC string format, with OWASP's minimum
 * parameters (19 MiB, 2 passes). CPU-heavy: call from a worker thread. A hash keeps its own parameters, so a change
 * of cost applies to new hashes while old ones still verify.
 */
public final class PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;
  private final SecureRandom random = new SecureRandom();
  private final int memoryKib;
  private final int iterations;

  /** OWASP's minimum cost: what every node uses unless a sandbox asks for less. */
  public PasswordHasher() {
    this(MEMORY_KIB, ITERATIONS);
  }

  private PasswordHasher(int memoryKib, int iterations) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
  }

  /**
   * The hasher of {@code auth.password-hash.memory-kib} and {@code auth.password-hash.iterations}. A cost below
   * OWASP's minimum is taken only in sandbox mode (test hubs seed and sign in dozens of users, each hash some tens of
   * milliseconds of CPU); a production node refuses to start with it.
   */
  public static PasswordHasher from(com.conecta.hub.foundation.config.HubConfig config) {
    com.conecta.hub.foundation.config.ConfigReader r = new com.conecta.hub.foundation.config.ConfigReader(config.raw());
    int memory = r.intInRange("auth.password-hash.memory-kib", MEMORY_KIB, 8, 4 * 1024 * 1024);
    int passes = r.intInRange("auth.password-hash.iterations", ITERATIONS, 1, 100);
    if (!config.sandbox().enabled() && (memory < MEMORY_KIB || passes < ITERATIONS)) {
      throw new com.conecta.hub.foundation.config.ConfigException(memory < MEMORY_KIB ? "auth.password-hash.memory-kib"
          : "auth.password-hash.iterations", "is below OWASP's minimum (19456 KiB, 2 passes), allowed in sandbox mode only");
    }
    return new PasswordHasher(memory, passes);
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, iterations, PARALLELISM, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + PARALLELISM + "$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
  }

  public boolean verify(String password, String phc) {
    if (password == null || phc == null || !phc.startsWith("$argon2id$")) {
      return false;
    }
    try {
      String[] parts = phc.split("\\$");
      String[] params = parts[3].split(",");
      int m = Integer.parseInt(params[0].substring(2));
      int t = Integer.parseInt(params[1].substring(2));
      int p = Integer.parseInt(params[2].substring(2));
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] salt = b64.decode(parts[4]);
      byte[] expected = b64.decode(parts[5]);
      return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
