package com.conecta.templates;

/** A template that cannot be used as asked: unknown, wrong parameters, or past WhatsApp's limits. */
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
