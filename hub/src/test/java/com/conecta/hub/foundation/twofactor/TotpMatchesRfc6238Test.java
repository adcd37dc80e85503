package com.conecta.hub.foundation.twofactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TOTP codes are the ones RFC 6238 lists")
class TotpMatchesRfc6238Test {
  private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

  private static String at(long epochSecond, byte[] key, String hmac) {
    return Totp.code(key, Totp.step(Instant.ofEpochSecond(epochSecond)), 8, hmac);
  }

  @Test
  @DisplayName("the appendix B test vectors (SHA-1 and SHA-256, 8 digits) come out digit for digit")
  void appendixB() {
    assertEquals("94287082", at(59, SHA1_KEY, "HmacSHA1"));
    assertEquals("07081804", at(1111111109, SHA1_KEY, "HmacSHA1"));
    assertEquals("14050471", at(1111111111, SHA1_KEY, "HmacSHA1"));
    assertEquals("89005924", at(1234567890, SHA1_KEY, "HmacSHA1"));
    assertEquals("69279037", at(2000000000, SHA1_KEY, "HmacSHA1"));
    assertEquals("65353130", at(20000000000L, SHA1_KEY, "HmacSHA1"));
    assertEquals("46119246", at(59, SHA256_KEY, "HmacSHA256"));
    assertEquals("91819424", at(1234567890, SHA256_KEY, "HmacSHA256"));
  }

  @Test
  @DisplayName("Base32 secrets round-trip, and a code is accepted one step either side of now but not two")
  void windowAndBase32() {
    String secret = Totp.newSecret();
    assertEquals(32, secret.length());
    assertEquals(secret, Totp.base32(Totp.fromBase32(secret)));
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    long step = Totp.step(now);
    assertEquals(step - 1, Totp.matchingStep(secret, Totp.code(secret, step - 1), now));
    assertEquals(step + 1, Totp.matchingStep(secret, Totp.code(secret, step + 1), now));
    assertEquals(-1, Totp.matchingStep(secret, Totp.code(secret, step + 2), now));
    assertEquals(-1, Totp.matchingStep(secret, "12a456", now));
    assertTrue(Totp.otpauthUri("Conecta", "ana@demo.conecta.cl", secret)
        .startsWith("otpauth://totp/Conecta:ana%40demo.conecta.cl?secret=" + secret + "&issuer=Conecta"));
  }
}
