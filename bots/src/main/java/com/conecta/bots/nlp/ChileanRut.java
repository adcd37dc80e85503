package com.conecta.bots.nlp;

/** Chilean RUT check-digit rule (modulo 11). */
public final class ChileanRut {
  private ChileanRut() {}

  /** Expected check digit ("0".."9" or "K") for the body digits. */
  public static String checkDigit(String body) {
    int sum = 0;
    int factor = 2;
    for (int i = body.length() - 1; i >= 0; i--) {
      sum += (body.charAt(i) - '0') * factor;
      factor = factor == 7 ? 2 : factor + 1;
    }
    int r = 11 - (sum % 11);
    return r == 11 ? "0" : r == 10 ? "K" : String.valueOf(r);
  }

  /** Normalised "12345678-5" when valid, else null. Accepts dots, hyphen, lower-case k. */
  public static String normalize(String raw) {
    if (raw == null) return null;
    String s = raw.replace(".", "").replace(" ", "").toUpperCase();
    if (!s.matches("\\d{7,8}-?[\\dK]")) return null;
    String body = s.replace("-", "");
    String dv = body.substring(body.length() - 1);
    body = body.substring(0, body.length() - 1);
    return checkDigit(body).equals(dv) ? body + "-" + dv : null;
  }
}
