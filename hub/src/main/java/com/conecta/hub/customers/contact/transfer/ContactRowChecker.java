package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.customers.customfield.CustomField;
import com.conecta.hub.customers.customfield.CustomFieldValues;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks one record of a file against the mapping: a row with any bad value is not imported at all (it changes
 * nothing) and every problem is reported with its row and column, in Spanish and English.
 */
public final class ContactRowChecker {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
  private static final Pattern DMY = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})");
  private static final java.util.Set<String> OPT_IN = java.util.Set.of("si", "sí", "s", "yes", "y", "true", "1", "in",
      "optin", "opt-in", "opted in", "suscrito", "suscrita", "subscribed", "acepta", "activo");
  private static final java.util.Set<String> OPT_OUT = java.util.Set.of("no", "n", "false", "0", "out", "optout",
      "opt-out", "opted out", "baja", "dado de baja", "dada de baja", "unsubscribed", "no contactar", "do not contact");

  private final ColumnMapping mapping;
  private final String countryCode;
  private final Map<String, CustomField> fields;

  public ContactRowChecker(ColumnMapping mapping, String countryCode, List<CustomField> contactFields) {
    this.mapping = mapping;
    this.countryCode = countryCode;
    Map<String, CustomField> byKey = new java.util.HashMap<>();
    contactFields.forEach(f -> byKey.put(f.key(), f));
    this.fields = Map.copyOf(byKey);
  }

  /** The result for one record: a row to upsert, or the errors that keep it out; both null for a blank line. */
  public record Checked(ContactRow row, List<RowError> errors) {}

  public Checked check(CSVRecord record) {
    long n = record.getRecordNumber();
    List<RowError> errors = new ArrayList<>();
    String name = null;
    String phone = null;
    String email = null;
    String identifier = null;
    String city = null;
    List<String> labels = null;
    JsonObject custom = new JsonObject();
    String optin = null;
    boolean blank = true;
    for (ColumnMapping.Column c : mapping.columns()) {
      String v = c.index() < record.size() ? clean(record.get(c.index())) : null;
      if (v == null || "ignore".equals(c.target())) {
        continue;
      }
      blank = false;
      switch (c.target()) {
        case "name" -> name = text(v, 200, n, c, errors);
        case "city" -> city = text(v, 100, n, c, errors);
        case "identifier" -> identifier = text(v, 100, n, c, errors);
        case "phone" -> {
          phone = PhoneNumbers.toE164(v, countryCode);
          if (phone == null) {
            errors.add(new RowError(n, c.header(), v, "bad_phone",
                "Teléfono no válido: escríbalo con código de país (+" + countryCode + " ...) o como número local.",
                "Invalid phone: write it with its country code (+" + countryCode + " ...) or as a local number."));
          }
        }
        case "email" -> {
          email = v.toLowerCase(java.util.Locale.ROOT);
          if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new RowError(n, c.header(), v, "bad_email", "Correo no válido.", "Invalid email address."));
            email = null;
          }
        }
        case "labels" -> labels = labels(v, n, c, errors);
        case "optin" -> {
          String o = v.toLowerCase(java.util.Locale.ROOT);
          optin = OPT_IN.contains(o) ? "in" : OPT_OUT.contains(o) ? "out" : null;
          if (optin == null) {
            errors.add(new RowError(n, c.header(), v, "bad_optin",
                "Estado de suscripción no reconocido: use «suscrito» o «baja» (también sí/no).",
                "Unknown subscription status: use \"subscribed\" or \"unsubscribed\" (or yes/no)."));
          }
        }
        case "custom" -> customValue(fields.get(c.key()), v, n, c, errors, custom);
        default -> throw new IllegalStateException("unknown target " + c.target());
      }
    }
    if (blank) {
      return new Checked(null, null);
    }
    if (errors.isEmpty() && phone == null && email == null && identifier == null) {
      errors.add(new RowError(n, null, null, "no_key",
          "La fila no tiene teléfono, correo ni identificador: no se sabe a qué contacto corresponde.",
          "The row has no phone, email or identifier: it cannot be matched to a contact."));
    }
    return errors.isEmpty()
        ? new Checked(new ContactRow(n, name, phone, email, identifier, city, labels, custom, optin), List.of())
        : new Checked(null, List.copyOf(errors));
  }

  /** Trimmed, null when empty; a leading apostrophe Excel users (and our export) put before =, +, - or @ goes. */
  static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.length() > 1 && s.charAt(0) == '\'' && "=+-@".indexOf(s.charAt(1)) >= 0) {
      s = s.substring(1);
    }
    return s.isEmpty() ? null : s;
  }

  private static String text(String v, int max, long n, ColumnMapping.Column c, List<RowError> errors) {
    if (v.length() > max) {
      errors.add(new RowError(n, c.header(), v.substring(0, 50) + "…", "too_long",
          "Texto demasiado largo (máximo " + max + " caracteres).", "Text too long (at most " + max + " characters)."));
      return null;
    }
    return v;
  }

  private static List<String> labels(String v, long n, ColumnMapping.Column c, List<RowError> errors) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String part : v.split("[,;|]")) {
      String l = part.strip();
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    if (out.size() > 20 || out.stream().anyMatch(l -> l.length() > 50)) {
      errors.add(new RowError(n, c.header(), v, "bad_labels",
          "Hasta 20 etiquetas de 50 caracteres como máximo, separadas por comas.",
          "Up to 20 labels of at most 50 characters, separated by commas."));
      return null;
    }
    return List.copyOf(out);
  }

  private static void customValue(CustomField f, String v, long n, ColumnMapping.Column c, List<RowError> errors,
      JsonObject into) {
    try {
      Object typed = CustomFieldValues.fromText(f, spreadsheetForm(f.type(), v), c.header());
      if (typed != null) {
        into.put(f.key(), typed);
      }
    } catch (ApiError e) {
      String label = f.labelEs();
      String hintEs = switch (f.type()) {
        case "number", "money" -> "un número, como 1.234.567 o 12,5";
        case "date" -> "una fecha dd-mm-aaaa, como 31-01-2026";
        case "choice" -> "una de: " + String.join(", ", f.choices());
        case "checkbox" -> "sí o no";
        default -> "un texto de hasta 1000 caracteres";
      };
      errors.add(new RowError(n, c.header(), v, "bad_custom_field", "«" + label + "» debe ser " + hintEs + ".",
          e.getMessage()));
    }
  }

  /**
   * Numbers and dates as people in Chile, Bolivia and Colombia write them: "$1.234.567" and "12,5" are numbers,
   * "31-01-2026" and "31/01/2026" are dates. Other forms go to the field's own check unchanged.
   */
  static String spreadsheetForm(String type, String v) {
    if ("number".equals(type) || "money".equals(type)) {
      String s = v.replace("$", "").replace("CLP", "").replace(" ", "").replace("\u00a0", "");
      if (s.matches("-?\\d{1,3}(\\.\\d{3})+(,\\d+)?") || s.matches("-?\\d+,\\d+")) {
        return s.replace(".", "").replace(',', '.');
      }
      return s;
    }
    if ("date".equals(type)) {
      Matcher m = DMY.matcher(v);
      if (m.matches()) {
        return "%s-%02d-%02d".formatted(m.group(3), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
      }
    }
    return v;
  }
}
