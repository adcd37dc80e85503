package com.conecta.connectors.webform;

import java.util.Optional;

/** Normalises phone numbers typed in forms to E.164 for Chile, Colombia, Bolivia or any number given with "+". */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /**
   * @param defaultCountry CL, CO or BO: how to read a number typed without country code
   */
  public static Optional<String> toE164(String raw, String defaultCountry) {
    if (raw == null) return Optional.empty();
    String t = raw.trim();
    boolean plus = t.startsWith("+") || t.startsWith("00");
    String d = t.replaceAll("\\D", "");
    if (t.startsWith("00")) d = d.substring(2);
    if (plus) return d.length() >= 8 && d.length() <= 15 ? Optional.of("+" + d) : Optional.empty();
    if (d.startsWith("56") && d.length() == 11) return Optional.of("+" + d);
    if (d.startsWith("57") && d.length() == 12) return Optional.of("+" + d);
    if (d.startsWith("591") && d.length() == 11) return Optional.of("+" + d);
    switch (defaultCountry == null ? "" : defaultCountry.toUpperCase()) {
      case "CL":
        if (d.length() == 9) return Optional.of("+56" + d);
        break;
      case "CO":
        if (d.length() == 10) return Optional.of("+57" + d);
        break;
      case "BO":
        if (d.length() == 8) return Optional.of("+591" + d);
        break;
      default:
    }
    // Without a default, recognise the national shapes: CL mobiles 9xxxxxxxx, CO mobiles 3xxxxxxxxx, BO 6/7xxxxxxx.
    if (d.length() == 9 && d.startsWith("9")) return Optional.of("+56" + d);
    if (d.length() == 10 && d.startsWith("3")) return Optional.of("+57" + d);
    if (d.length() == 8 && (d.startsWith("6") || d.startsWith("7"))) return Optional.of("+591" + d);
    return Optional.empty();
  }
}
