package com.conecta.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a catalogued WhatsApp template and builds the Cloud API "components". Parameter order: the header media
 * link first (document/image headers), then body {{1}}..{{n}}, then one suffix per dynamic url button.
 */
public final class WhatsAppTemplateRenderer {
  static final String DEFAULT_LANGUAGE = "es";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");
  private static final int BODY_MAX = 1024;
  private static final int HEADER_MAX = 60;
  private static final int FOOTER_MAX = 60;
  private static final int QUICK_REPLY_MAX = 20;
  private static final int URL_BUTTON_MAX = 25;

  private final TemplateCatalogue catalogue;

  public WhatsAppTemplateRenderer(TemplateCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  public RenderedWhatsAppTemplate render(String name, String language, List<String> params) {
    WhatsAppTemplate template = catalogue.findWhatsApp(name)
        .orElseThrow(() -> new TemplateException("unknown_template", "No existe la plantilla " + name, "name"));
    WhatsAppTemplateVariant v = template.variants().get(language);
    if (v == null) v = template.variants().get(DEFAULT_LANGUAGE);
    if (v == null) throw new TemplateException("unknown_language", "La plantilla " + name + " no tiene idioma " + language, "language");
    List<String> all = params == null ? List.of() : params;

    boolean mediaHeader = "document".equals(v.headerType()) || "image".equals(v.headerType());
    int bodyCount = placeholderCount(v.body());
    long urlButtons = v.buttons().stream().filter(b -> "url".equals(b.type()) && b.url() != null && b.url().contains("{{1}}")).count();
    int expected = (mediaHeader ? 1 : 0) + bodyCount + (int) urlButtons;
    if (all.size() != expected) {
      throw new TemplateException("parameter_count",
          "La plantilla " + name + " espera " + expected + " parámetros y recibió " + all.size(), "params");
    }
    for (int i = 0; i < all.size(); i++) checkParameter(all.get(i), i);

    List<Map<String, Object>> components = new ArrayList<>();
    int next = 0;
    if (mediaHeader) {
      String link = all.get(next++);
      Map<String, Object> media = new LinkedHashMap<>();
      media.put("link", link);
      if ("document".equals(v.headerType())) media.put("filename", fileNameOf(link));
      components.add(Map.of("type", "header", "parameters", List.of(Map.of("type", v.headerType(), v.headerType(), media))));
    } else if ("text".equals(v.headerType()) && v.headerText() != null && v.headerText().length() > HEADER_MAX) {
      throw new TemplateException("header_too_long", "El encabezado supera " + HEADER_MAX + " caracteres", "header");
    }
    List<String> bodyParams = all.subList(next, next + bodyCount);
    next += bodyCount;
    String filled = fill(v.body(), bodyParams);
    if (filled.length() > BODY_MAX) {
      throw new TemplateException("body_too_long", "El cuerpo supera " + BODY_MAX + " caracteres", "body");
    }
    if (v.footer() != null && v.footer().length() > FOOTER_MAX) {
      throw new TemplateException("footer_too_long", "El pie supera " + FOOTER_MAX + " caracteres", "footer");
    }
    if (bodyCount > 0) {
      components.add(Map.of("type", "body", "parameters",
          bodyParams.stream().map(p -> (Map<String, Object>) Map.<String, Object>of("type", "text", "text", p)).toList()));
    }
    for (int i = 0; i < v.buttons().size(); i++) {
      WhatsAppButton b = v.buttons().get(i);
      int max = "url".equals(b.type()) ? URL_BUTTON_MAX : QUICK_REPLY_MAX;
      if (b.text() == null || b.text().length() > max) {
        throw new TemplateException("button_text_too_long", "El texto del botón " + i + " supera " + max + " caracteres", "buttons[" + i + "]");
      }
      if ("quick_reply".equals(b.type())) {
        components.add(button("quick_reply", i, Map.of("type", "payload", "payload", b.payload())));
      } else if ("url".equals(b.type()) && b.url() != null && b.url().contains("{{1}}")) {
        components.add(button("url", i, Map.of("type", "text", "text", all.get(next++))));
      }
    }
    return new RenderedWhatsAppTemplate(name, v.code(), List.copyOf(components), preview(v, filled));
  }

  private static Map<String, Object> button(String subType, int index, Map<String, Object> parameter) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "button");
    m.put("sub_type", subType);
    m.put("index", index);
    m.put("parameters", List.of(parameter));
    return m;
  }

  private static String preview(WhatsAppTemplateVariant v, String filledBody) {
    StringBuilder sb = new StringBuilder();
    if ("text".equals(v.headerType()) && v.headerText() != null) sb.append(v.headerText()).append("\n\n");
    sb.append(filledBody);
    if (v.footer() != null) sb.append("\n\n").append(v.footer());
    return sb.toString();
  }

  // WhatsApp rejects parameters with newlines, tabs or more than four consecutive spaces (error 132018).
  private static void checkParameter(String p, int index) {
    String field = "params[" + index + "]";
    if (p == null || p.isBlank()) throw new TemplateException("parameter_empty", "El parámetro " + (index + 1) + " está vacío", field);
    if (p.contains("\n") || p.contains("\r") || p.contains("\t")) {
      throw new TemplateException("parameter_invalid_whitespace", "El parámetro " + (index + 1) + " contiene saltos de línea o tabulaciones", field);
    }
    if (p.contains("     ")) {
      throw new TemplateException("parameter_invalid_whitespace", "El parámetro " + (index + 1) + " contiene más de 4 espacios seguidos", field);
    }
  }

  static int placeholderCount(String text) {
    int max = 0;
    Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
    while (m.find()) max = Math.max(max, Integer.parseInt(m.group(1)));
    return max;
  }

  private static String fill(String text, List<String> params) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(params.get(Integer.parseInt(m.group(1)) - 1)));
    m.appendTail(sb);
    return sb.toString();
  }

  private static String fileNameOf(String link) {
    String path = link.replaceAll("[?#].*$", "");
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.isBlank() ? "documento.pdf" : last;
  }
}
