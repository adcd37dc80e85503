package com.conecta.bots.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/** Answers "es" or "en" for a message; Spanish when unsure because most customers write Spanish. */
public final class LanguageGuesser {

  private static final Set<String> ENGLISH_WORDS = Set.of("hi", "hello", "hey", "the", "i", "my",
      "is", "you", "please", "thanks", "thank", "want", "need", "what", "when", "where", "how",
      "can", "would", "could", "order", "quote", "price", "invoice", "yes", "good", "morning",
      "evening", "afternoon", "stop", "unsubscribe", "help", "with", "to", "for", "and", "it",
      "not", "does", "do", "have", "are", "an", "of", "business", "home", "agent", "person");
  private static final Set<String> SPANISH_WORDS = Set.of("hola", "wena", "buenas", "buenos",
      "el", "la", "los", "las", "de", "que", "y", "en", "por", "para", "quiero", "necesito",
      "cuanto", "gracias", "si", "no", "mi", "me", "con", "una", "un", "es", "esta", "porfa",
      "favor", "dias", "tardes", "noches", "po", "parce", "pedido", "factura", "precio", "empresa",
      "casa", "baja", "ok", "dale", "listo", "al", "tiro", "cotizar", "persona", "ayuda");

  private final TextNormalizer normalizer;
  private volatile boolean loaded;

  /** Cheap: the 10 MB model is read on first use, on the calling (worker) thread. */
  public LanguageGuesser(TextNormalizer normalizer) {
    this.normalizer = normalizer;
  }

  /** Reads the model now unless already read. */
  public void load() {
    model();
  }

  public boolean loaded() {
    return loaded;
  }

  private LanguageDetectorModel model() {
    LanguageDetectorModel m = Shipped.MODEL;
    loaded = true;
    return m;
  }

  /**
   * The model that ships in the jar, read once per JVM when first asked for (the class initialiser runs once, and
   * other threads wait for it): it never changes, so every guesser in the JVM (every test hub) shares it.
   */
  private static final class Shipped {
    static final LanguageDetectorModel MODEL = read();
  }

  private static LanguageDetectorModel read() {
    // The model jar ships the binary at its root.
    try (InputStream in = LanguageGuesser.class.getResourceAsStream("/langdetect-183.bin")) {
      if (in == null) {
        throw new IllegalStateException("langdetect-183.bin not on the classpath "
            + "(dependency org.apache.opennlp:opennlp-models-langdetect missing)");
      }
      return new LanguageDetectorModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the language model", e);
    }
  }

  /** "es" or "en"; never throws. */
  public String guess(String text) {
    String[] tokens = normalizer.tokens(text);
    if (tokens.length == 0) {
      return "es";
    }
    int en = 0;
    int es = 0;
    for (String t : tokens) {
      if (ENGLISH_WORDS.contains(t)) en++;
      if (SPANISH_WORDS.contains(t)) es++;
    }
    // The statistical model is unreliable on a handful of characters: keywords decide there.
    if (tokens.length <= 3 || normalizer.normalize(text).length() < 20) {
      return en > es ? "en" : "es";
    }
    try {
      // LanguageDetectorME is not thread-safe and cheap to create; the model is shared.
      for (Language l : new LanguageDetectorME(model()).predictLanguages(text)) {
        if (l.getLang().equals("eng")) {
          return en + 1 >= es ? "en" : "es";
        }
        if (l.getLang().equals("spa")) {
          return en > es + 1 ? "en" : "es";
        }
        // Other (Portuguese, Catalan...) hypotheses are skipped; only es/en are served.
      }
    } catch (RuntimeException e) {
      // fall through to keywords
    }
    return en > es ? "en" : "es";
  }
}
