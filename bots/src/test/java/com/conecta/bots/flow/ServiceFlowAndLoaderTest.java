package com.conecta.bots.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceFlowAndLoaderTest {

  final FlowEngine engine = new FlowEngine(SalesFlowConversationTest.UNDERSTANDING, SalesFlowConversationTest.ZONE);

  @Test
  @DisplayName("the service flow identifies the customer and opens a visit ticket")
  void serviceFlowOpensTicket() {
    FlowDefinition service = new FlowLoader().load(Path.of("../config/bots/service.yaml"));
    BotStep s = engine.step(service, BotState.start("service"), BotInput.text("hola el aire no enfria", SalesFlowConversationTest.NOW));
    s = engine.step(service, s.next(), BotInput.text("Maria Perez", SalesFlowConversationTest.NOW));
    s = engine.step(service, s.next(), BotInput.text("12.345.678-5", SalesFlowConversationTest.NOW));
    s = engine.step(service, s.next(), BotInput.button("visit", SalesFlowConversationTest.NOW));
    s = engine.step(service, s.next(), BotInput.text("el split del living gotea y no enfria", SalesFlowConversationTest.NOW));
    BotOutcome.Ticket t = assertInstanceOf(BotOutcome.Ticket.class, s.outcomes().get(0));
    assertEquals("visit", t.kind());
    assertEquals("12345678-5", t.answers().get("customer_id"));
  }

  @Test
  @DisplayName("the loader rejects a flow with an unknown answer type, naming file and question")
  void brokenFlowIsRejected(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, """
        id: broken
        completion: lead
        greeting: {es: hola, en: hi}
        afterHours: {es: cerrado, en: closed}
        questions:
          - id: age
            type: number
            prompt: {es: edad, en: age}
            reask: {es: edad, en: age}
        """);
    FlowDefinitionException e = assertThrows(FlowDefinitionException.class, () -> new FlowLoader().load(f));
    assertTrue(e.getMessage().contains("broken.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("question 'age'"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown type 'number'"), e.getMessage());
  }

  @Test
  @DisplayName("the loader rejects a question whose prompt lacks the English text")
  void missingEnglishPromptIsRejected(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("noen.yaml");
    Files.writeString(f, """
        id: x
        completion: ticket
        greeting: {es: hola, en: hi}
        afterHours: {es: cerrado, en: closed}
        questions:
          - {id: problem, type: text, prompt: {es: cuentame}, reask: {es: a, en: b}}
        """);
    FlowDefinitionException e = assertThrows(FlowDefinitionException.class, () -> new FlowLoader().load(f));
    assertTrue(e.getMessage().contains("'prompt' needs texts for es and en"), e.getMessage());
  }
}
