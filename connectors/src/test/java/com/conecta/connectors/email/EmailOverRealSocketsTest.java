package com.conecta.connectors.email;

import static org.junit.jupiter.api.Assertions.*;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.connectors.ThreadRef;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Email goes out over real SMTP and comes back over real IMAP")
class EmailOverRealSocketsTest {
  private static final String MAILBOX = "soporte@empresa.cl";

  // Ports the system picks: other test JVMs (and other checkouts) may run a mail server at the same time.
  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private GreenMailUser mailbox() {
    return greenMail.setUser(MAILBOX, "soporte", "secreto");
  }

  private ImapMailboxReader reader() {
    var settings = ImapSettings.from(new JsonObject().put("imapHost", "127.0.0.1")
        .put("imapPort", greenMail.getImap().getPort()).put("imapSsl", false).put("imapStarttls", false)
        .put("imapUser", "soporte").put("imapPassword", "secreto").put("imapPollSeconds", 1));
    return new ImapMailboxReader(settings, MAILBOX, new EmailParser(), 100);
  }

  private static MimeMessage raw(String eml) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(eml.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  @DisplayName("a reply sent with SmtpSender arrives with the token Message-ID, Re: subject and thread headers")
  void sendThenRead() throws Exception {
    mailbox();
    greenMail.setUser("cliente@correo.cl", "cliente", "x");
    Vertx vertx = Vertx.vertx();
    try {
      var account = new InboundAccount(1, "email", MAILBOX, new JsonObject().put("smtpHost", "127.0.0.1")
          .put("smtpPort", greenMail.getSmtp().getPort()).put("smtpSecurity", "none")
          .put("fromAddress", MAILBOX).put("fromName", "Empresa"));
      var out = new OutboundMessage("email", MAILBOX, new ChannelIdentity("email", "cliente@correo.cl"), ContentType.EMAIL,
          "Hola <Ana>, adjunto la cotización.", List.of(),
          new JsonObject().put("replyToken", "tok123").put("fromName", "Ana Perez via Empresa"), null,
          new ThreadRef("Cotización cámaras", null, "<orig@correo.cl>", List.of("<orig@correo.cl>")), "idem-1");
      SendResult result = new SmtpSender(vertx).send(account, out).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertEquals(SendResult.Outcome.ACCEPTED, result.outcome(), result.errorTitle());
      assertEquals("<conecta.tok123@empresa.cl>", result.providerMessageId());

      MimeMessage got = greenMail.getReceivedMessages()[0];
      ParsedEmail parsed = new EmailParser().parse(got, "cliente@correo.cl");
      assertEquals("Re: Cotización cámaras", parsed.message().thread().subject());
      assertEquals("<orig@correo.cl>", parsed.message().thread().inReplyTo());
      assertEquals("Ana Perez via Empresa", parsed.message().sender().name());
      assertTrue(parsed.message().content().getString("html").contains("Hola &lt;Ana&gt;"));
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("fetchNew hands each message over once across two reader restarts with a saved cursor")
  void cursorAcrossRestarts() throws Exception {
    GreenMailUser user = mailbox();
    user.deliver(raw("From: a@x.cl\nTo: " + MAILBOX + "\nSubject: uno\nMessage-ID: <1@x.cl>\n\nuno\n"));
    user.deliver(raw("From: b@x.cl\nTo: " + MAILBOX + "\nSubject: dos\nMessage-ID: <2@x.cl>\n\ndos\n"));
    MailboxCursor cursor;
    try (ImapMailboxReader r = reader()) {
      FetchBatch b = r.fetchNew(MailboxCursor.initial());
      assertEquals(List.of("<1@x.cl>", "<2@x.cl>"), b.emails().stream().map(e -> e.email().message().providerMessageId()).toList());
      cursor = b.next();
    }
    user.deliver(raw("From: c@x.cl\nTo: " + MAILBOX + "\nSubject: tres\nMessage-ID: <3@x.cl>\n\ntres\n"));
    try (ImapMailboxReader r = reader()) {
      FetchBatch b = r.fetchNew(cursor);
      assertEquals(List.of("<3@x.cl>"), b.emails().stream().map(e -> e.email().message().providerMessageId()).toList());
      cursor = b.next();
    }
    try (ImapMailboxReader r = reader()) {
      assertTrue(r.fetchNew(cursor).emails().isEmpty());
    }
  }

  @Test
  @DisplayName("a changed UIDVALIDITY restarts from the mailbox's current state instead of re-reading it")
  void uidValidityChange() throws Exception {
    GreenMailUser user = mailbox();
    user.deliver(raw("From: a@x.cl\nTo: " + MAILBOX + "\nSubject: uno\nMessage-ID: <1@x.cl>\n\nuno\n"));
    try (ImapMailboxReader r = reader()) {
      FetchBatch b = r.fetchNew(new MailboxCursor(424242, 7));
      assertTrue(b.uidValidityChanged());
      assertTrue(b.emails().isEmpty());
      assertTrue(r.fetchNew(b.next()).emails().isEmpty());
    }
  }

  @Test
  @DisplayName("idle wakes up when a new message arrives")
  void idleWakes() throws Exception {
    GreenMailUser user = mailbox();
    CountDownLatch woke = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    ImapMailboxReader r = reader();
    Thread t = new Thread(() -> {
      try {
        r.idle(v -> woke.countDown(), stop::get);
      } catch (Exception ignored) {
        // ended by close()
      }
    });
    t.start();
    // IDLE reports mail that arrives after it began, and nothing outside says when that is: a new message every
    // 200 ms until one wakes it (at most 15 s), instead of guessing how long the reader takes to get there.
    boolean ok = false;
    for (int i = 0; i < 75 && !ok; i++) {
      user.deliver(raw("From: a@x.cl\nTo: " + MAILBOX + "\nSubject: nuevo\nMessage-ID: <n" + i + "@x.cl>\n\nhola\n"));
      ok = woke.await(200, TimeUnit.MILLISECONDS);
    }
    stop.set(true);
    r.close();
    t.join(5000);
    assertTrue(ok, "idle did not report the new message");
  }
}
