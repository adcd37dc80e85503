package com.conecta.templates;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The layouts of the emails the hub writes (templates/email.yaml): a text and an HTML part per language, Spanish as
 * the fallback. Values are escaped in the HTML part, so a reply's text can never become markup.
 */
public final class EmailLayouts {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

  /** Both parts of one email. */
  public record RenderedEmail(String text, String html) {}

  private record Layout(String text, String html) {}

  private final Map<String, Map<String, Layout>> layouts;

  private EmailLayouts(Map<String, Map<String, Layout>> layouts) {
    this.layouts = layouts;
  }

  @SuppressWarnings("unchecked")
  public static EmailLayouts load() {
    try (InputStream in = EmailLayouts.class.getResourceAsStream("/templates/email.yaml")) {
      if (in == null) {
        throw new IllegalStateException("templates/email.yaml is missing from the classpath");
      }
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Map<String, Map<String, Layout>> out = new LinkedHashMap<>();
      ((Map<String, Map<String, Map<String, Object>>>) root.get("layouts")).forEach((name, languages) -> {
        Map<String, Layout> byLanguage = new LinkedHashMap<>();
        languages.forEach((code, l) -> byLanguage.put(code, new Layout(String.valueOf(l.get("text")), String.valueOf(l.get("html")))));
        out.put(name, Map.copyOf(byLanguage));
      });
      return new EmailLayouts(Map.copyOf(out));
    } catch (IOException e) {
      throw new IllegalStateException("templates/email.yaml cannot be read", e);
    }
  }

  /** Fills a layout in the given language (else Spanish); missing values render empty. */
  public RenderedEmail render(String name, String language, Map<String, String> values) {
    Map<String, Layout> byLanguage = layouts.get(name);
    if (byLanguage == null) {
      throw new TemplateException("unknown_layout", "there is no email layout named '" + name + "'", "layout");
    }
    Layout l = language != null && byLanguage.containsKey(language) ? byLanguage.get(language) : byLanguage.get("es");
    return new RenderedEmail(fill(l.text(), values, false).strip(), fill(l.html(), values, true));
  }

  private static String fill(String layout, Map<String, String> values, boolean html) {
    Matcher m = PLACEHOLDER.matcher(layout);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.getOrDefault(m.group(1), "");
      v = v == null ? "" : v;
      m.appendReplacement(out, Matcher.quoteReplacement(html ? escape(v).replace("\r\n", "\n").replace("\n", "<br>") : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** HTML-escapes text for element content and attribute values. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
