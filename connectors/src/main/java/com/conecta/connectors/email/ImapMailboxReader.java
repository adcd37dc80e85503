package com.conecta.connectors.email;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one mailbox over IMAP by UID. Blocking: run it on a worker thread. Not thread-safe except {@link #close()},
 * which may be called from another thread to end {@link #idle}.
 */
public final class ImapMailboxReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImapMailboxReader.class);
  private static final int TIMEOUT_MS = 30_000;
  private final ImapSettings settings;
  private final String mailboxAddress;
  private final EmailParser parser;
  private final int maxBatch;
  private volatile Store store;
  private volatile Folder idleFolder;

  public ImapMailboxReader(ImapSettings settings, String mailboxAddress, EmailParser parser, int maxBatch) {
    this.settings = settings;
    this.mailboxAddress = mailboxAddress;
    this.parser = parser;
    this.maxBatch = maxBatch;
  }

  /**
   * Emails with a UID above the cursor, oldest first, at most maxBatch. When UIDVALIDITY differs from a stored
   * cursor the old UIDs mean nothing any more; rather than re-ingest the whole mailbox we deliberately restart from
   * its current state (empty batch, cursor at UIDNEXT-1). Dedupe on Message-ID in the hub covers any overlap.
   */
  public FetchBatch fetchNew(MailboxCursor cursor) throws MessagingException, IOException {
    MailboxCursor from = cursor == null ? MailboxCursor.initial() : cursor;
    IMAPFolder folder = (IMAPFolder) store().getFolder(settings.folder());
    folder.open(Folder.READ_ONLY);
    try {
      long validity = folder.getUIDValidity();
      if (from.uidValidity() != 0 && from.uidValidity() != validity) {
        LOG.warn("UIDVALIDITY changed mailbox={} old={} new={}: restarting from the current state", mailboxAddress, from.uidValidity(), validity);
        return new FetchBatch(List.of(), new MailboxCursor(validity, Math.max(0, folder.getUIDNext() - 1)), true);
      }
      Message[] found = folder.getMessagesByUID(from.lastUid() + 1, UIDFolder.MAXUID);
      List<Message> fresh = new ArrayList<>();
      for (Message m : found) {
        // A range past the last UID still returns the newest message (RFC 3501 "*"), so filter.
        if (m != null && folder.getUID(m) > from.lastUid()) fresh.add(m);
      }
      fresh.sort(Comparator.comparingLong(m -> uid(folder, m)));
      List<FetchedEmail> out = new ArrayList<>();
      long last = from.lastUid();
      for (Message m : fresh.subList(0, Math.min(fresh.size(), maxBatch))) {
        long uid = folder.getUID(m);
        out.add(new FetchedEmail(uid, parser.parse(new MimeMessage((MimeMessage) m), mailboxAddress)));
        last = uid;
      }
      return new FetchBatch(out, new MailboxCursor(validity, last), false);
    } finally {
      folder.close(false);
    }
  }

  /**
   * Blocks, calling onNewMail whenever mail arrives, until stop says so or {@link #close()} is called. Uses IMAP
   * IDLE; on servers without it, polls the message count every pollInterval.
   */
  public void idle(Consumer<Void> onNewMail, BooleanSupplier stop) throws MessagingException {
    while (!stop.getAsBoolean()) {
      IMAPFolder folder = (IMAPFolder) store().getFolder(settings.folder());
      folder.open(Folder.READ_ONLY);
      idleFolder = folder;
      folder.addMessageCountListener(new MessageCountAdapter() {
        @Override
        public void messagesAdded(MessageCountEvent e) {
          onNewMail.accept(null);
        }
      });
      try {
        while (!stop.getAsBoolean() && folder.isOpen()) {
          try {
            folder.idle(true);
          } catch (MessagingException e) {
            if (stop.getAsBoolean()) return;
            if (!String.valueOf(e.getMessage()).toUpperCase().contains("IDLE")) throw e;
            poll(folder, onNewMail, stop);
          }
        }
      } catch (IllegalStateException | MessagingException e) {
        if (stop.getAsBoolean()) return;
        LOG.warn("IMAP idle interrupted mailbox={}: {}", mailboxAddress, e.getMessage());
      } finally {
        idleFolder = null;
        if (folder.isOpen()) {
          try {
            folder.close(false);
          } catch (MessagingException ignored) {
            // closing after a failure: nothing more to do
          }
        }
      }
    }
  }

  private void poll(IMAPFolder folder, Consumer<Void> onNewMail, BooleanSupplier stop) throws MessagingException {
    int count = folder.getMessageCount();
    while (!stop.getAsBoolean()) {
      try {
        Thread.sleep(settings.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int now = folder.getMessageCount();
      if (now > count) onNewMail.accept(null);
      count = now;
    }
  }

  private static long uid(IMAPFolder f, Message m) {
    try {
      return f.getUID(m);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized Store store() throws MessagingException {
    if (store != null && store.isConnected()) return store;
    String proto = settings.ssl() ? "imaps" : "imap";
    Properties p = new Properties();
    p.put("mail.store.protocol", proto);
    // RFC 6532: clients and servers send raw UTF-8 in headers (subjects, names); read them as UTF-8, not Latin-1.
    p.put("mail.mime.allowutf8", "true");
    p.put("mail." + proto + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
    p.put("mail." + proto + ".timeout", String.valueOf(TIMEOUT_MS));
    if (settings.starttls() && !settings.ssl()) p.put("mail.imap.starttls.enable", "true");
    Store s = Session.getInstance(p).getStore(proto);
    s.connect(settings.host(), settings.port(), settings.user(), settings.password());
    store = s;
    return s;
  }

  @Override
  public void close() {
    try {
      Folder f = idleFolder;
      if (f != null && f.isOpen()) f.close(false);
    } catch (MessagingException | IllegalStateException ignored) {
      // the idle loop sees the folder closed and ends
    }
    try {
      Store s = store;
      if (s != null) s.close();
    } catch (MessagingException ignored) {
      // closing: nothing to recover
    }
  }
}
