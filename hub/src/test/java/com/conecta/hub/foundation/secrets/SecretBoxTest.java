package com.conecta.hub.foundation.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Secrets are sealed with AES-GCM and open only with a configured key")
class SecretBoxTest {
  private static byte[] key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  @Test
  @DisplayName("a sealed value does not contain the secret, differs each time, and opens to it")
  void sealAndOpen() {
    SecretBox box = new SecretBox(key(), List.of());
    String a = box.seal("EAAG-token-de-whatsapp");
    String b = box.seal("EAAG-token-de-whatsapp");
    assertTrue(a.startsWith("enc:v1:"), a);
    assertFalse(a.contains("EAAG"));
    assertNotEquals(a, b, "a fresh nonce every time");
    assertEquals("EAAG-token-de-whatsapp", box.open(a));
    assertEquals("stored-before-encryption", box.open("stored-before-encryption"));
    assertTrue(box.stale("stored-before-encryption"));
    assertFalse(box.stale(a));
  }

  @Test
  @DisplayName("after a rotation the previous key still opens old values, which count as stale; a wrong or altered"
      + " value does not open")
  void rotationAndTampering() {
    byte[] oldKey = key();
    byte[] newKey = key();
    String old = new SecretBox(oldKey, List.of()).seal("clave IMAP");
    SecretBox rotating = new SecretBox(newKey, List.of(oldKey));
    assertEquals("clave IMAP", rotating.open(old));
    assertTrue(rotating.stale(old));
    String resealed = rotating.seal(rotating.open(old));
    assertFalse(rotating.stale(resealed));
    assertEquals("clave IMAP", new SecretBox(newKey, List.of()).open(resealed));
    assertThrows(IllegalStateException.class, () -> new SecretBox(newKey, List.of()).open(old), "the old key is gone");
    char[] chars = resealed.toCharArray();
    chars[chars.length - 3] = chars[chars.length - 3] == 'A' ? 'B' : 'A';
    assertThrows(IllegalStateException.class, () -> rotating.open(new String(chars)));
    assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16], List.of()));
  }
}
