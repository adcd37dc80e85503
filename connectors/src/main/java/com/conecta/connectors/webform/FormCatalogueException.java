package com.conecta.connectors.webform;

/** config/forms.yaml is missing something or holds a bad value; the message names the form and field. */
public class FormCatalogueException extends RuntimeException {
  public FormCatalogueException(String message) {
    super(message);
  }
}
