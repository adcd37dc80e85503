package com.conecta.hub.messaging.inbox;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for inbound messages: webhooks that arrive while a transaction is in flight wait and go together in
 * the next one, so that under load one commit carries many messages. A batch that fails is retried one message per
 * transaction, so that one bad message never fails the others.
 *
 * <p>Shared by every HTTP event loop: the queue and the in-flight count are guarded by this object's lock, a batch
 * may carry requests from several loops, and each request's Future completes on the context that submitted it (not
 * on whichever loop finished the shared transaction), so its response and reactions stay on its own loop.
 */
public final class IngestBatcher {
  private static final Logger log = LoggerFactory.getLogger(IngestBatcher.class);
  /** Rows are locked in this order in every batch, so that concurrent batches cannot deadlock. */
  private static final Comparator<Pending> LOCK_ORDER = Comparator
      .comparingLong((Pending p) -> p.item.inboxId())
      .thenComparing(p -> p.item.message().sender().primary().kind())
      .thenComparing(p -> p.item.message().sender().primary().value());

  private record Pending(IngestStore.Item item, Promise<IngestResult> promise, Context context) {
    void succeed(IngestResult result) {
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

  private final IngestStore store;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  public IngestBatcher(IngestStore store, int maxBatch, int maxInFlight) {
    this.store = store;
    this.maxBatch = maxBatch;
    this.maxInFlight = Math.max(1, maxInFlight);
  }

  public Future<IngestResult> submit(IngestStore.Item item) {
    Promise<IngestResult> promise = Promise.promise();
    synchronized (this) {
      queue.add(new Pending(item, promise, Vertx.currentContext()));
    }
    drain();
    return promise.future();
  }

  private void drain() {
    List<Pending> batch;
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
    batch.sort(LOCK_ORDER);
    store.ingestAll(batch.stream().map(Pending::item).toList())
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

  private Future<Void> failOne(Pending p, Throwable e) {
    p.fail(e);
    return Future.succeededFuture();
  }

  private Future<Void> oneByOne(List<Pending> batch, Throwable cause) {
    log.warn("an ingest batch of {} failed ({}); retrying its messages one by one", batch.size(), cause.toString());
    List<Future<Void>> each = new ArrayList<>();
    for (Pending p : batch) {
      each.add(store.ingestAll(List.of(p.item))
          .onSuccess(r -> p.succeed(r.get(0)))
          .onFailure(p::fail)
          .<Void>mapEmpty()
          .recover(e -> Future.succeededFuture()));
    }
    return Future.join(each).mapEmpty();
  }
}
