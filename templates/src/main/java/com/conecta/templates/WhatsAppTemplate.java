package com.conecta.templates;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A catalogued WhatsApp template: its approved name, category, what each body parameter means, and its languages. */
public record WhatsAppTemplate(
    String name, String category, String description, List<String> parameters,
    Map<String, WhatsAppTemplateVariant> variants) {
  public WhatsAppTemplate {
    parameters = List.copyOf(parameters);
    variants = Map.copyOf(variants);
  }

  public Set<String> languages() {
    return variants.keySet();
  }
}
