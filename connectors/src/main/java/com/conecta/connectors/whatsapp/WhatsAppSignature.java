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
