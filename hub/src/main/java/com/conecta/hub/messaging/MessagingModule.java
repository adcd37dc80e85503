package com.conecta.hub.messaging;

import com.conecta.connectors.ChannelSender;
import com.conecta.hub.channels.clients.ChannelClients;
import com.conecta.hub.channels.whatsapp.WhatsAppReadMarker;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.config.OutboxSettings;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.foundation.secrets.SecretSettings;
import com.conecta.hub.messaging.conversation.ConversationRoutes;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.messaging.delivery.DeliveryService;
import com.conecta.hub.messaging.delivery.DeliveryStore;
import com.conecta.hub.messaging.inbox.InboxRoutes;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.inbox.InboxStore;
import com.conecta.hub.messaging.inbox.IngestBatcher;
import com.conecta.hub.messaging.inbox.IngestService;
import com.conecta.hub.messaging.inbox.IngestStore;
import com.conecta.hub.messaging.inbox.StaffSenders;
import com.conecta.hub.messaging.inbox.StaffStore;
import com.conecta.hub.messaging.outbox.ApiChannelSender;
import com.conecta.hub.messaging.outbox.OutboxStore;
import com.conecta.hub.messaging.outbox.OutboxWorker;
import com.conecta.hub.messaging.reaction.Reaction;
import com.conecta.hub.messaging.reaction.ReactionSettings;
import com.conecta.hub.messaging.reaction.ReactionStore;
import com.conecta.hub.messaging.reaction.ReactionWorker;
import com.conecta.hub.messaging.reaction.Reactions;
import com.conecta.hub.messaging.realtime.EventStreamRoutes;
import com.conecta.hub.messaging.sending.SendRateLimiter;
import com.conecta.hub.messaging.template.TemplateRoutes;
import com.conecta.templates.TemplateCatalogue;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inbox's core: inboxes, conversations, ingest (with the reaction jobs it writes), receipts, the outbox that sends
 * replies through the channels' clients, the message templates and the live event stream.
 */
public final class MessagingModule {
  /** Outbox rows a node claims at a time. */
  private static final int OUTBOX_BATCH = 200;

  private final NodeResources node;
  private final InboxStore inboxStore;
  private final InboxService inboxes;
  private final ConversationService conversations;
  private final IngestService ingest;
  private final DeliveryService delivery;
  private final TemplateCatalogue templates;
  private final OutboxWorker outbox;

  public MessagingModule(NodeResources node, SecretSettings channelSecrets, ChannelClients channels) {
    HubConfig config = node.config();
    this.node = node;
    this.inboxStore = new InboxStore(node.pool(), channelSecrets);
    this.inboxes = new InboxService(inboxStore);
    // A conversation read by an agent → WhatsApp's blue ticks for the customer.
    this.conversations = new ConversationService(new ConversationStore(node.pool()), node.broker(),
        channels.media()::resolve, List.of(new WhatsAppReadMarker(channels.whatsapp(), inboxes)));
    this.ingest = new IngestService(new IngestBatcher(new IngestStore(node.pool()), config.ingest().batchSize(),
        Math.max(1, config.db().poolSize() - 2)), node.broker(), conversations, node.metrics(),
        new StaffSenders(new StaffStore(node.pool())), ReactionWorker.nudger(node.vertx()));
    this.delivery = new DeliveryService(new DeliveryStore(node.pool()), node.broker());
    this.templates = TemplateCatalogue.load();
    Map<String, ChannelSender> senders = new HashMap<>();
    ApiChannelSender api = new ApiChannelSender(WebClient.create(node.vertx()));
    senders.put(api.channel(), api);
    channels.senders().forEach(s -> senders.put(s.channel(), s));
    OutboxSettings outboxSettings = OutboxSettings.from(config);
    this.outbox = new OutboxWorker(node.vertx(), new OutboxStore(node.side().queue()), inboxes, node.broker(), senders,
        node.nodeId(), delivery, new SendRateLimiter(node.vertx(), node.redis()), channels.preparers(),
        new OutboxWorker.Timing(OUTBOX_BATCH, outboxSettings.lease(), outboxSettings.inDoubt()));
  }

  public InboxService inboxes() {
    return inboxes;
  }

  public ConversationService conversations() {
    return conversations;
  }

  public IngestService ingest() {
    return ingest;
  }

  public DeliveryService delivery() {
    return delivery;
  }

  public TemplateCatalogue templates() {
    return templates;
  }

  /**
   * Channel secrets still in plain text (the demo inboxes the seeder writes, rows from before encryption) are sealed
   * with the current key before the node serves: none stays readable in the database.
   */
  public Future<Void> resealSecrets() {
    return inboxStore.resealSecrets().mapEmpty();
  }

  public void register(RouteSteps http) {
    http.api(new InboxRoutes(inboxes, ingest)::register);
    http.api(new ConversationRoutes(conversations, templates)::register);
    http.api(new TemplateRoutes(templates)::register);
    http.api(new EventStreamRoutes(node.vertx(), node.broker())::register);
  }

  public List<BackgroundVerticle.Periodic> passes() {
    return List.of(new BackgroundVerticle.Periodic("snoozed conversations", 30_000, conversations::wakeSnoozed));
  }

  /** The outbox's sender, on a verticle of its own. */
  public Supplier<BackgroundVerticle> outboxSender() {
    return () -> new BackgroundVerticle("outbox", List.of(
        new BackgroundVerticle.Worker("outbox", outbox::start, outbox::stop)), List.of());
  }

  /** The worker that runs the durable reactions to new messages (the jobs the ingest writes), on a verticle of its own. */
  public Supplier<BackgroundVerticle> reactionRunner(List<Reaction> toNewMessage) {
    ReactionWorker reactions = new ReactionWorker(node.vertx(), new ReactionStore(node.pool()),
        new Reactions(toNewMessage), inboxes, node.nodeId(), ReactionSettings.from(node.config().raw()));
    return () -> new BackgroundVerticle("reactions", List.of(new BackgroundVerticle.Worker("reactions",
        reactions::start, reactions::stop)), List.of());
  }
}
