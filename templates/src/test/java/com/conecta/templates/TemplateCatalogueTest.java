package com.conecta.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The WhatsApp template catalogue")
class TemplateCatalogueTest {
  private final TemplateCatalogue catalogue = TemplateCatalogue.load();

  @Test
  @DisplayName("every template renders in Spanish and English with sample parameters")
  void everyTemplateRendersInBothLanguages() {
    assertTrue(catalogue.all().size() >= 15);
    for (WhatsAppTemplate t : catalogue.all()) {
      List<String> params = Collections.nCopies(t.params().size(), "Valor");
      for (String lang : List.of("es", "en")) {
        RenderedTemplate r = catalogue.render(t.name(), lang, params);
        assertEquals(lang, r.languageCode(), t.name());
        assertTrue(!r.preview().contains("{{"), t.name() + " " + lang + ": " + r.preview());
      }
    }
  }

  @Test
  @DisplayName("components have the Cloud API's body-parameter shape and the preview reads as the customer will")
  void componentsAndPreview() {
    RenderedTemplate r = catalogue.render("seguimiento_cotizacion", "es", List.of("Marta", "COT-1001"));
    assertEquals(List.of(Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "Marta"),
        Map.of("type", "text", "text", "COT-1001")))), r.components());
    assertTrue(r.preview().startsWith("Hola Marta, le escribimos por la cotización COT-1001."));
  }

  @Test
  @DisplayName("a missing language falls back to Spanish; unknown templates and bad parameters are refused with a code")
  void refusals() {
    assertEquals("es", catalogue.render("saludo_bienvenida", "pt", List.of("Ana")).languageCode());
    assertEquals("unknown_template", assertThrows(TemplateException.class,
        () -> catalogue.render("no_existe", "es", List.of())).code());
    assertEquals("wrong_parameters", assertThrows(TemplateException.class,
        () -> catalogue.render("saludo_bienvenida", "es", List.of())).code());
    for (String bad : List.of("", "dos\nlíneas", "con\ttab", "muchos      espacios")) {
      assertEquals("invalid_parameter", assertThrows(TemplateException.class,
          () -> catalogue.render("saludo_bienvenida", "es", List.of(bad))).code(), bad);
    }
    assertEquals("body_too_long", assertThrows(TemplateException.class,
        () -> catalogue.render("saludo_bienvenida", "es", List.of("x".repeat(1020)))).code());
  }

  @Test
  @DisplayName("a catalogue whose text and parameter list disagree does not load")
  void inconsistentCatalogueIsRefused() {
    Object broken = Map.of("templates", List.of(Map.of("name", "roto", "params", List.of("a"),
        "languages", Map.of("es", Map.of("body", "Hola {{1}} {{2}}")))));
    assertThrows(IllegalStateException.class, () -> TemplateCatalogue.parse(broken));
  }

  @Test
  @DisplayName("a template listed twice stops the load instead of silently replacing the first")
  void duplicateNamesAreRefused() {
    Map<String, Object> t = Map.of("name", "twice", "category", "utility", "params", List.of(),
        "languages", Map.of("es", Map.of("body", "Hola")));
    assertThrows(IllegalStateException.class,
        () -> TemplateCatalogue.parse(Map.of("templates", List.of(t, t))));
  }
}
