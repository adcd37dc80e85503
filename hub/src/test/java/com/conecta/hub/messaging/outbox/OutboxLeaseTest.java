package com.conecta.hub.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.HubTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Outbox claim leases")
class OutboxLeaseTest extends HubTestBase {
  private static final long LEASE_MS = 30_000;

  /** A claimed row of a node that is not running (so no worker touches it), its lease ending in {@code endsInMs}. */
  private long claimedRow(String node, String key, long endsInMs) {
    return count("""
        with ct as (insert into contacts (name) values ('Lease %1$s') returning id),
        cv as (insert into conversations (inbox_id, contact_id) select 1, id from ct returning id),
        m as (insert into messages (conversation_id, inbox_id, direction, sender_kind, content_type, text, status)
              select id, 1, 'out', 'agent', 'text', 'hola', 'queued' from cv returning id, conversation_id)
        insert into outbox (message_id, inbox_id, conversation_id, channel, idempotency_key, status, claimed_by,
                            claimed_until)
        select id, 1, conversation_id, 'whatsapp', '%1$s', 'sending', '%2$s', now() + interval '%3$s milliseconds'
        from m returning id""".formatted(key, node, endsInMs));
  }

  private double secondsLeft(long outboxId) {
    return sql.query("select extract(epoch from claimed_until - now()) from outbox where id = " + outboxId).execute()
        .await().iterator().next().getDouble(0);
  }

  @Test
  @DisplayName("a renewal extends the claims past a third of their lease, of this node only, and leaves fresh ones")
  void renewalTouchesOnlyAgeingClaims() {
    OutboxStore store = new OutboxStore(sql);
    long ageing = claimedRow("node-lease-a", "lease-ageing", LEASE_MS / 2);
    long fresh = claimedRow("node-lease-a", "lease-fresh", LEASE_MS - 1_000);
    long otherNode = claimedRow("node-lease-b", "lease-other", LEASE_MS / 2);

    assertEquals(1, store.renew("node-lease-a", LEASE_MS).await(), "only the ageing claim is renewed");
    assertTrue(secondsLeft(ageing) > 29, "renewed to a whole lease: " + secondsLeft(ageing));
    double freshLeft = secondsLeft(fresh);
    assertTrue(freshLeft > 27 && freshLeft < 29.5, "the fresh claim keeps its own time: " + freshLeft);
    assertTrue(secondsLeft(otherNode) < 15.5, "another node's claim is that node's to renew");
  }
}
