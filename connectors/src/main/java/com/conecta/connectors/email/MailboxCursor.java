package com.conecta.connectors.email;

/**
 * Where reading a mailbox stopped: the folder's UIDVALIDITY and the highest UID handed over. The caller stores it
 * after the batch is safely ingested and passes it back on the next fetch, so nothing is read twice or skipped.
 */
public record MailboxCursor(long uidValidity, long lastUid) {
  /** Never read before: the first fetch takes what the mailbox holds. */
  public static MailboxCursor initial() {
    return new MailboxCursor(0, 0);
  }
}
