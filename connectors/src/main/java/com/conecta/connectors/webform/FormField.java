package com.conecta.connectors.webform;

import java.util.List;
import java.util.Map;

/** One field of a web form. Types: text, email, phone, textarea, choice, number. */
public record FormField(String name, String type, Map<String, String> label, boolean required, Integer maxLength,
    List<Choice> choices) {
  public FormField {
    label = Map.copyOf(label);
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  public String label(String language) {
    return label.getOrDefault(language, label.getOrDefault("es", name));
  }

  /** An allowed value of a choice field. */
  public record Choice(String value, Map<String, String> label) {}
}
