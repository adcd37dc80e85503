package com.conecta.bots.flow;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Answers as a salesperson reads them in the hand-off summary: money and RUTs written the way people write them. */
final class SummaryValues {

  private SummaryValues() {}

  static String shown(String questionType, String answer, String lang) {
    if (questionType.equals("amount")) return money(answer, lang);
    if (questionType.startsWith("rut_") && answer.matches("\\d{7,8}-[\\dkK]")) return rut(answer);
    return answer;
  }

  /**
   * "2000000 CLP" → "$2.000.000" (Chile, Colombia and Bolivia write thousands with dots, pesos without decimals);
   * USD and BOB keep their sign. English summaries use English separators and the currency code.
   */
  static String money(String amount, String lang) {
    String[] parts = amount.trim().split("\\s+");
    BigDecimal value;
    try {
      value = new BigDecimal(parts[0]);
    } catch (NumberFormatException e) {
      return amount;
    }
    String currency = parts.length > 1 ? parts[1] : "CLP";
    boolean en = "en".equals(lang);
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(en ? Locale.US : Locale.forLanguageTag("es-CL"));
    symbols.setGroupingSeparator(en ? ',' : '.');
    symbols.setDecimalSeparator(en ? '.' : ',');
    boolean whole = currency.equals("CLP") || currency.equals("COP") || value.stripTrailingZeros().scale() <= 0;
    String n = new DecimalFormat(whole ? "#,##0" : "#,##0.00", symbols).format(value);
    if (en) return currency + " " + n;
    return switch (currency) {
      case "CLP" -> "$" + n;
      case "COP" -> "COP $" + n;
      case "USD" -> "US$" + n;
      case "BOB" -> "Bs " + n;
      default -> n + " " + currency;
    };
  }

  /** "76086428-5" → "76.086.428-5". */
  static String rut(String rut) {
    String body = rut.substring(0, rut.indexOf('-'));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      if (i > 0 && (body.length() - i) % 3 == 0) b.append('.');
      b.append(body.charAt(i));
    }
    return b.append(rut.substring(rut.indexOf('-')).toUpperCase(Locale.ROOT)).toString();
  }

  /** A flow without labels: the prompt without its examples and question marks ("¿Cómo te llamas?" → "Cómo te llamas"). */
  static String labelFromPrompt(String prompt) {
    return prompt.replaceAll("\\s*\\([^)]*\\)", "").replaceAll("[¿?¡!]", "").trim();
  }
}
