package com.conecta.hub.channels.email;

import com.conecta.hub.support.Await;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real mail server (GreenMail, SMTP and IMAP on free ports) holding the demo support mailbox: customers write to it
 * over SMTP, the hub reads it over IMAP and sends through it, and the tests read what was sent.
 */
final class TestMailServer {
  static final String MAILBOX = "soporte@demo.conecta.cl";
  private static final String PASSWORD = "secreto";

  private final GreenMail mail;

  private TestMailServer() {
    mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mail.start();
    mail.setUser(MAILBOX, MAILBOX, PASSWORD);
  }

  /** A server started for the support mailbox, with the hub's email inbox {@code inboxId} pointed at it. */
  static TestMailServer startFor(Pool sql, long inboxId) {
    TestMailServer server = new TestMailServer();
    sql.preparedQuery("update inboxes set settings = $1 where id = $2")
        .execute(Tuple.of(server.inboxSettings(), inboxId)).await();
    return server;
  }

  /** The email inbox's settings that point the hub at this server. */
  private JsonObject inboxSettings() {
    return new JsonObject()
        .put("imapHost", "127.0.0.1").put("imapPort", mail.getImap().getPort()).put("imapSsl", false)
        .put("imapStarttls", false).put("imapUser", MAILBOX).put("imapPassword", PASSWORD)
        .put("smtpHost", "127.0.0.1").put("smtpPort", mail.getSmtp().getPort()).put("smtpSecurity", "none")
        .put("fromAddress", MAILBOX).put("fromName", "Demo Conecta");
  }

  /** Delivers {@code eml} (headers and body, lines ending in \n) to the support mailbox as a customer would. */
  void sendAsCustomer(String eml) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(eml.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    // sendMessage, not Transport.send: the latter would replace the Message-ID the test threads on.
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, new InternetAddress[] {new InternetAddress(MAILBOX)});
    }
  }

  /** Waits until at least {@code n} emails to {@code address} went through the server, and answers them. */
  List<MimeMessage> awaitSentTo(String address, int n) {
    List<MimeMessage> out = new ArrayList<>();
    Await.until(() -> {
      out.clear();
      try {
        for (MimeMessage m : mail.getReceivedMessages()) {
          if (firstRecipientIs(m, address)) {
            out.add(m);
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return out.size() >= n;
    }, n + " email(s) to " + address, java.time.Duration.ofSeconds(30));
    return out;
  }

  /** Everything delivered to the support mailbox, automatic mail included (GreenMail numbers UIDs from 1). */
  long mailboxSize() throws Exception {
    long n = 0;
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (firstRecipientIs(m, MAILBOX)) {
        n++;
      }
    }
    return n;
  }

  /** Mail in the mailbox that a person wrote (the automatic ones are deliberately not stored). */
  long customerMailsInMailbox() {
    try {
      long n = 0;
      for (MimeMessage m : mail.getReceivedMessages()) {
        String id = m.getMessageID();
        if (firstRecipientIs(m, MAILBOX) && !id.startsWith("<auto") && !id.startsWith("<bounce")) {
          n++;
        }
      }
      return n;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean firstRecipientIs(MimeMessage m, String address) throws Exception {
    var to = m.getRecipients(jakarta.mail.Message.RecipientType.TO);
    return to != null && to.length > 0 && ((InternetAddress) to[0]).getAddress().equals(address);
  }

  /** The first part of {@code p} of the MIME type {@code type}, as text; null if there is none. */
  static String part(Part p, String type) throws Exception {
    if (p.isMimeType(type)) {
      return String.valueOf(p.getContent());
    }
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        String found = part(mp.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  void stop() {
    mail.stop();
  }
}
