package com.conecta.bots.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The trained intent model is kept on disk by corpus")
class TrainedModelIsCachedByCorpusTest {
  private static final List<String> PROBES = List.of("cuanto sale instalar camaras en la bodega", "hola buenas tardes",
      "quiero agendar una visita tecnica el martes", "how much for 20 extinguishers", "gracias, chao");

  @TempDir
  Path cache;

  @Test
  @DisplayName("a second start on the same corpus reads the model from disk and understands exactly as the trained one")
  void secondStartReadsTheSameModel() throws Exception {
    IntentCorpus corpus = IntentCorpus.standard();
    TextNormalizer normalizer = new TextNormalizer();
    IntentClassifier trained = new IntentClassifier(normalizer, corpus, IntentModelCache.in(cache));
    long t0 = System.nanoTime();
    trained.train();
    long trainMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(1, files().size(), "one model file for the corpus");
    long written = Files.getLastModifiedTime(files().get(0)).toMillis();

    IntentClassifier read = new IntentClassifier(normalizer, corpus, IntentModelCache.in(cache));
    t0 = System.nanoTime();
    read.train();
    long readMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("intent model: trained in %d ms, read from the cache in %d ms%n", trainMs, readMs);
    assertEquals(written, Files.getLastModifiedTime(files().get(0)).toMillis(), "the cached file is not rewritten");
    for (String probe : PROBES) {
      assertEquals(trained.classify(probe), read.classify(probe), probe);
    }
  }

  @Test
  @DisplayName("a changed corpus is trained afresh under another file and answers by its own examples")
  void changedCorpusIsTrainedAgain() throws Exception {
    IntentCorpus standard = IntentCorpus.standard();
    new IntentClassifier(new TextNormalizer(), standard, IntentModelCache.in(cache)).train();
    List<IntentCorpus.Example> more = new ArrayList<>(standard.examples());
    for (int i = 0; i < 40; i++) {
      more.add(new IntentCorpus.Example("visit_request", "zorblax frobnicar " + i));
    }
    IntentClassifier changed = new IntentClassifier(new TextNormalizer(), new IntentCorpus(more),
        IntentModelCache.in(cache));
    assertEquals("visit_request", changed.classify("zorblax frobnicar").intent(),
        "the new examples are in the model, so it was not read from the standard corpus's file");
    assertEquals(2, files().size());
    assertNotEquals(files().get(0).getFileName(), files().get(1).getFileName());
  }

  @Test
  @DisplayName("an unreadable cached file is trained over, and the facade still warms up")
  void brokenFileIsTrainedOver() throws Exception {
    new IntentClassifier(new TextNormalizer(), IntentCorpus.standard(), IntentModelCache.in(cache)).train();
    Files.writeString(files().get(0), "not a model");
    MessageUnderstanding understanding = new MessageUnderstanding(Clock.systemUTC(), IntentCorpus.standard(),
        IntentModelCache.in(cache));
    understanding.warmUp();
    assertTrue(understanding.ready());
    assertEquals("quote_request", understanding.understand("cuanto sale instalar camaras en la bodega").intent());
    assertTrue(Files.size(files().get(0)) > 1000, "the file holds a model again");
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
    }
  }
}
