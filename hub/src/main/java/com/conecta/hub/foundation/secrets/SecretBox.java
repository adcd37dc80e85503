package com.conecta.hub.foundation.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets kept in the database with AES-256-GCM: {@code enc:v1:<key id>:<base64 of nonce + ciphertext + tag>}.
 * New values are sealed with the current key; values sealed with a previous key (named in configuration while a
 * rotation runs) still open, and a value stored before encryption existed (no {@code enc:} prefix) opens as itself,
 * so that turning encryption on needs no migration step before the rotation command re-seals it.
 */
public final class SecretBox {
  private static final String PREFIX = "enc:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final String currentId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  /** @param current the key new values are sealed with (32 bytes); {@code previous} only open old values */
  public SecretBox(byte[] current, List<byte[]> previous) {
    this.currentId = keyId(current);
    keys.put(currentId, spec(current));
    previous.forEach(k -> keys.putIfAbsent(keyId(k), spec(k)));
  }

  private static SecretKeySpec spec(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a secrets key is 32 bytes (256 bits), this one has " + key.length);
    }
    return new SecretKeySpec(key, "AES");
  }

  /** Names a key without revealing it: the first 8 hex digits of its SHA-256. */
  static String keyId(byte[] key) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key);
      return java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String seal(String plain) {
    if (plain == null) {
      return null;
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      // The key id is authenticated too, so a value cannot be passed off as sealed by another key.
      c.updateAAD(currentId.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  public String open(String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return stored;
    }
    String rest = stored.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String id = colon < 0 ? "" : rest.substring(0, colon);
    SecretKeySpec key = keys.get(id);
    if (key == null) {
      throw new IllegalStateException("a secret is sealed with key " + id + ", which is not configured"
          + " (secrets.key or secrets.previous-keys)");
    }
    try {
      byte[] all = Base64.getDecoder().decode(rest.substring(colon + 1));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      c.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
      return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a sealed secret does not open with key " + id + " (altered?)", e);
    }
  }

  /** Whether a stored value needs re-sealing with the current key (plain, or sealed with another key). */
  public boolean stale(String stored) {
    return stored != null && !stored.startsWith(PREFIX + currentId + ":");
  }
}
