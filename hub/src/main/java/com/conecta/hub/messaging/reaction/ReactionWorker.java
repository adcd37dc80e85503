package com.conecta.hub.messaging.reaction;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import com.conecta.hub.messaging.inbox.AttachmentJson;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.inbox.IngestResult;
import com.conecta.hub.messaging.inbox.IngestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reactions to new inbound messages from their durable jobs: claims due jobs ({@link ReactionStore}), runs
 * the reactions each job has not done yet, and ends the job. Nudged on this node right after an ingest commit (so the
 * bot answers as soon as before), and polls for the rest: other nodes' jobs, retries, the jobs of a node that died.
 * Messages of one conversation run one after the other, in the order they were stored.
 *
 * <p>Lives on a background verticle's context: its state is touched only from there.
 */
public final class ReactionWorker {
  private static final Logger log = LoggerFactory.getLogger(ReactionWorker.class);
  /** Event-bus address (this node only) of the nudge sent after an ingest commit. */
  public static final String DUE = "conecta.reactions.due";
  /** A second claim may start while the first one's slow lanes (a bot step) finish. */
  private static final int MAX_CLAIMS_IN_FLIGHT = 2;

  private final Vertx vertx;
  private final ReactionStore store;
  private final Reactions reactions;
  private final InboxService inboxes;
  private final String node;
  private final ReactionSettings settings;
  // Atomic: a reaction's Future may complete on another loop (a shared pool, a worker thread), and the claim's end with it.
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean again = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean running;
  private long timer = -1;
  private MessageConsumer<Object> nudges;

  public ReactionWorker(Vertx vertx, ReactionStore store, Reactions reactions, InboxService inboxes, String node,
      ReactionSettings settings) {
    this.vertx = vertx;
    this.store = store;
    this.reactions = reactions;
    this.inboxes = inboxes;
    this.node = node;
    this.settings = settings;
  }

  /** What the ingest path calls after a commit that stored new messages: a nudge to this node's worker. */
  public static Runnable nudger(Vertx vertx) {
    return () -> vertx.eventBus().send(DUE, null);
  }

  public void start() {
    running = true;
    nudges = vertx.eventBus().localConsumer(DUE, m -> pass());
    timer = vertx.setPeriodic(settings.pollMs(), t -> pass());
    pass();
  }

  public Future<Void> stop() {
    running = false;
    vertx.cancelTimer(timer);
    // Claimed jobs not finished come back to any node when their lease ends.
    return nudges == null ? Future.succeededFuture() : nudges.unregister();
  }

  /** One claim, unless enough are running; a nudge that arrives meanwhile makes another claim follow. */
  private void pass() {
    if (!running) {
      return;
    }
    if (inFlight.incrementAndGet() > MAX_CLAIMS_IN_FLIGHT) {
      inFlight.decrementAndGet();
      again.set(true);
      return;
    }
    again.set(false);
    store.claim(node, settings.batchSize(), settings.leaseSeconds())
        .compose(jobs -> run(jobs).map(jobs.size()))
        .onComplete(ar -> {
          inFlight.decrementAndGet();
          if (ar.failed()) {
            log.warn("reaction jobs not claimed: {}", ar.cause().toString());
          } else if (ar.result() == settings.batchSize()) {
            again.set(true); // a full batch: more may be due
          }
          if (again.getAndSet(false)) {
            pass();
          }
        });
  }

