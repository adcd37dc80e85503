package com.conecta.connectors.webform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a visitor's fields against a form definition and normalises them (trimmed text, E.164 phones). */
public final class FormSubmissionValidator {
  static final Set<String> TRACKING = Set.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "campaign");
  private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
  private static final Pattern NUMBER = Pattern.compile("^-?\\d+(?:[.,]\\d+)?$");
  private static final int TRACKING_MAX = 200;

  public ValidationResult validate(FormDefinition form, Map<String, String> input) {
    Map<String, String> in = input == null ? Map.of() : input;
    if (form.honeypot() != null && in.get(form.honeypot()) != null && !in.get(form.honeypot()).isBlank()) {
      return new ValidationResult.Spam("honeypot");
    }
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (FormField f : form.fields()) {
      String v = in.get(f.name()) == null ? "" : in.get(f.name()).trim();
      if (v.isEmpty()) {
        if (f.required()) errors.add(new FieldError(f.name(), "required", "Este campo es obligatorio."));
        continue;
      }
      if (f.maxLength() != null && v.length() > f.maxLength()) {
        errors.add(new FieldError(f.name(), "too_long", "Máximo " + f.maxLength() + " caracteres."));
        continue;
      }
      Optional<String> checked = check(f, v, form.defaultCountry(), errors);
      checked.ifPresent(c -> values.put(f.name(), c));
    }
    if (!errors.isEmpty()) return new ValidationResult.Invalid(errors);
    Map<String, String> tracking = new LinkedHashMap<>();
    for (String k : TRACKING) {
      String v = in.get(k);
      if (v != null && !v.isBlank()) tracking.put(k, v.strip().substring(0, Math.min(v.strip().length(), TRACKING_MAX)));
    }
    return new ValidationResult.Valid(new FormSubmission(form, values, tracking));
  }

  private static Optional<String> check(FormField f, String v, String country, List<FieldError> errors) {
    switch (f.type()) {
      case "email":
        if (!EMAIL.matcher(v).matches()) {
          errors.add(new FieldError(f.name(), "invalid_email", "Ingresa un correo válido, por ejemplo nombre@empresa.com."));
          return Optional.empty();
        }
        return Optional.of(v.toLowerCase());
      case "phone":
        Optional<String> e164 = PhoneNumbers.toE164(v, country);
        if (e164.isEmpty()) {
          errors.add(new FieldError(f.name(), "invalid_phone", "Ingresa un teléfono válido con código de país, por ejemplo +56 9 1234 5678."));
        }
        return e164;
      case "choice":
        if (f.choices().stream().noneMatch(c -> c.value().equals(v))) {
          errors.add(new FieldError(f.name(), "invalid_choice", "Elige una de las opciones."));
          return Optional.empty();
        }
        return Optional.of(v);
      case "number":
        if (!NUMBER.matcher(v).matches()) {
          errors.add(new FieldError(f.name(), "invalid_number", "Ingresa un número."));
          return Optional.empty();
        }
        return Optional.of(v);
      default:
        return Optional.of(v);
    }
  }
}
