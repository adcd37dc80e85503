package com.conecta.hub.foundation.runtime;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A periodic pass that works through due items (reminders, quote follow-ups, surveys) one after another. A node runs
 * one pass at a time, so a slow pass is never doubled by the next tick; an item that fails is reported and skipped, so
 * it never holds back the others (every item is claimed in the database, so a later pass finds what is still due).
 */
public final class DueItemsPass {
  private final AtomicBoolean running = new AtomicBoolean();

  /** Runs the pass unless this node's previous one is still going (then answers 0 at once). */
  public Future<Integer> run(Supplier<Future<Integer>> pass) {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return pass.get().eventually(() -> {
      running.set(false);
      return Future.succeededFuture();
    });
  }

  /**
   * Sends the items in turn and answers how many {@code send} says it sent; an item whose send fails goes to
   * {@code failed} and the next one is sent.
   */
  public static <T> Future<Integer> sendEach(List<T> items, Function<T, Future<Boolean>> send,
      BiConsumer<T, Throwable> failed) {
    return sendFrom(items, 0, 0, send, failed);
  }

  private static <T> Future<Integer> sendFrom(List<T> items, int i, int sent, Function<T, Future<Boolean>> send,
      BiConsumer<T, Throwable> failed) {
    if (i >= items.size()) {
      return Future.succeededFuture(sent);
    }
    T item = items.get(i);
    return send.apply(item).recover(e -> {
      failed.accept(item, e);
      return Future.succeededFuture(false);
    }).compose(ok -> sendFrom(items, i + 1, sent + (ok ? 1 : 0), send, failed));
  }
}
