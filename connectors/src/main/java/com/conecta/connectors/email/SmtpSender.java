package com.conecta.connectors.email;

import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.connectors.ThreadRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jsoup.nodes.Entities;

/**
 * Sends email replies over SMTP on a worker thread. The Message-ID embeds a reply token so the customer's answer
 * threads back even when their client rewrites the subject.
 */
public final class SmtpSender implements ChannelSender {
  private static final Duration RETRY_AFTER = Duration.ofMinutes(1);
  private static final int TIMEOUT_MS = 20_000;
  private final Vertx vertx;

  public SmtpSender(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public Future<SendResult> send(InboundAccount account, OutboundMessage message) {
    return vertx.executeBlocking(() -> sendBlocking(account, message), false);
  }

  /** The blocking send, for callers already on a worker thread. Never throws for SMTP errors. */
  public SendResult sendBlocking(InboundAccount account, OutboundMessage out) {
    SmtpSettings settings;
    try {
      settings = SmtpSettings.from(account.settings());
    } catch (IllegalArgumentException e) {
      return SendResult.failed("smtp_settings", e.getMessage());
    }
    try {
      Session session = Session.getInstance(properties(settings));
      MimeMessage mime = build(session, settings, out);
      try (Transport t = session.getTransport(settings.security().equals("tls") ? "smtps" : "smtp")) {
        t.connect(settings.host(), settings.port(), settings.user(), settings.password());
        t.sendMessage(mime, mime.getAllRecipients());
      }
      return SendResult.accepted(mime.getMessageID());
    } catch (AuthenticationFailedException e) {
      return SendResult.failed("smtp_auth", "SMTP authentication failed");
    } catch (MessagingException | IOException e) {
      return classify(e);
    }
  }

  MimeMessage build(Session session, SmtpSettings s, OutboundMessage out) throws MessagingException, IOException {
    JsonObject c = out.content();
    String token = c.getString("replyToken", out.idempotencyKey() != null ? out.idempotencyKey() : UUID.randomUUID().toString());
    token = token.replaceAll("[^A-Za-z0-9_-]", "-");
    String messageId = ReplyToken.messageId(token, s.domain());
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    String fromName = c.getString("fromName", s.fromName());
    m.setFrom(fromName == null ? new InternetAddress(s.fromAddress()) : new InternetAddress(s.fromAddress(), fromName, "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(out.to().value(), true));
    ThreadRef thread = out.thread();
    m.setSubject(subject(c.getString("subject", thread == null ? null : thread.subject()), thread), "UTF-8");
    if (thread != null && thread.inReplyTo() != null) {
      m.setHeader("In-Reply-To", thread.inReplyTo());
      String refs = thread.references().isEmpty() ? thread.inReplyTo() : String.join(" ", thread.references());
      if (!refs.contains(thread.inReplyTo())) refs = refs + " " + thread.inReplyTo();
      m.setHeader("References", refs);
    }
    m.setSentDate(new Date());

    String text = out.text() == null ? "" : out.text();
    String html = c.getString("html", "<!doctype html><html><body><div style=\"white-space:pre-wrap\">"
        + Entities.escape(text) + "</div></body></html>");
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart textPart = new MimeBodyPart();
    textPart.setText(text, "UTF-8");
    MimeBodyPart htmlPart = new MimeBodyPart();
    htmlPart.setText(html, "UTF-8", "html");
    alternative.addBodyPart(textPart);
    alternative.addBodyPart(htmlPart);

    var files = c.getJsonArray("attachments");
    if (files == null || files.isEmpty()) {
      m.setContent(alternative);
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      mixed.addBodyPart(body);
      for (Object o : files) {
        // Only attachments the hub already loaded as base64 travel; references to storage are the hub's to resolve.
        if (!(o instanceof JsonObject f) || f.getString("base64") == null) continue;
        MimeBodyPart part = new MimeBodyPart();
        String mime = f.getString("mimeType", "application/octet-stream");
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(Base64.getDecoder().decode(f.getString("base64")), mime)));
        part.setFileName(EmailParser.safeFileName(f.getString("fileName")));
        mixed.addBodyPart(part);
      }
      m.setContent(mixed);
    }
    m.saveChanges();
    return m;
  }

  static String subject(String subject, ThreadRef thread) {
    String s = subject == null ? "" : subject.replaceAll("[\\r\\n]+", " ").strip();
    boolean reply = thread != null && thread.inReplyTo() != null;
    if (reply && !s.toLowerCase(Locale.ROOT).matches("^(re|rv|aw|sv)\\s*:.*")) return "Re: " + s;
    return s;
  }

  // 4xx and connection problems pass; 5xx is the server saying no for good.
  private static SendResult classify(Exception e) {
    for (Throwable t = e; t != null; t = next(t)) {
      int code = -1;
      if (t instanceof SMTPSendFailedException s) code = s.getReturnCode();
      if (t instanceof SMTPAddressFailedException a) code = a.getReturnCode();
      if (code >= 500) return SendResult.failed("smtp_" + code, shortMessage(t));
      if (code >= 400) return SendResult.retry(RETRY_AFTER, "smtp_" + code, shortMessage(t));
    }
    return SendResult.retry(RETRY_AFTER, "smtp_connection", shortMessage(e));
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) return me.getNextException();
    return t.getCause() == t ? null : t.getCause();
  }

  private static String shortMessage(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    return m.length() > 200 ? m.substring(0, 200) : m;
  }

  private static Properties properties(SmtpSettings s) {
    Properties p = new Properties();
    String proto = s.security().equals("tls") ? "smtps" : "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", s.host());
    p.put("mail." + proto + ".port", String.valueOf(s.port()));
    p.put("mail." + proto + ".auth", String.valueOf(s.user() != null));
    p.put("mail." + proto + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
    p.put("mail." + proto + ".timeout", String.valueOf(TIMEOUT_MS));
    p.put("mail." + proto + ".writetimeout", String.valueOf(TIMEOUT_MS));
    if (s.security().equals("starttls")) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (s.security().equals("tls")) p.put("mail.smtps.ssl.checkserveridentity", "true");
    return p;
  }

}
