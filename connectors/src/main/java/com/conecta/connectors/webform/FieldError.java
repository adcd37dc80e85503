package com.conecta.connectors.webform;

/** Why one form field was refused; {@code message} is in Spanish for the visitor. */
public record FieldError(String field, String code, String message) {}
