package com.conecta.hub.commerce.sales.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One priced line of a quote: net after the discount, tax on the net, and their total, each rounded to cents. */
public record QuoteLine(Long productId, String code, String name, BigDecimal quantity, BigDecimal unitPrice,
    BigDecimal discountPct, BigDecimal taxRate, BigDecimal net, BigDecimal tax, BigDecimal total) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public static QuoteLine price(Long productId, String code, String name, BigDecimal quantity, BigDecimal unitPrice,
      BigDecimal discountPct, BigDecimal taxRate) {
    BigDecimal gross = unitPrice.multiply(quantity);
    BigDecimal net = gross.subtract(gross.multiply(discountPct).divide(HUNDRED)).setScale(2, RoundingMode.HALF_UP);
    BigDecimal tax = net.multiply(taxRate).divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
    return new QuoteLine(productId, code, name, quantity, unitPrice, discountPct, taxRate, net, tax, net.add(tax));
  }
}
