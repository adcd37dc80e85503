package com.conecta.connectors.email;

import java.util.List;

/**
 * Emails fetched in UID order and the cursor to store once they are ingested.
 *
 * @param uidValidityChanged the server renumbered the folder; the batch is empty and the cursor jumps to now
 */
public record FetchBatch(List<FetchedEmail> emails, MailboxCursor next, boolean uidValidityChanged) {
  public FetchBatch {
    emails = List.copyOf(emails);
  }
}
