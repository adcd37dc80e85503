package com.conecta.connectors.webform;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The web forms of config/forms.yaml, validated at load so a bad file fails at start with a clear message. */
public final class FormCatalogue {
  private static final Set<String> TYPES = Set.of("text", "email", "phone", "textarea", "choice", "number");
  private final Map<String, FormDefinition> forms;

  private FormCatalogue(Map<String, FormDefinition> forms) {
    this.forms = Map.copyOf(forms);
  }

  public static FormCatalogue load(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toString());
    } catch (IOException e) {
      throw new FormCatalogueException("No se pudo leer " + file + ": " + e.getMessage());
    }
  }

  public static FormCatalogue parse(String yaml) {
    return parse(new StringReader(yaml), "forms.yaml");
  }

  private static FormCatalogue parse(Reader reader, String source) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (RuntimeException e) {
      throw new FormCatalogueException(source + " is not valid YAML: " + e.getMessage());
    }
    Map<String, Object> forms = map(map(root, source).get("forms"), source + ": forms");
    if (forms.isEmpty()) throw new FormCatalogueException(source + ": no forms defined under 'forms'");
    Map<String, FormDefinition> out = new LinkedHashMap<>();
    forms.forEach((key, raw) -> out.put(key, form(key, map(raw, "form " + key))));
    return new FormCatalogue(out);
  }

  public Optional<FormDefinition> find(String key) {
    return Optional.ofNullable(forms.get(key));
  }

  public List<FormDefinition> list() {
    return List.copyOf(forms.values());
  }

  private static FormDefinition form(String key, Map<String, Object> m) {
    String where = "form '" + key + "'";
    if (!key.matches("[a-z0-9_-]{1,40}")) throw new FormCatalogueException(where + ": key must be lower-case letters, digits, _ or -");
    String inbox = required(m, "inbox", where);
    List<FormField> fields = new ArrayList<>();
    for (Object f : list(m.get("fields"))) fields.add(field(map(f, where + " field"), where));
    if (fields.isEmpty()) throw new FormCatalogueException(where + ": needs at least one field");
    Map<String, Object> wa = m.get("whatsapp") == null ? Map.of() : map(m.get("whatsapp"), where + ".whatsapp");
    String interestField = str(m.get("interestField"));
    if (interestField != null && fields.stream().noneMatch(f -> f.name().equals(interestField))) {
      throw new FormCatalogueException(where + ": interestField '" + interestField + "' is not one of its fields");
    }
    List<String> origins = new ArrayList<>();
    for (Object o : list(m.get("allowedOrigins"))) origins.add(String.valueOf(o));
    return new FormDefinition(key, strings(m.get("title"), where + ".title"), inbox, str(m.get("team")),
        str(m.get("interest")), interestField, str(m.get("thankYouUrl")), str(wa.get("phone")),
        wa.get("text") == null ? Map.of() : strings(wa.get("text"), where + ".whatsapp.text"), origins,
        str(m.get("honeypot")), m.get("defaultCountry") == null ? "CL" : str(m.get("defaultCountry")), fields);
  }

  private static FormField field(Map<String, Object> f, String where) {
    String name = required(f, "name", where + " field");
    String w = where + " field '" + name + "'";
    String type = required(f, "type", w);
    if (!TYPES.contains(type)) throw new FormCatalogueException(w + ": unknown type '" + type + "', expected one of " + TYPES);
    List<FormField.Choice> choices = new ArrayList<>();
    for (Object c : list(f.get("choices"))) {
      Map<String, Object> cm = map(c, w + " choice");
      choices.add(new FormField.Choice(required(cm, "value", w + " choice"), strings(cm.get("label"), w + " choice label")));
    }
    if (type.equals("choice") && choices.isEmpty()) throw new FormCatalogueException(w + ": a choice field needs choices");
    Object max = f.get("maxLength");
    if (max != null && !(max instanceof Integer)) throw new FormCatalogueException(w + ": maxLength must be a number");
    return new FormField(name, type, strings(f.get("label"), w + ".label"), Boolean.TRUE.equals(f.get("required")),
        (Integer) max, choices);
  }

  private static String required(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) throw new FormCatalogueException(where + ": '" + key + "' is required");
    return String.valueOf(v);
  }

  private static Map<String, String> strings(Object o, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    map(o, where).forEach((k, v) -> out.put(k, String.valueOf(v)));
    if (!out.containsKey("es")) throw new FormCatalogueException(where + ": needs a Spanish ('es') text");
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String where) {
    if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new FormCatalogueException(where + ": expected a mapping");
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
