package com.conecta.hub.bench;

/**
 * Sizes of a benchmark run: short (a few minutes, for a before/after on one change) or full (the README's figures).
 * steadyRate/steadySeconds: the steady low-rate run whose p99 issue 23 targets; botFirstRate: where the search with
 * the sales bot answering starts (a lower rate than without it: each message is also classified and answered).
 */
record BenchMode(String name, int stepSeconds, double firstRate, double ratio, int maxSteps, int bisections,
    int halfSeconds, int pgbenchSeconds, int agents, double sseRate, int sseSeconds, int conversations,
    int messagesPerConversation, double readRate, int readSeconds, int recipients, int botMessages, int contactPool,
    double steadyRate, int steadySeconds, double botFirstRate, int botMaxSteps) {
  static BenchMode of(String name) {
    return switch (name) {
      case "full" -> new BenchMode("full", 10, 100, 1.25, 16, 2, 30, 20, 500, 20, 20, 100_000, 10, 100, 20, 100_000,
          10_000, 20_000, 20, 30, 50, 12);
      case "short" -> new BenchMode("short", 3, 100, 1.5, 10, 0, 5, 5, 500, 20, 4, 10_000, 10, 50, 4, 5_000, 3_000,
          5_000, 20, 10, 50, 6);
      default -> throw new IllegalArgumentException("bench.mode is short or full, not " + name);
    };
  }
}
