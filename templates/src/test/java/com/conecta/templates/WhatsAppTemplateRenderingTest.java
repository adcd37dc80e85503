package com.conecta.templates;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("WhatsApp templates render to Cloud API components within WhatsApp's limits")
class WhatsAppTemplateRenderingTest {
  private final TemplateCatalogue catalogue = TemplateCatalogue.load();
  private final WhatsAppTemplateRenderer renderer = new WhatsAppTemplateRenderer(catalogue);

  private static List<String> sample(WhatsAppTemplate t, WhatsAppTemplateVariant v) {
    int n = WhatsAppTemplateRenderer.placeholderCount(v.body());
    List<String> p = new ArrayList<>();
    if ("document".equals(v.headerType()) || "image".equals(v.headerType())) p.add("https://files.example.com/q/COT-1.pdf");
    for (int i = 1; i <= n; i++) p.add("valor " + i);
    v.buttons().stream().filter(b -> "url".equals(b.type())).forEach(b -> p.add("abc123"));
    return p;
  }

  @Test
  @DisplayName("every catalogued template renders in Spanish and English with sample parameters")
  void everyTemplateRenders() {
    assertTrue(catalogue.listWhatsApp().size() >= 17);
    for (WhatsAppTemplate t : catalogue.listWhatsApp()) {
      assertEquals(java.util.Set.of("es", "en"), catalogue.languagesOf(t.name()), t.name());
      for (String lang : List.of("es", "en")) {
        RenderedWhatsAppTemplate r = renderer.render(t.name(), lang, sample(t, t.variants().get(lang)));
        assertEquals(lang.equals("es") ? "es" : "en_US", r.languageCode(), t.name());
        assertFalse(r.previewText().contains("{{"), t.name());
      }
    }
  }

  @Test
  @DisplayName("quick-reply components have the Cloud API shape of the fixture")
  void quickReplyShape() {
    RenderedWhatsAppTemplate r = renderer.render("entrega_programada_manana", "es", List.of("Mauricio", "P-1", "9 y 13 h"));
    assertEquals(Map.of("type", "body", "parameters", List.of(
        Map.of("type", "text", "text", "Mauricio"), Map.of("type", "text", "text", "P-1"), Map.of("type", "text", "text", "9 y 13 h"))),
        r.components().get(0));
    assertEquals(Map.of("type", "button", "sub_type", "quick_reply", "index", 1,
        "parameters", List.of(Map.of("type", "payload", "payload", "ENTREGA_REPROGRAMAR"))), r.components().get(2));
    assertTrue(r.previewText().startsWith("Hola Mauricio, la entrega de tu pedido P-1"));
  }

  @Test
  @DisplayName("a document header takes the first parameter as its link and a file name")
  void documentHeader() {
    RenderedWhatsAppTemplate r = renderer.render("cotizacion_enviada", "en",
        List.of("https://f.example.com/COT-9.pdf?x=1", "Ana", "COT-9", "USD 100", "30/11"));
    assertEquals(Map.of("type", "header", "parameters", List.of(Map.of("type", "document",
        "document", Map.of("link", "https://f.example.com/COT-9.pdf?x=1", "filename", "COT-9.pdf")))), r.components().get(0));
  }

  @Test
  @DisplayName("a missing language falls back to Spanish and an unknown template is refused")
  void fallbackAndUnknown() {
    assertEquals("es", renderer.render("pedido_en_reparto", "pt", List.of("A", "B")).languageCode());
    assertEquals("unknown_template", assertThrows(TemplateException.class,
        () -> renderer.render("no_existe", "es", List.of())).code());
  }

  @Test
  @DisplayName("a wrong number of parameters is refused")
  void wrongCount() {
    TemplateException e = assertThrows(TemplateException.class, () -> renderer.render("pedido_en_reparto", "es", List.of("A")));
    assertEquals("parameter_count", e.code());
    assertEquals("params", e.field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "a\nb", "a\tb", "a     b"})
  @DisplayName("empty parameters, newlines, tabs and more than four spaces are refused")
  void badParameter(String bad) {
    TemplateException e = assertThrows(TemplateException.class, () -> renderer.render("pedido_en_reparto", "es", List.of("A", bad)));
    assertEquals("params[1]", e.field());
  }

  @Test
  @DisplayName("a body over 1024 characters after filling is refused")
  void bodyTooLong() {
    assertEquals("body_too_long", assertThrows(TemplateException.class,
        () -> renderer.render("pedido_en_reparto", "es", List.of("A", "x".repeat(1100)))).code());
  }
}
