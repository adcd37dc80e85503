package com.conecta.templates;

import static org.junit.jupiter.api.Assertions.*;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("Rendered components have the same keys as Meta's template request fixture")
class CloudApiComponentsShapeTest {
  private static final Path FIXTURE = Path.of("/work/shared/fixtures/whatsapp-cloud/send/template-with-quick-reply-buttons-request.json");

  @Test
  @DisplayName("body and quick-reply button components use the fixture's keys and value types")
  @SuppressWarnings("unchecked")
  void sameShape() throws Exception {
    Assumptions.assumeTrue(Files.exists(FIXTURE), "shared fixture not present");
    Map<String, Object> root;
    try (Reader r = Files.newBufferedReader(FIXTURE)) {
      root = new Yaml().load(r);
    }
    List<Map<String, Object>> expected = (List<Map<String, Object>>) ((Map<String, Object>) root.get("template")).get("components");
    var rendered = new WhatsAppTemplateRenderer(TemplateCatalogue.load())
        .render("entrega_programada_manana", "es", List.of("Mauricio", "P-1", "9 y 13 h")).components();
    assertEquals(shape(expected.get(0)), shape(rendered.get(0)));
    assertEquals(shape(expected.get(1)), shape(rendered.get(1)));
    assertEquals(expected.get(1).get("index").getClass(), rendered.get(1).get("index").getClass());
  }

  @SuppressWarnings("unchecked")
  private static String shape(Map<String, Object> c) {
    List<Map<String, Object>> params = (List<Map<String, Object>>) c.get("parameters");
    return new TreeSet<>(c.keySet()) + " " + c.get("type") + " " + c.get("sub_type") + " " + new TreeSet<>(params.get(0).keySet())
        + " " + params.get(0).get("type");
  }
}
