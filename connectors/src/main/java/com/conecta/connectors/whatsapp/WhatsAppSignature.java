package com.conecta.connectors.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook security: {@code X-Hub-Signature-256} is HMAC-SHA256 of the raw body bytes keyed with the App
 * Secret, checked before any parsing (Meta escapes characters, so a re-serialised body would not match).
 */
public final class WhatsAppSignature {
  private WhatsAppSignature() {}

  public static String sign(String appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time check of the header against the body; false when the header is missing or malformed. */
  public static boolean verify(String appSecret, byte[] body, String header) {
    if (appSecret == null || appSecret.isEmpty() || header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] expected = sign(appSecret, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = header.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  /**
   * The check for one App Secret, made once: the keyed Mac is built here and copied for each thread that verifies,
   * instead of a provider lookup and a key schedule for every webhook. Thread-safe.
   */
  public static final class Verifier {
    private static final int HMAC_BYTES = 32;
    private final boolean configured;
    private final ThreadLocal<Mac> macs;

    public Verifier(String appSecret) {
      this.configured = appSecret != null && !appSecret.isEmpty();
      Mac prototype = configured ? keyed(appSecret) : null;
      this.macs = ThreadLocal.withInitial(() -> copy(prototype));
    }

    /** Constant-time check of the header against the body; false when the header is missing or malformed. */
    public boolean verify(byte[] body, String header) {
      if (!configured || header == null) {
        return false;
      }
      String hex = header.trim();
      if (!hex.startsWith("sha256=") || hex.length() != "sha256=".length() + 2 * HMAC_BYTES) {
        return false;
      }
      byte[] given;
      try {
        given = HexFormat.of().parseHex(hex, "sha256=".length(), hex.length());
      } catch (IllegalArgumentException e) {
        return false;
      }
      Mac mac = macs.get();
      return MessageDigest.isEqual(mac.doFinal(body), given);
    }

    private static Mac keyed(String appSecret) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac;
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Mac copy(Mac prototype) {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("HmacSHA256 cannot be copied", e);
      }
    }
  }

  /** The verification handshake: the challenge to echo when mode and token match, else empty. */
  public static Optional<String> handshake(String mode, String token, String challenge, String expectedToken) {
    if (!"subscribe".equals(mode) || token == null || challenge == null || expectedToken == null || expectedToken.isEmpty()) {
      return Optional.empty();
    }
    boolean same = MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
        expectedToken.getBytes(StandardCharsets.UTF_8));
    return same ? Optional.of(challenge) : Optional.empty();
  }
}
