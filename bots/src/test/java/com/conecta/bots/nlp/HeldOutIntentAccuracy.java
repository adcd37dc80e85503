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
    Map<String, int[]> perIntent = new java.util.TreeMap<>();
    int ok = 0;
    for (IntentCorpus.Example e : test) {
      String got = classifier.classify(e.text()).intent();
      int[] c = perIntent.computeIfAbsent(e.intent(), k -> new int[2]);
      c[1]++;
      if (got.equals(e.intent())) {
        c[0]++;
        ok++;
      } else {
        System.out.println("  miss: [" + e.intent() + "] -> " + got + " : " + e.text());
      }
    }
    perIntent.forEach((k, c) -> System.out.printf("held-out %-14s %3d/%3d = %.2f%n", k, c[0], c[1], (double) c[0] / c[1]));
    double overall = (double) ok / test.size();
    System.out.printf("held-out overall %d/%d = %.3f (trained on %d lines)%n", ok, test.size(), overall, train.size());
    assertTrue(overall >= 0.90, "held-out accuracy " + overall);
  }
}
