package com.conecta.hub.messaging.outbox;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a campaign may send now, as this node last read it. A campaign sending 1,000 messages a second would
 * otherwise cost 1,000 reads a second of the same row; a pause or cancel is seen within {@link #FRESH_NANOS} (the
 * claim query itself never hands out rows of a campaign that is not running).
 */
final class CampaignGate {
  private static final long FRESH_NANOS = 250_000_000L;

  private record Seen(Future<Boolean> running, long at) {}

  private final OutboxStore store;
  private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

  CampaignGate(OutboxStore store) {
    this.store = store;
  }

  Future<Boolean> running(long campaignId) {
    long now = System.nanoTime();
    Seen s = seen.compute(campaignId, (id, old) -> old != null && now - old.at() < FRESH_NANOS
        && !old.running().failed() ? old : new Seen(store.campaignRunning(id), now));
    if (seen.size() > 1_000) {
      seen.entrySet().removeIf(e -> now - e.getValue().at() >= FRESH_NANOS);
    }
    return s.running();
  }
}
