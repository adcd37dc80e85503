package com.conecta.bots.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * Classifies a message into one of {@link IntentCorpus#INTENTS}. The hub calls {@link #train()} on a
 * worker thread at start; otherwise the first use trains, on the calling thread. The model stays in
 * this instance. OpenNLP reports each training iteration through SLF4J logger {@code opennlp} at
 * INFO: applications keep that logger at WARN (the hub's logback.xml does).
 */
public final class IntentClassifier {

  /** Best intent and its probability. */
  public record Prediction(String intent, double confidence) {}

  private final TextNormalizer normalizer;
  private final IntentCorpus corpus;
  private final IntentFeatures features = new IntentFeatures();
  private final Object lock = new Object();
  private final IntentModelCache cache;
  private volatile DoccatModel model;

  public IntentClassifier(TextNormalizer normalizer, IntentCorpus corpus) {
    this(normalizer, corpus, IntentModelCache.NONE);
  }

  /** Reads the model trained on this corpus from {@code cache} when it is there, and keeps a new one there. */
  public IntentClassifier(TextNormalizer normalizer, IntentCorpus corpus, IntentModelCache cache) {
    this.normalizer = normalizer;
    this.corpus = corpus;
    this.cache = cache;
  }

  public Prediction classify(String text) {
    String[] tokens = normalizer.tokens(text);
    if (tokens.length == 0) {
      return new Prediction("other", 0.0);
    }
    // A categorizer instance is cheap and not thread-safe; the model is shared.
    DocumentCategorizerME me = new DocumentCategorizerME(model());
    double[] p = me.categorize(features.of(tokens));
    String best = me.getBestCategory(p);
    double conf = 0;
    for (double v : p) conf = Math.max(conf, v);
    return new Prediction(best, conf);
  }

  /** Trains now unless already trained; safe to call from several threads (one trains, the others wait). */
  public void train() {
    model();
  }

  /** True once the model is trained: classifying will not train. */
  public boolean trained() {
    return model != null;
  }

  private DoccatModel model() {
    DoccatModel m = model;
    if (m == null) {
      synchronized (lock) {
        m = model;
        if (m == null) {
          m = cache.modelFor(corpus, trainingSettings(), () -> train(corpus.examples()));
          model = m;
        }
      }
    }
    return m;
  }

  /** Everything besides the corpus that changes the trained model: part of the cache's key. */
  private static String trainingSettings() {
    return "features=IntentFeatures+BagOfWords;algorithm=" + System.getProperty("conecta.doccat.algorithm", "MAXENT")
        + ";iterations=200;cutoff=1;opennlp=" + opennlp.tools.util.Version.currentVersion();
  }

  private DoccatModel train(List<IntentCorpus.Example> examples) {
    List<DocumentSample> samples = new ArrayList<>();
    for (IntentCorpus.Example e : examples) {
      samples.add(new DocumentSample(e.intent(), features.of(normalizer.tokens(e.text()))));
    }
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ALGORITHM_PARAM, System.getProperty("conecta.doccat.algorithm", "MAXENT"));
    params.put(TrainingParameters.ITERATIONS_PARAM, 200);
    params.put(TrainingParameters.CUTOFF_PARAM, 1);
    params.put(TrainingParameters.THREADS_PARAM, 1);
    try {
      FeatureGenerator[] features = {new BagOfWordsFeatureGenerator()};
      return DocumentCategorizerME.train("mul", new CollectionObjectStream<>(samples), params,
          new DoccatFactory(features));
    } catch (IOException e) {
      throw new UncheckedIOException("intent training failed", e);
    }
  }
}
