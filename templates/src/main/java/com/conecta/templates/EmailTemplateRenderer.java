package com.conecta.templates;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import java.util.Map;

/** Fills a catalogued email; values are HTML-escaped in the html part, kept as given in subject and text. */
public final class EmailTemplateRenderer {
  private final TemplateCatalogue catalogue;
  private final Mustache.Compiler plain = Mustache.compiler().withEscaper(Escapers.NONE).defaultValue("");
  private final Mustache.Compiler html = Mustache.compiler().withEscaper(Escapers.HTML).defaultValue("");

  public EmailTemplateRenderer(TemplateCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  public RenderedEmail render(String name, String language, Map<String, Object> model) {
    EmailTemplate t = catalogue.findEmail(name)
        .orElseThrow(() -> new TemplateException("unknown_template", "No existe la plantilla de correo " + name, "name"));
    EmailTemplate.EmailTemplateVariant v = t.variants().get(language);
    if (v == null) v = t.variants().get(WhatsAppTemplateRenderer.DEFAULT_LANGUAGE);
    if (v == null) throw new TemplateException("unknown_language", "La plantilla " + name + " no tiene idioma " + language, "language");
    Map<String, Object> m = model == null ? Map.of() : model;
    // Subjects are one header line: a value with a newline must not start a new header.
    String subject = plain.compile(v.subject()).execute(m).replaceAll("[\\r\\n]+", " ").trim();
    return new RenderedEmail(subject, plain.compile(v.text()).execute(m), html.compile(v.html()).execute(m));
  }
}
