package com.conecta.hub.commerce.sales.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/**
 * Money as customers read it on a quote: in Spanish as Chile, Colombia and Bolivia write it ($2.000.000, Bs 1.500,50;
 * pesos without decimals), in English with the currency's code (CLP 2,000,000).
 */
public final class Money {
  private static final Map<String, String> SYMBOLS = Map.of("CLP", "$", "COP", "$", "BOB", "Bs ", "USD", "US$", "EUR", "€");

  private Money() {}

  public static String format(BigDecimal amount, String currency, String lang) {
    boolean whole = "CLP".equals(currency) || "COP".equals(currency);
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
    boolean en = "en".equals(lang);
    symbols.setGroupingSeparator(en ? ',' : '.');
    symbols.setDecimalSeparator(en ? '.' : ',');
    DecimalFormat f = new DecimalFormat(whole ? "#,##0" : "#,##0.00", symbols);
    f.setRoundingMode(RoundingMode.HALF_UP);
    String number = f.format(amount);
    return en ? currency + " " + number : SYMBOLS.getOrDefault(currency, currency + " ") + number;
  }

  public static String format(String amount, String currency, String lang) {
    return amount == null ? "" : format(new BigDecimal(amount), currency, lang);
  }
}
