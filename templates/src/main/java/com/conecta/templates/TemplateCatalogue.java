package com.conecta.templates;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The approved WhatsApp templates (templates/whatsapp.yaml) and their rendering, checked against WhatsApp's limits
 * before anything is sent. Spanish is the fallback language.
 */
public final class TemplateCatalogue {
  static final int MAX_BODY = 1024;
  static final int MAX_PARAM = 1024;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");
  private static final Pattern TOO_MANY_SPACES = Pattern.compile(" {5,}");
  private final Map<String, WhatsAppTemplate> templates;

  private TemplateCatalogue(Map<String, WhatsAppTemplate> templates) {
    this.templates = templates;
  }

  public static TemplateCatalogue load() {
    try (InputStream in = TemplateCatalogue.class.getResourceAsStream("/templates/whatsapp.yaml")) {
      if (in == null) {
        throw new IllegalStateException("templates/whatsapp.yaml is missing from the classpath");
      }
      return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
    } catch (IOException e) {
      throw new IllegalStateException("templates/whatsapp.yaml cannot be read", e);
    }
  }

  @SuppressWarnings("unchecked")
  static TemplateCatalogue parse(Object root) {
    Map<String, WhatsAppTemplate> out = new LinkedHashMap<>();
    List<Map<String, Object>> list = (List<Map<String, Object>>) ((Map<String, Object>) root).get("templates");
    for (Map<String, Object> t : list) {
      String name = String.valueOf(t.get("name"));
      // Merged branches may both add a template: the second would silently replace the first.
      if (out.containsKey(name)) {
        throw new IllegalStateException("template " + name + " is listed twice in templates/whatsapp.yaml");
      }
      List<String> params = t.get("params") == null ? List.of() : ((List<Object>) t.get("params")).stream().map(String::valueOf).toList();
      Map<String, WhatsAppTemplate.Language> languages = new LinkedHashMap<>();
      ((Map<String, Map<String, Object>>) t.get("languages")).forEach((code, l) -> {
        List<String> replies = new ArrayList<>();
        if (l.get("buttons") instanceof List<?> buttons) {
          for (Object b : buttons) {
            replies.add(String.valueOf(((Map<String, Object>) b).get("text")));
          }
        }
        String body = String.valueOf(l.get("body"));
        int placeholders = 0;
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
          placeholders = Math.max(placeholders, Integer.parseInt(m.group(1)));
        }
        if (placeholders != params.size()) {
          throw new IllegalStateException("template " + name + " (" + code + ") has " + placeholders
              + " placeholders but describes " + params.size() + " parameters");
        }
        languages.put(code, new WhatsAppTemplate.Language(body, (String) l.get("footer"), List.copyOf(replies)));
      });
      out.put(name, new WhatsAppTemplate(name, String.valueOf(t.get("category")), params, Map.copyOf(languages)));
    }
    return new TemplateCatalogue(out);
  }

  public List<WhatsAppTemplate> all() {
    return List.copyOf(templates.values());
  }

  public WhatsAppTemplate find(String name) {
    WhatsAppTemplate t = templates.get(name);
    if (t == null) {
      throw new TemplateException("unknown_template", "there is no approved template named '" + name + "'", "template.name");
    }
    return t;
  }

  /** Fills the template for one recipient, in their language when it exists, else Spanish. */
  public RenderedTemplate render(String name, String language, List<String> params) {
    WhatsAppTemplate t = find(name);
    String code = language != null && t.languages().containsKey(language) ? language : "es";
    WhatsAppTemplate.Language l = t.languages().get(code);
    if (l == null) {
      throw new TemplateException("unknown_language", "template '" + name + "' has no Spanish version", "template.language");
    }
    if (params.size() != t.params().size()) {
      throw new TemplateException("wrong_parameters", "template '" + name + "' takes " + t.params().size()
          + " parameters (" + String.join(", ", t.params()) + "), got " + params.size(), "template.params");
    }
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      String p = params.get(i);
      if (p == null || p.isBlank() || p.contains("\n") || p.contains("\t") || TOO_MANY_SPACES.matcher(p).find()
          || p.length() > MAX_PARAM) {
        throw new TemplateException("invalid_parameter", "parameter " + (i + 1) + " (" + t.params().get(i)
            + ") must be non-empty text on one line, without tabs or runs of spaces", "template.params");
      }
      parameters.add(Map.of("type", "text", "text", p));
    }
    Matcher m = PLACEHOLDER.matcher(l.body());
    StringBuilder preview = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(preview, Matcher.quoteReplacement(params.get(Integer.parseInt(m.group(1)) - 1)));
    }
    m.appendTail(preview);
    if (preview.length() > MAX_BODY) {
      throw new TemplateException("body_too_long", "the filled body is over WhatsApp's " + MAX_BODY + " characters",
          "template.params");
    }
    List<Map<String, Object>> components = new ArrayList<>();
    if (!parameters.isEmpty()) {
      components.add(Map.of("type", "body", "parameters", parameters));
    }
    return new RenderedTemplate(name, code, List.copyOf(components), preview.toString());
  }
}
