package com.conecta.bots.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnderstandingNeverThrowsTest {

  private final MessageUnderstanding understanding = new MessageUnderstanding(ZoneId.of("America/Santiago"));

  @Test
  @DisplayName("empty, null and emoji-only messages are 'other' with low confidence in Spanish")
  void emptyAndEmoji() {
    for (String s : new String[] {"", null, "   ", "😀😀🙏", "!!!"}) {
      Understanding u = understanding.understand(s);
      assertEquals("other", u.intent());
      assertTrue(u.confidence() < 0.5);
      assertEquals("es", u.language());
    }
  }

  @Test
  @DisplayName("a 5,000 character mixed-language message is understood without throwing")
  void longMixed() {
    String s = "hola necesito cotizar camaras, please send price 12.345.678-5 ".repeat(90);
    Understanding u = understanding.understand(s.substring(0, 5000));
    assertTrue(u.entities().size() > 10);
  }

  @Test
  @DisplayName("typical Spanish and English messages get the right language and intent")
  void typicalMessages() {
    assertEquals("es", understanding.understand("hola").language());
    assertEquals("es", understanding.understand("ok").language());
    assertEquals("en", understanding.understand("hello").language());
    Understanding q = understanding.understand("wena, cuanto sale un aire split instalado en Maipu?");
    assertEquals("es", q.language());
    assertEquals("quote_request", q.intent());
    Understanding en = understanding.understand("I would like to talk to a person please");
    assertEquals("en", en.language());
    assertEquals("human_agent", en.intent());
    assertEquals("opt_out", understanding.understand("no me manden mas mensajes").intent());
  }
}