  private Future<Void> run(List<ReactionStore.Job> jobs) {
    if (jobs.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<Long, List<ReactionStore.Job>> byConversation = new LinkedHashMap<>();
    jobs.stream().sorted(java.util.Comparator.comparingLong(ReactionStore.Job::messageId))
        .forEach(j -> byConversation.computeIfAbsent(j.conversationId(), c -> new ArrayList<>()).add(j));
    java.util.Queue<Long> finished = new java.util.concurrent.ConcurrentLinkedQueue<>();
    // At most settings.parallel() jobs at a time: a claimed batch run all at once took every pooled connection and
    // the webhooks' ingest waited behind it (seen in the benchmark as "Timeout waiting for connection").
    List<List<ReactionStore.Job>> streams = new ArrayList<>();
    for (int i = 0; i < Math.min(settings.parallel(), byConversation.size()); i++) {
      streams.add(new ArrayList<>());
    }
    int next = 0;
    for (List<ReactionStore.Job> lane : byConversation.values()) {
      streams.get(next++ % streams.size()).addAll(lane); // a conversation's jobs stay in one stream, in order
    }
    List<Future<Void>> lanes = new ArrayList<>();
    for (List<ReactionStore.Job> stream : streams) {
      Future<Void> chain = Future.succeededFuture();
      for (ReactionStore.Job job : stream) {
        chain = chain.compose(v -> runJob(job)).map(ok -> {
          if (ok) {
            finished.add(job.messageId());
          }
          return null;
        });
      }
      lanes.add(chain);
    }
    return Future.join(lanes).transform(ar -> store.done(List.copyOf(finished), node));
  }

  /** True when every reaction of the job has run; otherwise the job is set to be tried again. */
  private Future<Boolean> runJob(ReactionStore.Job job) {
    return inboxes.byId(job.inboxId()).compose(inbox -> {
      if (inbox == null) {
        return Future.succeededFuture(true); // the inbox is gone: nothing left to react for
      }
      IngestService.Ingested in = ingested(inbox, job);
      List<Reaction> todo = reactions.toNewMessage().stream().filter(r -> !job.done().contains(r.name())).toList();
      List<Future<Void>> each = todo.stream().map(r -> safely(r, in)).toList();
      return Future.join(each).transform(ar -> {
        List<String> done = new ArrayList<>(job.done());
        String error = null;
        for (int i = 0; i < todo.size(); i++) {
          if (each.get(i).succeeded()) {
            done.add(todo.get(i).name());
          } else if (error == null) {
            error = todo.get(i).name() + ": " + each.get(i).cause();
          }
        }
        if (error == null) {
          return Future.succeededFuture(true);
        }
        boolean giveUp = job.attempts() >= settings.maxAttempts();
        int delay = Math.min(300, 1 << Math.min(job.attempts(), 8));
        log.warn("reactions to message {} (conversation {}), attempt {}: {}{}", job.messageId(), job.conversationId(),
            job.attempts(), error, giveUp ? "; giving up" : "; trying again in " + delay + " s");
        return store.retry(job.messageId(), node, done, error, delay, giveUp).map(false);
      });
    }).recover(e -> {
      log.warn("reactions to message {} not run: {}", job.messageId(), e.toString());
      return Future.succeededFuture(false); // the lease ends and the job is claimed again
    });
  }

  /** A reaction that throws instead of failing its Future counts as failed, not as the whole job's failure. */
  private static Future<Void> safely(Reaction r, IngestService.Ingested in) {
    try {
      return r.react(in);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The message as the reactions knew it on the ingest path, read back from what was stored. */
  static IngestService.Ingested ingested(Inbox inbox, ReactionStore.Job job) {
    List<com.conecta.connectors.Attachment> attachments = new ArrayList<>();
    if (job.attachments() != null) {
      for (int i = 0; i < job.attachments().size(); i++) {
        attachments.add(AttachmentJson.fromJson(job.attachments().getJsonObject(i)));
      }
    }
    SenderProfile sender = new SenderProfile(List.of(new ChannelIdentity("contact", String.valueOf(job.contactId()))),
        job.contactName(), job.contactPhone(), job.contactEmail(), null);
    InboundMessage message = new InboundMessage(inbox.channel(), inbox.channelAccountId(), job.providerMessageId(),
        sender, ContentType.fromWire(job.contentType()), job.text(), attachments,
        job.content() == null ? new JsonObject() : job.content(), job.sentAt() == null ? null : job.sentAt().toInstant(),
        job.replyTo(), null);
    return new IngestService.Ingested(inbox, message, new IngestResult(inbox.id(), job.messageId(), job.conversationId(),
        job.contactId(), true, job.conversationCreated()));
  }
}
