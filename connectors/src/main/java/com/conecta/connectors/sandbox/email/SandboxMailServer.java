package com.conecta.connectors.sandbox.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;

/**
 * A small mail server (GreenMail, SMTP + IMAP, no TLS) that the sandbox runs so the demo email inbox works on a
 * laptop: write to the inbox's address over SMTP with any mail client, read the hub's replies over IMAP as the
 * customer's address (any password). Blocking start and stop: call them on a worker thread.
 */
public final class SandboxMailServer implements AutoCloseable {
  public static final String PASSWORD = "sandbox";
  private final GreenMail mail;
  private final String host;

  private SandboxMailServer(GreenMail mail, String host) {
    this.mail = mail;
    this.host = host;
  }

  /** Starts on the given ports (0 = any free port). */
  public static SandboxMailServer start(String host, int smtpPort, int imapPort) {
    ServerSetup smtp = new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP);
    ServerSetup imap = new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP);
    GreenMail mail = new GreenMail(new ServerSetup[] {smtpPort == 0 ? smtp.dynamicPort() : smtp,
        imapPort == 0 ? imap.dynamicPort() : imap});
    // Any login reads any mailbox: this is a local toy server for trying the hub, never a real one.
    mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    mail.start();
    return new SandboxMailServer(mail, host);
  }

  public int smtpPort() {
    return mail.getSmtp().getPort();
  }

  public int imapPort() {
    return mail.getImap().getPort();
  }

  /** Creates the mailbox and answers the email-inbox settings (IMAP and SMTP) that point at it. */
  public JsonObject inboxSettings(String address, String displayName) {
    mail.setUser(address, address, PASSWORD);
    return new JsonObject().put("imapHost", host).put("imapPort", imapPort()).put("imapSsl", false)
        .put("imapStarttls", false).put("imapUser", address).put("imapPassword", PASSWORD).put("imapPollSeconds", 5)
        .put("smtpHost", host).put("smtpPort", smtpPort()).put("smtpSecurity", "none").put("fromAddress", address)
        .put("fromName", displayName).put("sandbox", true);
  }

  @Override
  public void close() {
    mail.stop();
  }
}
