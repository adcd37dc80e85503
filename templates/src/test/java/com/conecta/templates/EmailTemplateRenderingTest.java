package com.conecta.templates;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Email templates render subject, text and escaped html")
class EmailTemplateRenderingTest {
  private final TemplateCatalogue catalogue = TemplateCatalogue.load();
  private final EmailTemplateRenderer renderer = new EmailTemplateRenderer(catalogue);

  @Test
  @DisplayName("every email template renders in Spanish and English")
  void everyTemplateRenders() {
    assertEquals(6, catalogue.listEmail().size());
    for (EmailTemplate t : catalogue.listEmail()) {
      for (String lang : List.of("es", "en")) {
        RenderedEmail r = renderer.render(t.name(), lang, Map.of("contactName", "Ana", "subject", "Hola",
            "agents", List.of(Map.of("name", "Luis", "resolved", 3))));
        assertFalse(r.subject().isBlank(), t.name());
        assertFalse(r.html().isBlank(), t.name());
      }
    }
  }

  @Test
  @DisplayName("a script in a value is escaped in html and the subject stays on one line")
  void escapesScript() {
    RenderedEmail r = renderer.render("acuse_formulario_web", "fr",
        Map.of("contactName", "<script>alert(1)</script>", "referenceCode", "CNT-7K3Q9\r\nBcc: x@y"));
    assertFalse(r.html().contains("<script>"));
    assertTrue(r.html().contains("&lt;script&gt;"));
    assertTrue(r.text().contains("<script>"));
    assertFalse(r.subject().contains("\n"));
    assertTrue(r.subject().startsWith("Recibimos"));
  }
}
