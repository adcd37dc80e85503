package com.conecta.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Email layouts of the catalogue")
class EmailLayoutsTest {
  private final EmailLayouts layouts = EmailLayouts.load();
  private final Map<String, String> values = Map.of("body", "Hola <b>Juan</b>,\nadjunto & saludos", "agentName", "Ana Rojas",
      "companyName", "Demo Conecta", "subject", "Cotización");

  @Test
  @DisplayName("the reply layout escapes every value in HTML and keeps line breaks, while the text part stays plain")
  void escapesHtml() {
    EmailLayouts.RenderedEmail e = layouts.render("reply", "es", values);
    assertTrue(e.html().contains("Hola &lt;b&gt;Juan&lt;/b&gt;,<br>adjunto &amp; saludos"), e.html());
    assertFalse(e.html().contains("<b>Juan"));
    assertTrue(e.text().startsWith("Hola <b>Juan</b>,\nadjunto & saludos\n\n--\nAna Rojas\nDemo Conecta"), e.text());
    assertTrue(e.text().contains("responda a este correo"));
  }

  @Test
  @DisplayName("English readers get the English layout; an unknown language falls back to Spanish")
  void languages() {
    assertTrue(layouts.render("reply", "en", values).text().contains("just reply to this email"));
    assertTrue(layouts.render("reply", "pt", values).html().contains("lang=\"es\""));
  }

  @Test
  @DisplayName("an unknown layout is refused by name")
  void unknownLayout() {
    assertEquals("unknown_layout", assertThrows(TemplateException.class, () -> layouts.render("nope", "es", values)).code());
  }
}
