package com.conecta.hub.foundation.twofactor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) with the parameters every authenticator app
 * assumes: HMAC-SHA1, 30-second steps, 6 digits, secrets of 20 random bytes written in Base32.
 */
public final class Totp {
  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Totp() {}

  public static String newSecret() {
    byte[] key = new byte[20];
    RANDOM.nextBytes(key);
    return base32(key);
  }

  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The code for one time step, {@code digits} long, as RFC 4226 section 5.3 truncates it. */
  public static String code(byte[] key, long step, int digits, String hmac) {
    try {
      Mac mac = Mac.getInstance(hmac);
      mac.init(new SecretKeySpec(key, hmac));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
          | (h[offset + 3] & 0xff);
      int mod = (int) Math.pow(10, digits);
      return String.format("%0" + digits + "d", binary % mod);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String code(String base32Secret, long step) {
    return code(fromBase32(base32Secret), step, DIGITS, "HmacSHA1");
  }

  /**
   * The step within one step either side of {@code now} whose code matches (phones' clocks drift), or -1. Compared in
   * constant time so that timing says nothing about how close a guess was.
   */
  public static long matchingStep(String base32Secret, String code, Instant now) {
    if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return -1;
    }
    byte[] key = fromBase32(base32Secret);
    long current = step(now);
    long found = -1;
    for (long s = current - 1; s <= current + 1; s++) {
      if (MessageDigest.isEqual(code(key, s, DIGITS, "HmacSHA1").getBytes(), code.getBytes()) && found < 0) {
        found = s;
      }
    }
    return found;
  }

  /** What an authenticator app reads from the QR code (Google's Key Uri Format). */
  public static String otpauthUri(String issuer, String account, String base32Secret) {
    return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + base32Secret + "&issuer="
        + encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  static byte[] fromBase32(String s) {
    String clean = s.replace(" ", "").replace("=", "").toUpperCase();
    ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : clean.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not Base32");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }
}
