package com.conecta.connectors.email;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * IMAP settings from InboundAccount.settings: imapHost, imapPort, imapSsl, imapStarttls, imapUser, imapPassword,
 * imapFolder (INBOX), imapPollSeconds (fallback when the server has no IDLE).
 */
public record ImapSettings(String host, int port, boolean ssl, boolean starttls, String user, String password,
    String folder, Duration pollInterval) {
  public static ImapSettings from(JsonObject s) {
    boolean ssl = s.getBoolean("imapSsl", true);
    return new ImapSettings(s.getString("imapHost"), s.getInteger("imapPort", ssl ? 993 : 143), ssl,
        s.getBoolean("imapStarttls", !ssl), s.getString("imapUser"), s.getString("imapPassword"),
        s.getString("imapFolder", "INBOX"), Duration.ofSeconds(s.getInteger("imapPollSeconds", 60)));
  }
}
