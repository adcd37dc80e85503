package com.conecta.hub.foundation.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Conecta-Signature} header: {@code sha256=} and the hex HMAC-SHA256, keyed by the subscription's secret,
 * of {@code "<X-Conecta-Timestamp>.<body>"}. The timestamp is signed too, so a captured request cannot be replayed
 * later with a fresh time.
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
