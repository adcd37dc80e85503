package com.conecta.hub.messaging.inbox;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.InboundMessage;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises a hub user (agent, supervisor, admin) writing from their own phone to a business number: the message is
 * kept as theirs, never as a customer's — no contact is created, nothing is assigned, loads and reports never see it.
 * Only phone channels are checked: a user may well try the web form or the API with their own details.
 */
public final class StaffSenders {
  private static final Logger log = LoggerFactory.getLogger(StaffSenders.class);
  private static final Set<String> PHONE_CHANNELS = Set.of("whatsapp", "twilio");

  /**
   * Checked on every inbound WhatsApp/Twilio message: the hub's users' phones are read once per this long, not once per
   * message (issue 23). A phone added to a user is recognised within it.
   */
  private static final long PHONES_FRESH_NANOS = java.time.Duration.ofSeconds(5).toNanos();

  private final StaffStore store;
  private final java.util.concurrent.atomic.AtomicReference<Phones> phones = new java.util.concurrent.atomic.AtomicReference<>();

  private record Phones(Future<java.util.Map<String, Long>> byDigits, long readAt) {}

  public StaffSenders(StaffStore store) {
    this.store = store;
  }

  private Future<java.util.Map<String, Long>> phones() {
    Phones now = phones.get();
    long t = System.nanoTime();
    if (now != null && t - now.readAt() < PHONES_FRESH_NANOS && !now.byDigits().failed()) {
      return now.byDigits();
    }
    Phones read = new Phones(store.staffPhones(), t);
    // One read at a time: whoever loses the race uses the winner's.
    return phones.compareAndSet(now, read) ? read.byDigits() : phones.get().byDigits();
  }

  /** The user who sent this message from their phone, or null when the sender is not one of ours. */
  public Future<Long> userOf(Inbox inbox, InboundMessage m) {
    if (!PHONE_CHANNELS.contains(inbox.channel()) || m.sender() == null) {
      return Future.succeededFuture(null);
    }
    Set<String> digits = new LinkedHashSet<>();
    for (ChannelIdentity id : m.sender().identities()) {
      if (ChannelIdentity.WHATSAPP.equals(id.kind()) || ChannelIdentity.PHONE.equals(id.kind())) {
        String d = id.value().replaceAll("[^0-9]", "");
        // Short values are not phone numbers; they would match a user's badly typed extension.
        if (d.length() >= 8) {
          digits.add(d);
        }
      }
    }
    if (digits.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return phones().map(byDigits -> digits.stream().map(byDigits::get).filter(java.util.Objects::nonNull)
        .min(Long::compare).orElse(null));
  }

  /**
   * Keeps the user's message. The answer says "not created" so that nothing reacts to it as to a customer's message
   * (no live event for the inbox, no bot, no assignment).
   */
  public Future<IngestResult> keep(long userId, Inbox inbox, InboundMessage m) {
    return store.record(userId, inbox.id(), m).map(r -> {
      if (r.created()) {
        log.info("message from user {}'s own phone to inbox {} kept as staff message {}, not as a customer conversation",
            userId, inbox.id(), r.id());
      }
      return new IngestResult(inbox.id(), r.id(), 0, 0, false, false);
    });
  }
}
