package com.conecta.hub.customers.contact.transfer;

/**
 * Why one row of a file was not imported (or was only partly), in both languages a person may read it in. Row numbers
 * are the spreadsheet's: the header is row 1.
 */
public record RowError(long row, String column, String value, String code, String messageEs, String messageEn) {
  public String message(String lang) {
    return "en".equals(lang) ? messageEn : messageEs;
  }
}
