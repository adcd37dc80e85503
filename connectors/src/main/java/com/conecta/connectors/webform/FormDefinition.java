package com.conecta.connectors.webform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A web form from config/forms.yaml.
 *
 * @param inbox the inbox key it feeds (the hub seeds "web")
 * @param interest the lead interest area, or null when {@code interestField} gives it
 * @param whatsappPhone optional number for the click-to-chat redirect; {@code whatsappText} holds "{code}"
 */
public record FormDefinition(String key, Map<String, String> title, String inbox, String team, String interest,
    String interestField, String thankYouUrl, String whatsappPhone, Map<String, String> whatsappText,
    List<String> allowedOrigins, String honeypot, String defaultCountry, List<FormField> fields) {
  public FormDefinition {
    title = Map.copyOf(title);
    whatsappText = whatsappText == null ? Map.of() : Map.copyOf(whatsappText);
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    fields = List.copyOf(fields);
  }

  public Optional<FormField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
