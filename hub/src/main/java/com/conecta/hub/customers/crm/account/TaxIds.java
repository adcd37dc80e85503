package com.conecta.hub.customers.crm.account;

import com.conecta.bots.nlp.ChileanRut;
import com.conecta.bots.nlp.ColombianNit;
import com.conecta.hub.foundation.web.ApiError;
import java.util.regex.Pattern;

/** Reads a company's tax id: a Chilean RUT checked by its check digit, or a Colombian NIT with its verification digit. */
public final class TaxIds {
  /**
   * Written like a RUT: 7 or 8 digits (grouped by dots or not) and a check digit, or a K. Such a value is a RUT or
   * nothing — with a wrong check digit it must not slip through as a NIT, whose digit rule is different.
   */
  private static final Pattern RUT_SHAPED = Pattern.compile("(\\d{1,2}\\.\\d{3}\\.\\d{3}|\\d{7,8})-?[0-9kK]|.*[kK]");

  private TaxIds() {}

  /** The normalised tax id ("76086428-5", "900123456-8"), or null when it is not a valid one. */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.trim().replace(" ", "");
    String rut = ChileanRut.normalize(s);
    if (rut != null || RUT_SHAPED.matcher(s).matches()) {
      return rut;
    }
    String nit = ColombianNit.normalize(s.replaceFirst("(?i)^nit:?", ""));
    return nit != null && nit.contains("-") ? nit : null;
  }

  /** The normalised tax id, or a 422 naming the field; null stays null. */
  public static String required(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String id = normalize(raw);
    if (id == null) {
      throw new ApiError(422, "invalid_tax_id",
          "'" + field + "' is not a valid Chilean RUT (12345678-5) or Colombian NIT with its verification digit"
              + " (900123456-8)", field);
    }
    return id;
  }
}
