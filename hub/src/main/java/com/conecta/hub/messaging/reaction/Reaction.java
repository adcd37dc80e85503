package com.conecta.hub.messaging.reaction;

import com.conecta.hub.messaging.inbox.IngestService;
import io.vertx.core.Future;

/**
 * Something the hub does because a customer's message was stored (the bot answers, the conversation is assigned...).
 * It runs from a durable job after the ingest commit and may run again after a crash between its effect and the job's
 * end, so it must be idempotent by the message id: running it twice for one message has the effect of once.
 */
public interface Reaction {
  /** Stable name, kept in the job's list of reactions already done (so renaming one re-runs it on pending jobs). */
  String name();

  /** Done when the effect is stored; a failed Future makes the job retry this reaction later. */
  Future<Void> react(IngestService.Ingested message);

  static Reaction of(String name, java.util.function.Function<IngestService.Ingested, Future<?>> react) {
    return new Reaction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Void> react(IngestService.Ingested message) {
        return react.apply(message).mapEmpty();
      }
    };
  }
}
