package com.conecta.bots.nlp;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The one entry point the hub calls to understand a message: language, intent, entities. */
public final class MessageUnderstanding {

  private final TextNormalizer normalizer = new TextNormalizer();
  private final IntentClassifier classifier;
  private final EntityExtractor extractor = new EntityExtractor();
  private final LanguageGuesser languages = new LanguageGuesser(normalizer);
  private final Clock clock;

  /** Dates like "manana" are resolved in {@code zone}. */
  public MessageUnderstanding(ZoneId zone) {
    this(Clock.system(zone), IntentCorpus.standard());
  }

  /** As {@link #MessageUnderstanding(ZoneId)}, the trained intent model kept in (and read from) {@code modelCache}. */
  public MessageUnderstanding(ZoneId zone, java.nio.file.Path modelCache) {
    this(Clock.system(zone), IntentCorpus.standard(), IntentModelCache.in(modelCache));
  }

  public MessageUnderstanding(Clock clock, IntentCorpus corpus) {
    this(clock, corpus, IntentModelCache.NONE);
  }

  public MessageUnderstanding(Clock clock, IntentCorpus corpus, IntentModelCache modelCache) {
    this.clock = clock;
    this.classifier = new IntentClassifier(normalizer, corpus, modelCache);
  }

  /**
   * Trains the intent model and reads the language model now (blocking, about a second: call it on a worker thread at
   * start), so that no customer's first message waits for them.
   */
  public void warmUp() {
    classifier.train();
    languages.load();
  }

  /** True once {@link #warmUp()} (or a first message) has trained and read both models. */
  public boolean ready() {
    return classifier.trained() && languages.loaded();
  }

  /** Never throws; empty or emoji-only text gives intent "other" with confidence 0. */
  public Understanding understand(String text) {
    return understand(text, LocalDate.now(clock));
  }

  public Understanding understand(String text, LocalDate today) {
    String safe = text == null ? "" : text;
    // Very long messages are rare and the opening carries the intent; bound the cost.
    String head = safe.length() > 2000 ? safe.substring(0, 2000) : safe;
    String language = "es";
    IntentClassifier.Prediction p = new IntentClassifier.Prediction("other", 0.0);
    List<Entity> entities = List.of();
    try {
      language = languages.guess(head);
      p = classifier.classify(head);
      entities = extractor.extract(safe, today);
    } catch (RuntimeException e) {
      // A message must never break the conversation; the bot will treat it as not understood.
    }
    return new Understanding(language, p.intent(), p.confidence(), entities);
  }
}
