package com.conecta.templates;

/** A template could not be found or rendered within WhatsApp's limits; {@code field} names what is wrong. */
public class TemplateException extends RuntimeException {
  private final String code;
  private final String field;

  public TemplateException(String code, String message, String field) {
    super(message);
    this.code = code;
    this.field = field;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
