package com.conecta.hub.messaging.inbox;

import com.conecta.hub.foundation.platform.GroupCommit;
import io.vertx.core.Future;
import java.util.Comparator;

/**
 * Group commit for inbound messages ({@link GroupCommit}): webhooks that arrive while a transaction is in flight go
 * together in the next one; each request's Future completes on the context that submitted it.
 */
public final class IngestBatcher {
  /** Rows are locked in this order in every batch, so that concurrent batches cannot deadlock. */
  private static final Comparator<IngestStore.Item> LOCK_ORDER = Comparator
      .comparingLong(IngestStore.Item::inboxId)
      .thenComparing(i -> i.message().sender().primary().kind())
      .thenComparing(i -> i.message().sender().primary().value());

  private final GroupCommit<IngestStore.Item, IngestResult> commits;

  public IngestBatcher(IngestStore store, int maxBatch, int maxInFlight) {
    this.commits = new GroupCommit<>("ingest", store::ingestAll, LOCK_ORDER, maxBatch, maxInFlight);
  }

  public Future<IngestResult> submit(IngestStore.Item item) {
    return commits.submit(item);
  }
}
