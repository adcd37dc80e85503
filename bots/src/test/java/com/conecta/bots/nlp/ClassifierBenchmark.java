package com.conecta.bots.nlp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.ZoneId;
import java.util.Arrays;

/** Not a test: run with `java` to print per-message latency and the trained model's heap. */
public final class ClassifierBenchmark {

  public static void main(String[] args) {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(mem);
    IntentClassifier classifier = new IntentClassifier(new TextNormalizer(), IntentCorpus.standard());
    long t0 = System.nanoTime();
    classifier.classify("hola");
    long trainMs = (System.nanoTime() - t0) / 1_000_000;
    long after = usedAfterGc(mem);
    MessageUnderstanding full = new MessageUnderstanding(ZoneId.of("America/Santiago"));
    // A long message, so the lazily loaded language model is in memory when measured.
    full.understand("hola, necesito cotizar camaras de seguridad para mi negocio en maipu");
    long afterAll = usedAfterGc(mem);
    String[] msgs = {"hola buenas", "cuanto sale un aire split 12000 btu instalado en maipu",
        "necesito que venga un tecnico el jueves", "el internet no funciona desde ayer",
        "donde viene mi pedido 12345", "ya hice la transferencia de la factura 3344",
        "quiero hablar con una persona", "no me manden mas mensajes", "ok gracias",
        "hi, I need a quote for 4 cameras please"};
    for (int i = 0; i < 5_000; i++) classifier.classify(msgs[i % msgs.length]);
    int n = 20_000;
    long[] ns = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      classifier.classify(msgs[i % msgs.length]);
      ns[i] = System.nanoTime() - s;
    }
    Arrays.sort(ns);
    double mean = Arrays.stream(ns).average().orElse(0) / 1000.0;
    System.out.printf("classify: mean %.1f us, p50 %.1f us, p99 %.1f us over %d calls%n", mean,
        ns[n / 2] / 1000.0, ns[(int) (n * 0.99)] / 1000.0, n);
    long[] us = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      full.understand(msgs[i % msgs.length]);
      us[i] = System.nanoTime() - s;
    }
    Arrays.sort(us);
    System.out.printf("understand (lang+intent+entities): mean %.1f us, p99 %.1f us%n",
        Arrays.stream(us).average().orElse(0) / 1000.0, us[(int) (n * 0.99)] / 1000.0);
    System.out.printf("training %d ms; intent model retained heap %.1f MB; whole facade incl. language model %.1f MB%n",
        trainMs, (after - before) / 1e6, (afterAll - before) / 1e6);
  }

  private static long usedAfterGc(MemoryMXBean mem) {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
