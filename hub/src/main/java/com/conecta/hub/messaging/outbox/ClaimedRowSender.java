package com.conecta.hub.messaging.outbox;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.hub.messaging.inbox.AttachmentJson;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.sending.SendRateLimiter;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed outbox row: builds the channel's message from it (recipient, attachments made sendable), waits for
 * the sending number's turn and hands it to the channel's sender, and answers what came of it.
 */
final class ClaimedRowSender {
  private static final Logger log = LoggerFactory.getLogger(ClaimedRowSender.class);

  /** Not an attempt: the row goes back untouched (the rate limit is ahead, or its campaign stopped). */
  static final Function<Duration, SendResult> DEFERRED =
      d -> new SendResult(SendResult.Outcome.RETRY, null, d, "deferred", null);

  private final InboxService inboxes;
  private final Map<String, ChannelSender> senders;
  private final Map<String, OutboxWorker.AttachmentPreparer> preparers;
  private final SendRateLimiter limiter;
  private final CampaignGate campaigns;

  ClaimedRowSender(InboxService inboxes, Map<String, ChannelSender> senders,
      Map<String, OutboxWorker.AttachmentPreparer> preparers, SendRateLimiter limiter, CampaignGate campaigns) {
    this.inboxes = inboxes;
    this.senders = Map.copyOf(senders);
    this.preparers = Map.copyOf(preparers);
    this.limiter = limiter;
    this.campaigns = campaigns;
  }

  /**
   * Sends one claimed row and answers what came of it; never fails. {@code handOff} is asked right before the wire:
   * null lets the row go, anything else is why it goes back to the queue unsent.
   */
  Future<SendResult> outcome(OutboxStore.Claimed c, Supplier<String> handOff) {
    ChannelSender sender = senders.get(c.channel());
    if (sender == null) {
      return Future.succeededFuture(SendResult.failed("channel_unavailable",
          "no sender is configured for channel " + c.channel()));
    }
    OutboxStore.Details d = c.details();
    if (d == null) {
      return Future.succeededFuture(SendResult.failed("message_missing", "message " + c.messageId() + " no longer exists"));
    }
    return inboxes.byId(c.inboxId())
        .compose(inbox -> {
          ChannelIdentity to = recipient(c.channel(), d.identities());
          if (to == null) {
            return Future.succeededFuture(SendResult.failed("no_recipient",
                "the contact has no identity on channel " + c.channel()));
          }
          InboundAccount account = new InboundAccount(inbox.id(), inbox.channel(), inbox.channelAccountId(),
              inbox.settings());
          int rate = inbox.settings().getInteger("sendRatePerSecond", defaultRate(inbox.channel()));
          // A campaign paused or cancelled while this row waited does not send it.
          Future<Boolean> go = c.campaignId() == null ? Future.succeededFuture(true) : campaigns.running(c.campaignId());
          return go.compose(ok -> !ok ? Future.succeededFuture(DEFERRED.apply(Duration.ofMillis(500)))
              : prepared(account, toOutbound(c, d, inbox, to)).compose(m -> sendInTurn(c, handOff, account, m, rate,
                  sender)));
        })
        .recover(e -> {
          log.warn("outbox {} send crashed: {}", c.id(), e.toString());
          return Future.succeededFuture(SendResult.retry(Duration.ofSeconds(5), "internal", e.toString()));
        });
  }

  /**
   * Waits for the sending number's next slot and sends at once: the rate limiter is the last step before the wire,
   * so that nothing slow (a database query, an upload) sits between the slot and the provider's clock.
   */
  private Future<SendResult> sendInTurn(OutboxStore.Claimed c, Supplier<String> handOff, InboundAccount account,
      OutboundMessage m, int rate, ChannelSender sender) {
    Future<Duration> slot = rate > 0
        ? limiter.acquire(account.channel() + ":" + account.channelAccountId(), rate) : Future.succeededFuture();
    return slot.compose(later -> {
      if (later != null) {
        return Future.succeededFuture(DEFERRED.apply(later));
      }
      // A stopping node finishes what is in flight but hands nothing new to the provider: the rest goes back to the
      // queue for the other nodes at once.
      String refused = handOff.get();
      if (refused != null) {
        log.debug("outbox {} handed back unsent ({})", c.id(), refused);
        return Future.succeededFuture(DEFERRED.apply(Duration.ofMillis(1)));
      }
      return sender.send(account, m);
    });
  }

  private Future<OutboundMessage> prepared(InboundAccount account, OutboundMessage m) {
    OutboxWorker.AttachmentPreparer p = preparers.get(m.channel());
    if (p == null || m.attachments().isEmpty()) {
      return Future.succeededFuture(m);
    }
    List<Future<Attachment>> each = m.attachments().stream().map(a -> p.prepare(account, a)).toList();
    return Future.all(each).map(all -> new OutboundMessage(m.channel(), m.channelAccountId(), m.to(), m.contentType(),
        m.text(), each.stream().map(Future::result).toList(), m.content(), m.replyToProviderMessageId(), m.thread(),
        m.idempotencyKey()));
  }

  /** Messages per second per sending number when the inbox does not say: Meta's default for WhatsApp. */
  static int defaultRate(String channel) {
    return switch (channel) {
      case "whatsapp", "twilio" -> 80;
      case "email" -> 10;
      default -> 0;
    };
  }

  static ChannelIdentity recipient(String channel, List<String> identities) {
    List<String> preferred = switch (channel) {
      case "whatsapp" -> List.of(ChannelIdentity.WHATSAPP, ChannelIdentity.WHATSAPP_BSUID);
      case "twilio" -> List.of(ChannelIdentity.WHATSAPP, ChannelIdentity.PHONE);
      case "email" -> List.of(ChannelIdentity.EMAIL);
      default -> List.of(ChannelIdentity.API);
    };
    for (String kind : preferred) {
      for (String id : identities) {
        if (id.startsWith(kind + ":")) {
          return new ChannelIdentity(kind, id.substring(kind.length() + 1));
        }
      }
    }
    return null;
  }

  private static OutboundMessage toOutbound(OutboxStore.Claimed c, OutboxStore.Details d, Inbox inbox, ChannelIdentity to) {
    List<Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < d.attachments().size(); i++) {
      attachments.add(AttachmentJson.fromJson(d.attachments().getJsonObject(i)));
    }
    ContentType type;
    try {
      type = ContentType.fromWire(d.contentType());
    } catch (IllegalArgumentException e) {
      type = ContentType.TEXT;
    }
    return new OutboundMessage(inbox.channel(), inbox.channelAccountId(), to, type, d.text(), attachments, d.content(),
        d.replyToProviderId(), null, c.idempotencyKey());
  }
}
