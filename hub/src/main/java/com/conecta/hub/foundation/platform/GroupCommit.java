package com.conecta.hub.foundation.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: items that arrive while a batch is being stored wait and go together in the next one, so that under
 * load one round trip (and one commit) carries many of them. A batch that fails is retried one item at a time, so
 * that one bad item never fails the others.
 *
 * <p>Shared by every HTTP event loop: the queue and the in-flight count are guarded by this object's lock, a batch
 * may carry items from several loops, and each item's Future completes on the context that submitted it (not on
 * whichever loop finished the shared batch), so its response and what follows stay on its own loop.
 *
 * @param <T> what is stored
 * @param <R> what storing one item answers
 */
public final class GroupCommit<T, R> {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private record Pending<T, R>(T item, Promise<R> promise, Context context) {
    void succeed(R result) {
      onContext(() -> promise.tryComplete(result));
    }

    void fail(Throwable e) {
      onContext(() -> promise.tryFail(e));
    }

    private void onContext(Runnable completion) {
      if (context == null || context == Vertx.currentContext()) {
        completion.run();
      } else {
        context.runOnContext(v -> completion.run());
      }
    }
  }

  private final String what;
  private final Function<List<T>, Future<List<R>>> storeAll;
  private final Comparator<T> lockOrder;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param what names the items in the log ("ingest", "receipt")
   * @param storeAll stores a batch whole and answers one result per item, in the batch's order
   * @param lockOrder the order rows are locked in within a batch, so that concurrent batches cannot deadlock
   */
  public GroupCommit(String what, Function<List<T>, Future<List<R>>> storeAll, Comparator<T> lockOrder, int maxBatch,
      int maxInFlight) {
    this.what = what;
    this.storeAll = storeAll;
    this.lockOrder = lockOrder;
    this.maxBatch = Math.max(1, maxBatch);
    this.maxInFlight = Math.max(1, maxInFlight);
  }

  public Future<R> submit(T item) {
    Promise<R> promise = Promise.promise();
    synchronized (this) {
      queue.add(new Pending<>(item, promise, Vertx.currentContext()));
    }
    drain();
    return promise.future();
  }

  private void drain() {
    List<Pending<T, R>> batch;
    synchronized (this) {
      if (inFlight >= maxInFlight || queue.isEmpty()) {
        return;
      }
      batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      while (!queue.isEmpty() && batch.size() < maxBatch) {
        batch.add(queue.poll());
      }
      inFlight++;
    }
    batch.sort(Comparator.comparing(Pending::item, lockOrder));
    storeAll.apply(batch.stream().map(Pending::item).toList())
        .onSuccess(results -> {
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).succeed(results.get(i));
          }
        })
        .<Void>mapEmpty()
        .recover(e -> batch.size() == 1 ? failOne(batch.get(0), e) : oneByOne(batch, e))
        .onComplete(ar -> {
          synchronized (this) {
            inFlight--;
          }
          drain();
        });
  }

  private Future<Void> failOne(Pending<T, R> p, Throwable e) {
    p.fail(e);
    return Future.succeededFuture();
  }

  private Future<Void> oneByOne(List<Pending<T, R>> batch, Throwable cause) {
    log.warn("a {} batch of {} failed ({}); retrying its items one by one", what, batch.size(), cause.toString());
    List<Future<Void>> each = new ArrayList<>();
    for (Pending<T, R> p : batch) {
      each.add(storeAll.apply(List.of(p.item()))
          .onSuccess(r -> p.succeed(r.get(0)))
          .onFailure(p::fail)
          .<Void>mapEmpty()
          .recover(e -> Future.succeededFuture()));
    }
    return Future.join(each).mapEmpty();
  }
}
