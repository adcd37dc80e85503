package com.conecta.connectors.whatsapp.templates;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's rules for a new message template, checked before it is submitted so that a person hears what to fix at
 * once instead of a rejection later: name, language, category, and each component (a text header of 60 characters
 * with at most one placeholder, a body of 1,024, a footer of 60 without placeholders, at most 10 buttons of which 2
 * URL and 1 phone number, button texts of 25). Placeholders are numbered {{1}}, {{2}}... without gaps, each with an
 * example value. Only the first problem is reported (one field at a time, as the API's error shape has one field).
 */
public final class TemplateRules {
  public static final int MAX_NAME = 512;
  public static final int MAX_HEADER = 60;
  public static final int MAX_BODY = 1024;
  public static final int MAX_FOOTER = 60;
  public static final int MAX_BUTTONS = 10;
  public static final int MAX_URL_BUTTONS = 2;
  public static final int MAX_PHONE_BUTTONS = 1;
  public static final int MAX_BUTTON_TEXT = 25;
  public static final int MAX_URL = 2000;
  public static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  /** What is wrong, where (the request's field path) and a stable code. */
  public record Violation(String field, String code, String message) {}

  private TemplateRules() {}

  /** The first rule the definition breaks, or null when Meta would take it. */
  public static Violation check(JsonObject t) {
    String name = t.getValue("name") instanceof String s ? s : null;
    if (name == null || name.isEmpty()) {
      return new Violation("name", "missing", "a template needs a name");
    }
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      return new Violation("name", "invalid_name",
          "a template name is lower-case letters a-z, digits and _ (at most 512), e.g. aviso_despacho");
    }
    if (!(t.getValue("language") instanceof String lang) || !LANGUAGE.matcher(lang).matches()) {
      return new Violation("language", "invalid_language", "the language is a code such as es, es_CL or en_US");
    }
    if (!(t.getValue("category") instanceof String cat) || !CATEGORIES.contains(cat.toUpperCase(Locale.ROOT))) {
      return new Violation("category", "invalid_category", "the category is MARKETING, UTILITY or AUTHENTICATION");
    }
    if (!(t.getValue("components") instanceof JsonArray components)) {
      return new Violation("components", "missing", "a template needs its components, at least a BODY");
    }
    List<String> seen = new ArrayList<>();
    JsonObject body = null;
    for (Object o : components) {
      if (!(o instanceof JsonObject c) || !(c.getValue("type") instanceof String type)) {
        return new Violation("components", "invalid_component", "each component is an object with a type");
      }
      String kind = type.toUpperCase(Locale.ROOT);
      if (!List.of("HEADER", "BODY", "FOOTER", "BUTTONS").contains(kind)) {
        return new Violation("components", "invalid_component", "a component is HEADER, BODY, FOOTER or BUTTONS, not " + type);
      }
      if (seen.contains(kind)) {
        return new Violation("components." + kind.toLowerCase(Locale.ROOT), "repeated_component",
            "a template has at most one " + kind);
      }
      seen.add(kind);
      Violation v = switch (kind) {
        case "HEADER" -> header(c);
        case "BODY" -> body(c);
        case "FOOTER" -> footer(c);
        default -> buttons(c);
      };
      if (v != null) {
        return v;
      }
      if ("BODY".equals(kind)) {
        body = c;
      }
    }
    return body == null ? new Violation("components.body.text", "missing", "a template needs a body") : null;
  }

  /** A header's, body's or footer's text is there and within WhatsApp's limit for that {@code part}; else why not. */
  private static Violation presentAndShort(String text, String part, int maxLength, String whenMissing) {
    String field = "components." + part + ".text";
    if (text == null || text.isBlank()) {
      return new Violation(field, "missing", whenMissing);
    }
    if (text.length() > maxLength) {
      return new Violation(field, "too_long",
          "the " + part + " has " + text.length() + " characters; WhatsApp allows " + maxLength);
    }
    return null;
  }

  private static Violation header(JsonObject c) {
    String format = c.getValue("format") instanceof String f ? f.toUpperCase(Locale.ROOT) : "TEXT";
    if (!"TEXT".equals(format)) {
      // Media headers need a file uploaded to Meta first (the Resumable Upload API), which the hub does not do yet.
      return new Violation("components.header.format", "unsupported_header", "only text headers can be created here");
    }
    String text = c.getValue("text") instanceof String s ? s : null;
    Violation missingOrLong = presentAndShort(text, "header", MAX_HEADER, "a text header needs its text");
    if (missingOrLong != null) {
      return missingOrLong;
    }
    if (text.contains("\n") || text.contains("*") || text.contains("_") || text.contains("~")) {
      return new Violation("components.header.text", "invalid_text", "a header is one line without formatting (* _ ~)");
    }
    List<String> examples = strings(c.getJsonObject("example"), "header_text");
    return placeholders(text, examples, 1, "components.header");
  }

  private static Violation body(JsonObject c) {
    String text = c.getValue("text") instanceof String s ? s : null;
    Violation missingOrLong = presentAndShort(text, "body", MAX_BODY, "a template needs a body");
    if (missingOrLong != null) {
      return missingOrLong;
    }
    JsonObject example = c.getJsonObject("example");
    List<String> examples = List.of();
    if (example != null && example.getValue("body_text") instanceof JsonArray rows && !rows.isEmpty()
        && rows.getValue(0) instanceof JsonArray first) {
      examples = first.stream().map(x -> x == null ? "" : x.toString()).toList();
    }
    Violation v = placeholders(text, examples, Integer.MAX_VALUE, "components.body");
    if (v != null) {
      return v;
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{{") || trimmed.endsWith("}}")) {
      return new Violation("components.body.text", "placeholder_at_edge",
          "WhatsApp refuses a body that starts or ends with a placeholder: put words before and after it");
    }
    return null;
  }

  private static Violation footer(JsonObject c) {
    String text = c.getValue("text") instanceof String s ? s : null;
    Violation missingOrLong = presentAndShort(text, "footer", MAX_FOOTER, "a footer needs its text");
    if (missingOrLong != null) {
      return missingOrLong;
    }
    if (PLACEHOLDER.matcher(text).find()) {
      return new Violation("components.footer.text", "placeholder_not_allowed", "a footer has no placeholders");
    }
    return null;
  }

  private static Violation buttons(JsonObject c) {
    if (!(c.getValue("buttons") instanceof JsonArray buttons) || buttons.isEmpty()) {
      return new Violation("components.buttons", "missing", "BUTTONS needs at least one button");
    }
    if (buttons.size() > MAX_BUTTONS) {
      return new Violation("components.buttons", "too_many_buttons",
          "a template has at most " + MAX_BUTTONS + " buttons; this one has " + buttons.size());
    }
    int urls = 0;
    int phones = 0;
    for (int i = 0; i < buttons.size(); i++) {
      String field = "components.buttons[" + i + "]";
      if (!(buttons.getValue(i) instanceof JsonObject b) || !(b.getValue("type") instanceof String type)) {
        return new Violation(field, "invalid_button", "each button is an object with a type");
      }
      String text = b.getValue("text") instanceof String s ? s : null;
      if (text == null || text.isBlank()) {
        return new Violation(field + ".text", "missing", "each button needs its text");
      }
      if (text.length() > MAX_BUTTON_TEXT) {
        return new Violation(field + ".text", "too_long",
            "a button's text has at most " + MAX_BUTTON_TEXT + " characters; '" + text + "' has " + text.length());
      }
      switch (type.toUpperCase(Locale.ROOT)) {
        case "QUICK_REPLY" -> { }
        case "URL" -> {
          urls++;
          String url = b.getValue("url") instanceof String s ? s : "";
          if (!url.startsWith("https://") && !url.startsWith("http://") || url.length() > MAX_URL) {
            return new Violation(field + ".url", "invalid_url", "a URL button needs an address starting with https://");
          }
        }
        case "PHONE_NUMBER" -> {
          phones++;
          String phone = b.getValue("phone_number") instanceof String s ? s : "";
          if (!phone.matches("\\+?[0-9]{8,20}")) {
            return new Violation(field + ".phone_number", "invalid_phone", "a phone button needs a number such as +56912345678");
          }
        }
        default -> {
          return new Violation(field + ".type", "invalid_button", "a button is QUICK_REPLY, URL or PHONE_NUMBER");
        }
      }
    }
    if (urls > MAX_URL_BUTTONS) {
      return new Violation("components.buttons", "too_many_url_buttons", "a template has at most " + MAX_URL_BUTTONS + " URL buttons");
    }
    if (phones > MAX_PHONE_BUTTONS) {
      return new Violation("components.buttons", "too_many_phone_buttons", "a template has at most one phone button");
    }
    return null;
  }

  /** {{1}}..{{n}} without gaps, at most {@code max} of them, each with a non-blank example. */
  private static Violation placeholders(String text, List<String> examples, int max, String where) {
    Set<Integer> numbers = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      String inside = m.group(1);
      if (!inside.matches("[1-9][0-9]{0,2}")) {
        return new Violation(where + ".text", "invalid_placeholder",
            "placeholders are numbered: {{1}}, {{2}}...; '{{" + inside + "}}' is not");
      }
      numbers.add(Integer.parseInt(inside));
    }
    int n = numbers.size();
    if (n > max) {
      return new Violation(where + ".text", "too_many_placeholders", "this part takes at most " + max + " placeholder");
    }
    for (int i = 1; i <= n; i++) {
      if (!numbers.contains(i)) {
        return new Violation(where + ".text", "placeholder_gap",
            "placeholders go {{1}} to {{" + n + "}} without gaps; {{" + i + "}} is missing");
      }
    }
    if (examples.size() != n) {
      return new Violation(where + ".example", "examples_missing",
          "give one example value per placeholder: " + n + " expected, " + examples.size() + " given");
    }
    for (int i = 0; i < n; i++) {
      if (examples.get(i) == null || examples.get(i).isBlank()) {
        return new Violation(where + ".example", "examples_missing", "the example of {{" + (i + 1) + "}} is empty");
      }
    }
    return null;
  }

  private static List<String> strings(JsonObject o, String key) {
    if (o == null || !(o.getValue(key) instanceof JsonArray a)) {
      return List.of();
    }
    return a.stream().map(x -> x == null ? "" : x.toString()).toList();
  }

  /** The number of distinct placeholders in a text ({{1}}..{{n}}). */
  public static int placeholderCount(String text) {
    if (text == null) {
      return 0;
    }
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found.size();
  }
}
