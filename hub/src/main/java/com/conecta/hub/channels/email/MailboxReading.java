package com.conecta.hub.channels.email;

import com.conecta.connectors.email.EmailParser;
import com.conecta.connectors.email.FetchBatch;
import com.conecta.connectors.email.FetchedEmail;
import com.conecta.connectors.email.ImapMailboxReader;
import com.conecta.connectors.email.ImapSettings;
import com.conecta.connectors.email.MailboxCursor;
import com.conecta.hub.messaging.inbox.Inbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every email inbox into the shared inbox. A lease row in PostgreSQL gives each mailbox to one hub node at a
 * time (renewed every poll; a stopped node's lease expires and another node takes over). The holder waits in IMAP
 * IDLE for new mail and also polls by UID every poll interval; after each batch is ingested it stores the
 * UIDVALIDITY and last UID, fenced by its lease, so restarts neither skip nor re-read mail (and ingest dedupes on
 * the Message-ID in case a node dies between the two). Jakarta Mail blocks: it runs on worker threads only.
 */
public final class MailboxReading {
  private static final Logger log = LoggerFactory.getLogger(MailboxReading.class);
  private static final int MAX_BATCH = 50;
  /** Fetches in a row that one email may fail before it is passed over. */
  private static final int MAX_ATTEMPTS = 5;

  /** How often to poll (and renew leases) and how long a lease lasts without renewal. */
  public record Settings(boolean enabled, int pollSeconds, int leaseSeconds) {}

  private final Vertx vertx;
  private final EmailStore store;
  private final InboundEmailService inbound;
  private final String node;
  private final Settings settings;
  private final EmailParser parser = new EmailParser();
  private final Map<Long, Reader> readers = new HashMap<>();
  private final Set<Long> misconfigured = new HashSet<>();
  private WorkerExecutor fetchWorkers;
  private WorkerExecutor idleWorkers;
  private Context context;
  private long timer = -1;
  private boolean stopped;
  private volatile java.util.function.Function<String, io.vertx.core.json.JsonObject> sandbox;
  private volatile AutoCloseable sandboxServer;

  public MailboxReading(Vertx vertx, EmailStore store, InboundEmailService inbound, String node, Settings settings) {
    this.vertx = vertx;
    this.store = store;
    this.inbound = inbound;
    this.node = node;
    this.settings = settings;
  }

  /**
   * Sandbox only: email inboxes without IMAP settings (or with earlier sandbox ones) are pointed at the local mail
   * server, whose settings for a mailbox address this function answers.
   */
  public void useSandboxServer(java.util.function.Function<String, io.vertx.core.json.JsonObject> settingsFor,
      AutoCloseable server) {
    this.sandbox = settingsFor;
    this.sandboxServer = server;
  }

  public void start() {
    if (!settings.enabled()) {
      log.info("email reading is off (email.reading: false)");
      return;
    }
    context = vertx.getOrCreateContext();
    fetchWorkers = vertx.createSharedWorkerExecutor("conecta-email-fetch-" + node, 4);
    // IDLE holds its thread for as long as the mailbox is quiet: a pool of its own, exempt from blocked-thread warnings.
    idleWorkers = vertx.createSharedWorkerExecutor("conecta-email-idle-" + node, 16, 3650, TimeUnit.DAYS);
    context.runOnContext(v -> {
      tick();
      timer = vertx.setPeriodic(settings.pollSeconds() * 1000L, t -> tick());
    });
  }

  /** Stops reading and hands the mailboxes' leases back so another node takes over at once. */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      vertx.cancelTimer(timer);
      List<Future<Void>> closing = readers.values().stream().map(Reader::close).toList();
      readers.clear();
      Future.join(closing).transform(x -> store.release(node)).transform(x -> closeSandboxServer()).onComplete(x -> {
        fetchWorkers.close();
        idleWorkers.close();
        done.complete();
      });
    });
    return done.future();
  }

  private Future<Void> closeSandboxServer() {
    AutoCloseable server = sandboxServer;
    if (server == null) {
      return Future.succeededFuture();
    }
    return vertx.<Void>executeBlocking(() -> {
      server.close();
      return null;
    }).recover(e -> Future.succeededFuture());
  }

  private void tick() {
    if (stopped) {
      return;
    }
    store.emailInboxes().onSuccess(boxes -> {
      Set<Long> present = new HashSet<>();
      for (EmailStore.Mailbox listed : boxes) {
        EmailStore.Mailbox box = sandboxed(listed);
        if (box.settings().getString("imapHost") == null || box.address() == null) {
          if (misconfigured.add(box.inboxId())) {
            log.info("email inbox {} has no IMAP settings (imapHost): not read", box.inboxId());
          }
          continue;
        }
        misconfigured.remove(box.inboxId());
        present.add(box.inboxId());
        store.claim(box.inboxId(), node, settings.leaseSeconds()).onComplete(ar -> {
          if (stopped) {
            return;
          }
          Reader running = readers.get(box.inboxId());
          boolean mine = ar.succeeded() && ar.result();
          if (mine && running != null && !running.box.settings().equals(box.settings())) {
            // Settings changed (new password, new server): reconnect with the new ones.
            readers.remove(box.inboxId()).close();
            running = null;
          }
          if (mine) {
            if (running == null) {
              running = new Reader(box);
              readers.put(box.inboxId(), running);
              log.info("email inbox {} is read by this node ({})", box.inboxId(), node);
              running.startIdle();
            }
            running.fetch();
          } else if (running != null) {
            // Without a renewed lease another node may take over: stop rather than read beside it.
            log.info("email inbox {}: lease {}; this node ({}) stops reading it", box.inboxId(),
                ar.failed() ? "not renewed (" + ar.cause() + ")" : "taken by another node", node);
            readers.remove(box.inboxId()).close();
          }
        });
      }
      readers.keySet().removeIf(id -> {
        if (!present.contains(id)) {
          readers.get(id).close();
          return true;
        }
        return false;
      });
    }).onFailure(e -> log.warn("email: listing email inboxes failed: {}", e.toString()));
  }

  private EmailStore.Mailbox sandboxed(EmailStore.Mailbox box) {
    var settingsFor = sandbox;
    boolean unset = box.settings().getString("imapHost") == null || box.settings().getBoolean("sandbox", false);
    if (settingsFor == null || !unset || box.address() == null) {
      return box;
    }
    io.vertx.core.json.JsonObject local = settingsFor.apply(box.address());
    io.vertx.core.json.JsonObject merged = box.settings().copy().mergeIn(local);
    if (!merged.equals(box.settings())) {
      store.mergeSettings(box.inboxId(), local)
          .onSuccess(v -> log.info("sandbox: email inbox {} ({}) uses the local mail server", box.inboxId(), box.address()))
          .onFailure(e -> log.warn("sandbox: email inbox {} not pointed at the local mail server: {}", box.inboxId(), e.toString()));
    }
    return new EmailStore.Mailbox(box.inboxId(), box.address(), merged);
  }

  /** One mailbox this node holds: a reader for UID fetches and one that sits in IDLE. Event-loop confined state. */
  private final class Reader {
    final EmailStore.Mailbox box;
    final Inbox inbox;
    final ImapMailboxReader fetcher;
    final ImapMailboxReader idler;
    final Map<Long, Integer> failures = new HashMap<>();
    boolean fetching;
    boolean again;
    volatile boolean closed;

    Reader(EmailStore.Mailbox box) {
      this.box = box;
      this.inbox = new Inbox(box.inboxId(), null, "email", box.address(), null, box.settings());
      ImapSettings imap = ImapSettings.from(box.settings());
      this.fetcher = new ImapMailboxReader(imap, box.address(), parser, MAX_BATCH);
      this.idler = new ImapMailboxReader(imap, box.address(), parser, MAX_BATCH);
    }

    void startIdle() {
      idleWorkers.<Void>executeBlocking(() -> {
        idler.idle(v -> context.runOnContext(x -> fetch()), () -> closed);
        return null;
      }, false).onComplete(ar -> {
        if (closed) {
          return;
        }
        // Connection refused or dropped: UID polling carries on; try IDLE again a little later.
        log.warn("email inbox {}: IMAP IDLE ended ({}); polling continues, IDLE retried", box.inboxId(),
            ar.failed() ? ar.cause().toString() : "closed");
        vertx.setTimer(settings.pollSeconds() * 1000L, t -> {
          if (!closed) {
            startIdle();
          }
        });
      });
    }

    /** Fetches what is new; calls while a fetch runs coalesce into one more fetch after it. */
    void fetch() {
      if (closed) {
        return;
      }
      if (fetching) {
        again = true;
        return;
      }
      fetching = true;
      again = false;
      store.cursor(box.inboxId(), node).compose(cursor -> {
        if (cursor == null) {
          return Future.succeededFuture(0);
        }
        MailboxCursor from = new MailboxCursor(cursor.uidValidity(), cursor.lastUid());
        return fetchWorkers.executeBlocking(() -> fetcher.fetchNew(from), true)
            .compose(this::ingest);
      }).onComplete(ar -> {
        fetching = false;
        if (ar.failed()) {
          log.warn("email inbox {}: reading failed, retried at the next poll: {}", box.inboxId(), ar.cause().toString());
        } else if (ar.result() >= MAX_BATCH) {
          again = true;
        }
        if (again && !closed) {
          fetch();
        }
      });
    }

    /**
     * Ingests the batch in UID order, then moves the cursor past what was stored. On a failure the cursor stops just
     * before the failing email, which is retried at the next fetch; one that keeps failing (after MAX_ATTEMPTS) is
     * logged and passed over, so one broken email cannot stop a mailbox.
     */
    private Future<Integer> ingest(FetchBatch batch) {
      long validity = batch.next().uidValidity();
      long[] done = {batch.emails().isEmpty() ? batch.next().lastUid() : -1};
      Future<Void> chain = Future.succeededFuture();
      for (FetchedEmail e : batch.emails()) {
        chain = chain.compose(v -> inbound.accept(inbox, e.email())
            .<Void>mapEmpty()
            .recover(err -> {
              int attempts = failures.merge(e.uid(), 1, Integer::sum);
              if (attempts < MAX_ATTEMPTS) {
                return Future.failedFuture(err);
              }
              log.error("email inbox {}: uid {} ({}) failed {} times and is passed over: {}", box.inboxId(), e.uid(),
                  e.email().message().providerMessageId(), attempts, err.toString());
              return Future.succeededFuture();
            })
            .onSuccess(x -> {
              failures.remove(e.uid());
              done[0] = e.uid();
            }));
      }
      Future<Void> all = chain;
      return all.transform(ar -> {
        if (done[0] < 0) {
          return all.map(0);
        }
        return store.saveCursor(box.inboxId(), node, new EmailStore.Cursor(validity, done[0])).compose(saved -> {
          if (!saved) {
            log.info("email inbox {}: lease lost during a fetch; the new holder continues from its cursor", box.inboxId());
          }
          return all.map(batch.emails().size());
        });
      });
    }

    Future<Void> close() {
      closed = true;
      return fetchWorkers.<Void>executeBlocking(() -> {
        idler.close();
        fetcher.close();
        return null;
      }, false).recover(e -> Future.succeededFuture());
    }
  }
}
