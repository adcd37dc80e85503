package com.conecta.templates;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The WhatsApp and email templates Conecta knows, loaded once from {@code templates/catalogue.yaml}. */
public final class TemplateCatalogue {
  public static final String DEFAULT_RESOURCE = "templates/catalogue.yaml";

  private final Map<String, WhatsAppTemplate> whatsApp;
  private final Map<String, EmailTemplate> email;

  private TemplateCatalogue(Map<String, WhatsAppTemplate> whatsApp, Map<String, EmailTemplate> email) {
    this.whatsApp = Map.copyOf(whatsApp);
    this.email = Map.copyOf(email);
  }

  public static TemplateCatalogue load() {
    return load(DEFAULT_RESOURCE);
  }

  public static TemplateCatalogue load(String resource) {
    try (InputStream in = TemplateCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new TemplateException("catalogue_missing", "No template catalogue at " + resource, resource);
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new TemplateCatalogue(parseWhatsApp(map(root.get("whatsapp"))), parseEmail(map(root.get("email"))));
    } catch (IOException e) {
      throw new TemplateException("catalogue_unreadable", "Could not read " + resource + ": " + e.getMessage(), resource);
    }
  }

  public List<WhatsAppTemplate> listWhatsApp() {
    return whatsApp.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  public List<EmailTemplate> listEmail() {
    return email.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  public Optional<WhatsAppTemplate> findWhatsApp(String name) {
    return Optional.ofNullable(whatsApp.get(name));
  }

  public Optional<EmailTemplate> findEmail(String name) {
    return Optional.ofNullable(email.get(name));
  }

  /** Languages of a WhatsApp or email template with that name; empty when unknown. */
  public Set<String> languagesOf(String name) {
    if (whatsApp.containsKey(name)) return whatsApp.get(name).languages();
    if (email.containsKey(name)) return email.get(name).variants().keySet();
    return Set.of();
  }

  private static Map<String, WhatsAppTemplate> parseWhatsApp(Map<String, Object> section) {
    Map<String, WhatsAppTemplate> out = new LinkedHashMap<>();
    section.forEach((name, raw) -> {
      Map<String, Object> t = map(raw);
      Map<String, WhatsAppTemplateVariant> variants = new LinkedHashMap<>();
      map(t.get("languages")).forEach((lang, v) -> variants.put(lang, variant(lang, map(v))));
      List<String> params = new ArrayList<>();
      for (Object p : list(t.get("parameters"))) params.add(String.valueOf(p));
      out.put(name, new WhatsAppTemplate(name, str(t.get("category")), str(t.get("description")), params, variants));
    });
    return out;
  }

  private static WhatsAppTemplateVariant variant(String lang, Map<String, Object> v) {
    Map<String, Object> header = map(v.get("header"));
    List<WhatsAppButton> buttons = new ArrayList<>();
    for (Object b : list(v.get("buttons"))) {
      Map<String, Object> bm = map(b);
      buttons.add(new WhatsAppButton(str(bm.get("type")), str(bm.get("text")), str(bm.get("payload")), str(bm.get("url"))));
    }
    String code = v.get("code") == null ? lang : str(v.get("code"));
    return new WhatsAppTemplateVariant(lang, code, header.isEmpty() ? "none" : str(header.get("type")),
        str(header.get("text")), str(v.get("body")), str(v.get("footer")), buttons);
  }

  private static Map<String, EmailTemplate> parseEmail(Map<String, Object> section) {
    Map<String, EmailTemplate> out = new LinkedHashMap<>();
    section.forEach((name, raw) -> {
      Map<String, EmailTemplate.EmailTemplateVariant> variants = new LinkedHashMap<>();
      map(raw).forEach((lang, v) -> {
        Map<String, Object> m = map(v);
        variants.put(lang, new EmailTemplate.EmailTemplateVariant(str(m.get("subject")), str(m.get("text")), str(m.get("html"))));
      });
      out.put(name, new EmailTemplate(name, variants));
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
