package com.conecta.bots.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutOfScopeHandoffTest {
  final FlowEngine engine = new FlowEngine(SalesFlowConversationTest.UNDERSTANDING, SalesFlowConversationTest.ZONE);
  final FlowDefinition sales = SalesFlowConversationTest.LOADER.load(Path.of("../config/bots/sales.yaml"));
  final FlowDefinition service = SalesFlowConversationTest.LOADER.load(Path.of("../config/bots/service.yaml"));

  BotStep say(FlowDefinition flow, BotState s, String text) {
    return engine.step(flow, s, BotInput.text(text, SalesFlowConversationTest.NOW));
  }

  @Test
  @DisplayName("two payment questions in the sales flow: first a polite 'not here', then a hand-off as out_of_scope")
  void paymentTwiceInSales() {
    BotStep s = say(sales, BotState.start("sales"), "hola");
    s = say(sales, s.next(), "me llamo Ana");
    s = say(sales, s.next(), "cuanto debo de la factura 4512? quiero pagarla por transferencia");
    assertTrue(s.outcomes().isEmpty());
    assertTrue(s.replies().get(0).text().contains("no lo puedo resolver"), s.replies().toString());
    assertEquals(1, s.next().offScope());
    s = say(sales, s.next(), "necesito el comprobante de pago de mi factura atrasada");
    assertEquals("out_of_scope", assertInstanceOf(BotOutcome.Handoff.class, s.outcomes().get(0)).reason());
  }

  @Test
  @DisplayName("an emoji and then an off-scope question is 'not understood', not 'out of scope'")
  void mixedMissesAreNotUnderstood() {
    BotStep s = say(sales, BotState.start("sales"), "hola");
    s = say(sales, s.next(), "me llamo Ana");
    s = say(sales, s.next(), "🙏");
    assertEquals(0, s.next().offScope());
    s = say(sales, s.next(), "cuanto debo de la factura 4512?");
    assertEquals("not_understood", assertInstanceOf(BotOutcome.Handoff.class, s.outcomes().get(0)).reason());
  }

  @Test
  @DisplayName("the state's off-scope count survives storage; older stored states without it read as zero")
  void stateRoundTrip() {
    BotState s = new BotState("sales", "es", 2, true, false, 1, Map.of("name", "Ana"), Map.of(), 1);
    assertEquals(s, BotState.fromMap(s.toMap()));
    Map<String, Object> old = new java.util.HashMap<>(s.toMap());
    old.remove("offScope");
    assertEquals(0, BotState.fromMap(old).offScope());
  }

  @Test
  @DisplayName("a visit request names its day: the ticket outcome carries the date entity")
  void visitDate() {
    BotStep s = say(service, BotState.start("service"), "hola");
    s = say(service, s.next(), "Ana Rojas");
    s = say(service, s.next(), "12.345.678-5");
    s = say(service, s.next(), "agendar visita");
    s = say(service, s.next(), "mantencion del aire, pueden venir el jueves?");
    BotOutcome.Ticket t = assertInstanceOf(BotOutcome.Ticket.class, s.outcomes().get(0));
    assertEquals("visit", t.kind());
    assertEquals("2026-11-19", t.visitDate(), "the Thursday after Wednesday 18 November 2026");
  }
}
