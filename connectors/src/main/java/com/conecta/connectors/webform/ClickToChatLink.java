package com.conecta.connectors.webform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** WhatsApp click-to-chat links (wa.me) with a prefilled text. */
public final class ClickToChatLink {
  private ClickToChatLink() {}

  public static String build(String phone, String text) {
    String digits = phone == null ? "" : phone.replaceAll("\\D", "");
    if (digits.isEmpty()) throw new IllegalArgumentException("click-to-chat needs a phone number");
    // wa.me wants %20, not '+', for spaces.
    String encoded = URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8).replace("+", "%20");
    return "https://wa.me/" + digits + (encoded.isEmpty() ? "" : "?text=" + encoded);
  }
}
