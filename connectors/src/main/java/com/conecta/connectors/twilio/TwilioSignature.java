package com.conecta.connectors.twilio;

import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code X-Twilio-Signature}: checked with the Twilio SDK's RequestValidator against the public URL Twilio called. */
public final class TwilioSignature {
  private TwilioSignature() {}

  public static boolean valid(String authToken, String url, Map<String, String> params, String header) {
    if (authToken == null || authToken.isEmpty() || header == null || header.isEmpty()) {
      return false;
    }
    return new RequestValidator(authToken).validate(url, params, header);
  }

  /** Signs like Twilio (HMAC-SHA1 of the URL and the sorted parameters), for the fake provider and tests. */
  public static String sign(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
