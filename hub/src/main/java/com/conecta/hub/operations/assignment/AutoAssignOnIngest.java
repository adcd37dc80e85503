package com.conecta.hub.operations.assignment;

import com.conecta.hub.messaging.inbox.IngestService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a newly opened conversation to assignment unless its inbox turned auto-assignment off or a bot talks first
 * (the bot hands off to assignment itself).
 */
public final class AutoAssignOnIngest {
  private static final Logger log = LoggerFactory.getLogger(AutoAssignOnIngest.class);
  private final AssignmentService assignment;

  public AutoAssignOnIngest(AssignmentService assignment) {
    this.assignment = assignment;
  }

  /** Idempotent: assignment only takes a conversation that is open and unassigned. */
  public io.vertx.core.Future<Void> accept(IngestService.Ingested ingested) {
    var settings = ingested.inbox().settings();
    // Only new conversations: ones already waiting are drained by the periodic pass, assigned ones stay put.
    if (!ingested.result().conversationCreated() || !settings.getBoolean("autoAssign", true)
        || settings.getString("botFlow") != null) {
      return io.vertx.core.Future.succeededFuture();
    }
    return assignment.autoAssign(ingested.result().conversationId())
        .onFailure(e -> log.warn("auto-assignment of conversation {} failed: {}", ingested.result().conversationId(),
            e.toString()))
        .mapEmpty();
  }
}
