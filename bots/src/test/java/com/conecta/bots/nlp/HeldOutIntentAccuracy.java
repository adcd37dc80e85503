package com.conecta.bots.nlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HeldOutIntentAccuracy {

  @Test
  @DisplayName("the intent classifier scores at least 90% on every 5th corpus line it never trained on")
  void heldOutAccuracyIsAtLeastNinetyPercent() {
    IntentCorpus all = IntentCorpus.standard();
    List<IntentCorpus.Example> train = new ArrayList<>();
    List<IntentCorpus.Example> test = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (IntentCorpus.Example e : all.examples()) {
      int n = seen.merge(e.intent(), 1, Integer::sum);
      (n % 5 == 0 ? test : train).add(e);
    }
    IntentClassifier classifier = new IntentClassifier(new TextNormalizer(), new IntentCorpus(train));
    double overall = HeldOutScore.of(classifier, test, "held-out");
    System.out.printf("held-out overall %.3f of %d (trained on %d lines)%n", overall, test.size(), train.size());
    assertTrue(overall >= 0.90, "held-out accuracy " + overall);
  }
}
