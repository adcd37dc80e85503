package com.conecta.hub.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The reports' CSV writes channel and stage keys by the names the screens show")
class ReportCsvNamesTheKeysTest {
  private static final Report REPORT = new Report("conversations", null, List.of(new ReportSection("volume_by_channel",
      "Volumen por canal", "Volume by channel", "bar", List.of("channel", "stage", "conversations"),
      List.of(List.of("email", "new", 3), List.of("webform", "gone_stage", 1)))));

  @Test
  @DisplayName("in Spanish: Correo, Formulario web and the company's stage name; a key with no name is written as it is")
  void spanish() {
    String csv = ReportCsv.write(REPORT, "es", new ReportCellNames("es", Map.of("new", "Nuevo")));
    assertEquals("\uFEFFVolumen por canal\r\nCanal;Etapa;Conversaciones\r\nCorreo;Nuevo;3\r\nFormulario web;gone_stage;1\r\n\r\n",
        csv);
  }

  @Test
  @DisplayName("in English: Email and Web form, with the English stage name")
  void english() {
    String csv = ReportCsv.write(REPORT, "en", new ReportCellNames("en", Map.of("new", "New")));
    assertEquals("Volume by channel\r\nChannel,Stage,Conversations\r\nEmail,New,3\r\nWeb form,gone_stage,1\r\n\r\n", csv);
  }
}
