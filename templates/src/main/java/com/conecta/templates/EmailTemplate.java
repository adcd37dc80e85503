package com.conecta.templates;

import java.util.Map;

/** A catalogued email: mustache sources of subject, text and html per language. */
public record EmailTemplate(String name, Map<String, EmailTemplateVariant> variants) {
  public EmailTemplate {
    variants = Map.copyOf(variants);
  }

  /** Subject, plain text and html mustache sources of one language. */
  public record EmailTemplateVariant(String subject, String text, String html) {}
}
