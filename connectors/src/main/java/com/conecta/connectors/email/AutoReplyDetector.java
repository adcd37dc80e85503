package com.conecta.connectors.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Optional;

/** Recognises machine-written mail (RFC 3834 auto-replies, bounces, bulk) so the hub neither answers nor assigns it. */
public final class AutoReplyDetector {
  private final boolean mailingListsAreAutomatic;

  public AutoReplyDetector() {
    this(false);
  }

  /** @param mailingListsAreAutomatic treat List-Id mail as automatic (off by default: customers write via lists too) */
  public AutoReplyDetector(boolean mailingListsAreAutomatic) {
    this.mailingListsAreAutomatic = mailingListsAreAutomatic;
  }

  /** The reason the message is automatic, or empty when a person wrote it. */
  public Optional<String> detect(MimeMessage m) throws MessagingException {
    String autoSubmitted = header(m, "Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
      return Optional.of("auto-submitted:" + autoSubmitted.trim().toLowerCase(Locale.ROOT));
    }
    if (header(m, "X-Autoreply") != null) return Optional.of("x-autoreply");
    if (header(m, "X-Autorespond") != null) return Optional.of("x-autorespond");
    String precedence = header(m, "Precedence");
    if (precedence != null) {
      String p = precedence.trim().toLowerCase(Locale.ROOT);
      if (p.equals("bulk") || p.equals("junk") || p.equals("auto_reply") || p.equals("list")) return Optional.of("precedence:" + p);
    }
    String type = m.getContentType() == null ? "" : m.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/report") && type.contains("delivery-status")) return Optional.of("delivery-status-report");
    String from = fromAddress(m);
    if (from != null) {
      String local = from.substring(0, Math.max(0, from.indexOf('@'))).toLowerCase(Locale.ROOT);
      if (local.equals("mailer-daemon") || local.equals("postmaster")) return Optional.of("sender:" + local);
    }
    if (mailingListsAreAutomatic && header(m, "List-Id") != null) return Optional.of("list-id");
    return Optional.empty();
  }

  private static String header(MimeMessage m, String name) throws MessagingException {
    return m.getHeader(name, ",");
  }

  private static String fromAddress(MimeMessage m) throws MessagingException {
    var from = m.getFrom();
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress ia)) return null;
    return ia.getAddress();
  }
}
