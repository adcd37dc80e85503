package com.conecta.bots.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 21 item 5: the bot reads all of a message, understands budgets as people type them, and sums up once. */
class BotUsesWhatTheCustomerSaysTest {

  final FlowEngine engine = new FlowEngine(SalesFlowConversationTest.UNDERSTANDING, SalesFlowConversationTest.ZONE);
  final FlowDefinition sales = new FlowLoader().load(Path.of("../config/bots/sales.yaml"));

  BotStep say(BotState s, String text) {
    return engine.step(sales, s, BotInput.text(text, SalesFlowConversationTest.NOW));
  }

  static String texts(BotStep s) {
    return s.replies().stream().map(BotReply::text).collect(Collectors.joining("\n"));
  }

  @Test
  @DisplayName("'20 extintores para mi empresa en Santiago' answers business, the area and the city, and keeps 20 extintores")
  void firstMessageIsUsedWhole() {
    BotStep s = say(BotState.start("sales"), "20 extintores para mi empresa en Santiago");
    assertFalse(texts(s).contains("no lo puedo resolver"), texts(s));
    s = say(s.next(), "Pedro Soto");
    // home-or-business is known from "empresa": the next question is the company's tax id
    assertTrue(texts(s).contains("RUT"), texts(s));
    s = say(s.next(), "76.086.428-5");
    // area (extintores → seguridad) and city (Santiago) are known: next is urgency
    assertEquals(3, s.replies().get(0).buttons().size(), texts(s));
    s = say(s.next(), "esta semana");
    s = say(s.next(), "2.000.000");
    BotOutcome.Lead lead = assertInstanceOf(BotOutcome.Lead.class, s.outcomes().get(0));
    assertEquals("business", lead.answers().get("customer_type"));
    assertEquals("seguridad", lead.answers().get("interest_area"));
    assertEquals("Santiago", lead.answers().get("city"));
    assertEquals("20", lead.answers().get("quantity"));
    assertEquals("extintores", lead.answers().get("product"));
    assertEquals("2000000 CLP", lead.answers().get("budget"));
    assertEquals("A", lead.priority());
  }

  @ParameterizedTest(name = "budget \"{0}\"")
  @ValueSource(strings = {"2.000.000", "$2.000.000", "2 millones", "2MM", "unos 2000000", "2.000.000 pesos"})
  @DisplayName("a budget typed as people type it is understood the first time")
  void budgetsAsPeopleTypeThem(String typed) {
    BotStep s = say(BotState.start("sales"), "hola, necesito camaras para la casa en Ñuñoa");
    s = say(s.next(), "Ana");
    s = say(s.next(), "este mes");
    s = say(s.next(), typed);
    BotOutcome.Lead lead = assertInstanceOf(BotOutcome.Lead.class, s.outcomes().get(0), texts(s));
    assertEquals("2000000 CLP", lead.answers().get("budget"));
  }

  @Test
  @DisplayName("the hand-off summary has short labels and amounts as written in Chile, and is not repeated to the customer")
  void summaryHasLabelsAndFormattedAmounts() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "Pedro");
    s = say(s.next(), "empresa");
    s = say(s.next(), "76086428-5");
    s = say(s.next(), "cámaras");
    s = say(s.next(), "Providencia");
    s = say(s.next(), "al tiro");
    s = say(s.next(), "$2.000.000");
    BotOutcome.Lead lead = assertInstanceOf(BotOutcome.Lead.class, s.outcomes().get(0));
    String summary = lead.summary();
    assertTrue(summary.contains("• Presupuesto: $2.000.000"), summary);
    assertTrue(summary.contains("• RUT/NIT: 76.086.428-5"), summary);
    assertTrue(summary.contains("• Tipo de cliente: Empresa"), summary);
    assertFalse(summary.contains("ej:") || summary.contains("¿"), "no question texts or examples: " + summary);
    assertFalse(texts(s).contains("Presupuesto"), "the customer is thanked, the summary is for the salesperson: " + texts(s));
  }

  @Test
  @DisplayName("a product outside the list of areas is kept as the customer wrote it instead of being refused")
  void productOutsideTheListIsKept() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "Pedro");
    s = say(s.next(), "casa");
    s = say(s.next(), "bombas de agua para el riego");
    assertFalse(texts(s).contains("no lo puedo resolver") || texts(s).contains("Elige un área"), texts(s));
    assertEquals("other", s.next().answers().get("interest_area"));
    assertEquals("bombas de agua para el riego", s.next().answers().get("interest_area_text"));
    assertTrue(FlowEngine.summary(sales, s.next().answers(), "es").contains("• Necesita: bombas de agua para el riego"));
  }
}
