package com.conecta.bots.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelWarmUpTest {

  @Test
  @DisplayName("warming up trains the intent model and reads the language model before any message arrives")
  void warmUpLeavesNothingForTheFirstMessage() {
    MessageUnderstanding understanding = new MessageUnderstanding(ZoneId.of("America/Santiago"));
    assertFalse(understanding.ready(), "building the facade is cheap: nothing is trained yet");
    understanding.warmUp();
    assertTrue(understanding.ready(), "both models are in memory after warm-up");
    assertEquals("quote_request", understanding.understand("cuanto sale instalar camaras en la bodega").intent());
  }
}
