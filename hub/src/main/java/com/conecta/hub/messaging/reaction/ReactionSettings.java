package com.conecta.hub.messaging.reaction;

import com.conecta.hub.foundation.config.ConfigReader;
import io.vertx.core.json.JsonObject;

/**
 * Block {@code reactions} of conecta.yaml: how the reaction worker claims jobs.
 *
 * @param leaseSeconds a claimed job is another node's to take after this long (the claiming node died)
 * @param batchSize jobs claimed per query
 * @param pollMs how often a node looks for due jobs without a nudge (jobs of other nodes, retries, dead nodes')
 * @param maxAttempts after this many failed runs a job stays with its last error and is not tried again
 * @param parallel jobs a node runs at once per claim (each holds a pooled connection or two while it runs)
 */
public record ReactionSettings(int leaseSeconds, int batchSize, int pollMs, int maxAttempts, int parallel) {
  public static ReactionSettings from(JsonObject raw) {
    ConfigReader r = new ConfigReader(raw);
    return new ReactionSettings(r.intInRange("reactions.lease-seconds", 30, 1, 3600),
        r.intInRange("reactions.batch-size", 50, 1, 1000), r.intInRange("reactions.poll-ms", 1000, 10, 60_000),
        r.intInRange("reactions.max-attempts", 8, 1, 100), r.intInRange("reactions.parallel", 4, 1, 64));
  }
}
