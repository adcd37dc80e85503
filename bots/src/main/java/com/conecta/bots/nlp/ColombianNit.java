package com.conecta.bots.nlp;

/** Colombian NIT verification digit (DIAN weights). */
public final class ColombianNit {
  private static final int[] WEIGHTS = {3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71};

  private ColombianNit() {}

  public static int verificationDigit(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum += (body.charAt(body.length() - 1 - i) - '0') * WEIGHTS[i];
    }
    int r = sum % 11;
    return r > 1 ? 11 - r : r;
  }

  /** "900123456-8" when the digit matches, "900123456" when none was given, null if wrong. */
  public static String normalize(String raw) {
    if (raw == null) return null;
    String s = raw.replace(".", "").replace(" ", "");
    if (!s.matches("\\d{8,10}(-\\d)?")) return null;
    int dash = s.indexOf('-');
    if (dash < 0) return s;
    String body = s.substring(0, dash);
    int dv = s.charAt(dash + 1) - '0';
    return verificationDigit(body) == dv ? body + "-" + dv : null;
  }
}
