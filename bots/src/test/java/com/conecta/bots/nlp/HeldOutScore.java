package com.conecta.bots.nlp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How a classifier does on messages it never trained on: prints each intent's figures and each miss, answers the share right. */
final class HeldOutScore {
  private HeldOutScore() {}

  static double of(IntentClassifier classifier, List<IntentCorpus.Example> heldOut, String label) {
    Map<String, int[]> perIntent = new TreeMap<>();
    int ok = 0;
    for (IntentCorpus.Example e : heldOut) {
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
    perIntent.forEach((k, c) -> System.out.printf("%s %-14s %3d/%3d = %.2f%n", label, k, c[0], c[1], (double) c[0] / c[1]));
    return (double) ok / heldOut.size();
  }
}
