package com.conecta.connectors.whatsapp;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The reusable WhatsApp signature verifier accepts exactly what Meta signs with the App Secret")
class WhatsAppSignatureVerifierTest {
  private static final String SECRET = "app-secret-for-tests";
  private final WhatsAppSignature.Verifier verifier = new WhatsAppSignature.Verifier(SECRET);

  private static byte[] body(int i) {
    return ("{\"object\":\"whatsapp_business_account\",\"n\":" + i + ",\"text\":\"¿Cuánto cuesta?\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a body signed with the secret passes, in lower or upper case hex, and one changed byte fails")
  void signedBodies() {
    byte[] body = body(1);
    String header = WhatsAppSignature.sign(SECRET, body);
    assertTrue(verifier.verify(body, header));
    assertTrue(verifier.verify(body, "sha256=" + header.substring(7).toUpperCase()));
    byte[] changed = body.clone();
    changed[changed.length - 2] ^= 1;
    assertFalse(verifier.verify(changed, header));
    assertFalse(verifier.verify(body, WhatsAppSignature.sign("another-secret", body)));
  }

  @Test
  @DisplayName("missing, truncated, non-hex or unprefixed headers and an empty secret never pass")
  void malformedHeaders() {
    byte[] body = body(2);
    String header = WhatsAppSignature.sign(SECRET, body);
    assertFalse(verifier.verify(body, null));
    assertFalse(verifier.verify(body, header.substring(0, header.length() - 2)));
    assertFalse(verifier.verify(body, "sha256=" + "zz".repeat(32)));
    assertFalse(verifier.verify(body, header.substring(7)));
    assertFalse(new WhatsAppSignature.Verifier("").verify(body, WhatsAppSignature.sign("x", body)));
  }

  @Test
  @DisplayName("one verifier used from many threads at once gives each body its own answer")
  void manyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < 4_000; i++) {
        byte[] body = body(i);
        // Every third body carries the signature of its neighbour, which must fail.
        String header = WhatsAppSignature.sign(SECRET, i % 3 == 0 ? body(i + 1) : body);
        boolean expected = i % 3 != 0;
        checks.add(() -> verifier.verify(body, header) == expected);
      }
      for (Future<Boolean> f : pool.invokeAll(checks)) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
