package com.conecta.hub.bench;

import com.conecta.bots.nlp.MessageUnderstanding;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.Arrays;

/** The bot's understanding (language, intent, entities) of one message, timed in this JVM after a warm-up. */
final class BotUnderstandingPhase {
  private static final String[] MESSAGES = {"hola buenas", "cuanto sale un aire split 12000 btu instalado en maipu",
      "necesito que venga un tecnico el jueves", "el internet no funciona desde ayer",
      "donde viene mi pedido 12345", "ya hice la transferencia de la factura 3344",
      "quiero hablar con una persona", "no me manden mas mensajes", "ok gracias",
      "hi, I need a quote for 4 cameras please", "mi rut es 12.345.678-5, presupuesto 2 millones",
      "Les escribo por la mantención anual de los equipos de la clínica, son 14 splits de 18000 BTU instalados en "
          + "2021; necesitamos coordinar la visita antes de fin de mes", "BAJA", "si", "quiero cotizar 3 camaras"};

  private BotUnderstandingPhase() {}

  static JsonObject measure(BenchMode mode) {
    MessageUnderstanding understanding = new MessageUnderstanding(ZoneId.of("America/Santiago"));
    for (int i = 0; i < 2_000; i++) {
      understanding.understand(MESSAGES[i % MESSAGES.length]);
    }
    long[] ns = new long[mode.botMessages()];
    for (int i = 0; i < ns.length; i++) {
      long s = System.nanoTime();
      understanding.understand(MESSAGES[i % MESSAGES.length]);
      ns[i] = System.nanoTime() - s;
    }
    double mean = Arrays.stream(ns).average().orElse(0) / 1e3;
    Arrays.sort(ns);
    return new JsonObject().put("messages", ns.length).put("meanMicros", mean)
        .put("p50Micros", Latencies.pct(ns, .5) * 1e3).put("p99Micros", Latencies.pct(ns, .99) * 1e3);
  }
}
