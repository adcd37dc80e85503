package com.conecta.hub.customers.contact.transfer;

import java.util.Map;

/**
 * Turns a phone as people type it in a spreadsheet ("9 8765 4321", "+56 9 8765-4321", "0056987654321", "(2) 2345 6789")
 * into E.164 ("+56987654321"); a local number gets the installation's country code. Null when it cannot be a phone.
 */
public final class PhoneNumbers {
  /** National significant number lengths of the countries Conecta's customers are in and their neighbours. */
  private static final Map<String, Integer> NATIONAL_DIGITS = Map.of("56", 9, "591", 8, "57", 10, "51", 9, "54", 10,
      "593", 9, "595", 9, "598", 8, "52", 10, "34", 9);

  private PhoneNumbers() {}

  public static String toE164(String raw, String countryCode) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip().replaceAll("[\\s().\\-/]", "");
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    }
    if (s.startsWith("+")) {
      String digits = s.substring(1);
      return digits.matches("[1-9][0-9]{7,14}") ? "+" + digits : null;
    }
    if (!s.matches("[0-9]+")) {
      return null;
    }
    Integer national = NATIONAL_DIGITS.get(countryCode);
    if (national != null && s.length() == countryCode.length() + national && s.startsWith(countryCode)) {
      return "+" + s;
    }
    // a trunk prefix (0) is not part of the number
    String local = s.replaceFirst("^0+", "");
    if (national != null) {
      return local.length() == national ? "+" + countryCode + local : null;
    }
    return local.length() >= 6 && local.length() <= 12 ? "+" + countryCode + local : null;
  }
}
