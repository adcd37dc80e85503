package com.conecta.bots.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.bots.nlp.MessageUnderstanding;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SalesFlowConversationTest {

  static final ZoneId ZONE = ZoneId.of("America/Santiago");
  static final Instant NOW = Instant.parse("2026-11-18T15:00:00Z");
  // One trained model for the whole class, as the hub holds one instance.
  static final MessageUnderstanding UNDERSTANDING = new MessageUnderstanding(ZONE);
  static final FlowLoader LOADER = new FlowLoader();

  final FlowEngine engine = new FlowEngine(UNDERSTANDING, ZONE);
  final FlowDefinition sales = LOADER.load(Path.of("../config/bots/sales.yaml"));

  BotStep say(BotState s, String text) {
    return engine.step(sales, s, BotInput.text(text, NOW));
  }

  @Test
  @DisplayName("a full Spanish sales conversation yields an A lead and a hand-off with a Spanish summary")
  void spanishConversation() {
    BotStep s = say(BotState.start("sales"), "wena, cuanto sale instalar camaras?");
    assertEquals("es", s.next().language());
    s = say(s.next(), "me llamo Pedro Soto");
    s = say(s.next(), "empresa");
    s = say(s.next(), "76.123.456-0");
    // interest area came from the first message ("camaras"), so the next question is the city
    assertTrue(s.replies().get(0).text().contains("comuna"), s.replies().toString());
    s = say(s.next(), "en Ñuñoa");
    s = say(s.next(), "al tiro porfa");
    s = say(s.next(), "unos 2 millones");
    assertEquals(2, s.outcomes().size());
    BotOutcome.Lead lead = assertInstanceOf(BotOutcome.Lead.class, s.outcomes().get(0));
    assertEquals(90, lead.score());
    assertEquals("A", lead.priority());
    assertEquals("seguridad", lead.interestArea());
    assertEquals("76123456-0", lead.answers().get("tax_id"));
    assertEquals("Nunoa", lead.answers().get("city"));
    assertEquals("Pedro Soto", lead.answers().get("name"));
    assertTrue(lead.summary().contains("Cámaras/seguridad"));
    assertEquals("flow_completed", assertInstanceOf(BotOutcome.Handoff.class, s.outcomes().get(1)).reason());
    assertTrue(s.next().finished());
  }

  @Test
  @DisplayName("a full English conversation with button taps yields a C lead in English")
  void englishConversation() {
    BotStep s = say(BotState.start("sales"), "Hello, I would like some information please");
    assertEquals("en", s.next().language());
    s = say(s.next(), "my name is John Smith");
    s = engine.step(sales, s.next(), BotInput.button("residential", NOW));
    assertTrue(s.replies().get(0).listRows().size() == 5, "five areas go in a list");
    s = say(s.next(), "solar");
    s = say(s.next(), "Santa Cruz");
    assertEquals(3, s.replies().get(0).buttons().size());
    s = say(s.next(), "2");
    s = say(s.next(), "not sure");
    BotOutcome.Lead lead = assertInstanceOf(BotOutcome.Lead.class, s.outcomes().get(0));
    assertEquals(15, lead.score());
    assertEquals("C", lead.priority());
    assertTrue(lead.summary().contains("This month"), lead.summary());
  }

  @Test
  @DisplayName("an email and city given in the first message are not asked again")
  void entityPrefillSkipsQuestions() {
    BotStep s = say(BotState.start("sales"), "hola soy de temuco, necesito paneles solares, mi correo es ana@mail.cl");
    s = say(s.next(), "Ana");
    s = say(s.next(), "casa");
    // area (solar) and city (Temuco) are known: next is urgency
    assertEquals(3, s.replies().get(0).buttons().size());
    assertEquals("Temuco", s.next().answers().get("city"));
    assertEquals("solar", s.next().answers().get("interest_area"));
  }

  @Test
  @DisplayName("a business RUT with a wrong check digit is asked again")
  void badRutIsReasked() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "Pedro");
    s = say(s.next(), "empresa");
    s = say(s.next(), "76.123.456-1");
    assertTrue(s.replies().get(0).text().contains("dígito verificador"));
    assertEquals(1, s.next().misses());
    s = say(s.next(), "76.123.456-0");
    assertEquals("76123456-0", s.next().answers().get("tax_id"));
  }

  @Test
  @DisplayName("two answers in a row that are not understood hand off instead of looping")
  void twoMissesHandOff() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "Pedro");
    s = say(s.next(), "mmm");
    assertTrue(s.outcomes().isEmpty());
    s = engine.step(sales, s.next(), BotInput.button("no-such-button", NOW));
    assertEquals("not_understood", assertInstanceOf(BotOutcome.Handoff.class, s.outcomes().get(0)).reason());
  }

  @Test
  @DisplayName("a sticker gets a 'please write it' re-ask that counts as not understood")
  void stickerCountsAsMiss() {
    BotStep s = say(BotState.start("sales"), "hola");
    BotInput sticker = new BotInput(null, null, BotInput.MessageKind.STICKER, Map.of(), NOW, true, null);
    s = engine.step(sales, s.next(), sticker);
    assertTrue(s.replies().get(0).text().contains("escribes"));
    s = engine.step(sales, s.next(), sticker);
    assertInstanceOf(BotOutcome.Handoff.class, s.outcomes().get(0));
  }

  @Test
  @DisplayName("asking for a person mid-flow hands off")
  void humanAgentMidFlow() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "Pedro");
    s = say(s.next(), "quiero hablar con una persona");
    assertEquals("human_agent", assertInstanceOf(BotOutcome.Handoff.class, s.outcomes().get(0)).reason());
  }

  @Test
  @DisplayName("a valid choice answer that mentions a person ('persona natural') is an answer, not a hand-off")
  void choiceAnswerBeatsHandoffIntent() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "Pedro");
    s = say(s.next(), "persona natural");
    assertTrue(s.outcomes().isEmpty());
    assertEquals("residential", s.next().answers().get("customer_type"));
  }

  @Test
  @DisplayName("the conversation switches to English when the customer clearly writes English")
  void languageSwitch() {
    BotStep s = say(BotState.start("sales"), "hola");
    assertEquals("es", s.next().language());
    s = say(s.next(), "sorry, I do not speak Spanish, my name is John");
    assertEquals("en", s.next().language());
  }

  @Test
  @DisplayName("opting out ends the conversation with one confirmation and an OPT_OUT outcome")
  void optOut() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "no me manden mas mensajes");
    assertEquals(List.of(new BotOutcome.OptOut()), s.outcomes());
    assertEquals(1, s.replies().size());
    assertTrue(s.next().finished());
  }

  @Test
  @DisplayName("the state survives a trip through toMap/fromMap mid-flow, as after a hub restart")
  void stateRoundTrip() {
    BotStep s = say(BotState.start("sales"), "hola");
    s = say(s.next(), "Pedro");
    Map<String, Object> stored = s.next().toMap();
    BotState restored = BotState.fromMap(stored);
    assertEquals(s.next(), restored);
    s = say(restored, "empresa");
    assertEquals("business", s.next().answers().get("customer_type"));
  }

  @Test
  @DisplayName("outside business hours the greeting says when a person will answer and still qualifies")
  void afterHoursGreeting() {
    BotInput in = new BotInput("hola", null, BotInput.MessageKind.TEXT, Map.of(), NOW, false, "mañana a las 9:00");
    BotStep s = engine.step(sales, BotState.start("sales"), in);
    assertTrue(s.replies().get(0).text().contains("mañana a las 9:00"));
    assertEquals(2, s.replies().size());
  }

  @Test
  @DisplayName("empty, emoji-only, 5,000-character and unknown-payload inputs never throw and never loop")
  void badInputs() {
    String big = "x".repeat(5000);
    for (String t : new String[] {"", "😀😀", big, null}) {
      BotStep s = say(BotState.start("sales"), "hola");
      s = say(s.next(), t);
      s = say(s.next(), t);
      s = say(s.next(), "😀");
      assertTrue(s.next().finished() || !s.outcomes().isEmpty() || s.next().misses() < 2);
    }
    BotStep s = engine.step(sales, BotState.start("sales"), BotInput.button("zzz", NOW));
    assertFalse(s.replies().isEmpty());
  }
}
