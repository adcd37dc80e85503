package com.conecta.connectors.email;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import com.conecta.connectors.ThreadRef;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/** Turns an inbound email into the hub's InboundMessage plus the attachment bytes. Blocking; call on a worker. */
public final class EmailParser {
  private static final Safelist SAFE_HTML = Safelist.relaxed()
      .removeProtocols("img", "src", "http")
      .addProtocols("img", "src", "cid");
  private final AutoReplyDetector autoReplies;

  public EmailParser() {
    this(new AutoReplyDetector());
  }

  public EmailParser(AutoReplyDetector autoReplies) {
    this.autoReplies = autoReplies;
  }

  public ParsedEmail parse(byte[] raw, String mailboxAddress) throws MessagingException, IOException {
    return parse(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)), mailboxAddress);
  }

  public ParsedEmail parse(MimeMessage m, String mailboxAddress) throws MessagingException, IOException {
    Parts parts = new Parts();
    walk(m, parts);
    String html = parts.html == null ? null : sanitise(parts.html);
    String text = parts.text != null ? parts.text : parts.html != null ? Jsoup.parse(parts.html).wholeText().strip() : "";
    text = text.replace("\r\n", "\n");

    InternetAddress from = firstFrom(m);
    String email = from == null ? "unknown@invalid" : from.getAddress().toLowerCase(Locale.ROOT);
    String name = from == null ? null : from.getPersonal();
    SenderProfile sender = new SenderProfile(List.of(new ChannelIdentity(ChannelIdentity.EMAIL, email)), name, null, email, null);

    String messageId = m.getMessageID();
    String subject = m.getSubject();
    String inReplyTo = first(m.getHeader("In-Reply-To"));
    ThreadRef thread = new ThreadRef(subject, messageId, inReplyTo == null ? null : inReplyTo.trim(), references(m));
    String providerId = messageId != null ? messageId.trim() : "sha256:" + hash(m);

    List<Attachment> attachments = new ArrayList<>();
    for (EmailAttachmentData a : parts.files) {
      ContentType kind = a.mimeType().startsWith("image/") ? ContentType.IMAGE : ContentType.DOCUMENT;
      attachments.add(new Attachment(kind, null, null, a.mimeType(), a.fileName(), null, (long) a.bytes().length, null, null));
    }
    JsonObject content = new JsonObject().put("subject", subject).put("html", html).put("preview", QuotedText.preview(text));
    Instant sentAt = m.getSentDate() == null ? Instant.now() : m.getSentDate().toInstant();
    var reason = autoReplies.detect(m);
    InboundMessage message = new InboundMessage("email", mailboxAddress, providerId, sender, ContentType.EMAIL, text,
        attachments, content, sentAt, inReplyTo, thread);
    return new ParsedEmail(message, parts.files, reason.isPresent(), reason.orElse(null));
  }

  static String sanitise(String html) {
    Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false);
    return Jsoup.clean(html, "", SAFE_HTML, out);
  }

  /** A file name safe to store: no directories, no control characters, never empty. */
  static String safeFileName(String name) {
    if (name == null || name.isBlank()) return "adjunto";
    String decoded;
    try {
      decoded = MimeUtility.decodeText(name);
    } catch (UnsupportedEncodingException e) {
      decoded = name;
    }
    String base = decoded.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = base.replaceAll("[\\p{Cntrl}<>:\"|?*]", "_").replaceAll("^\\.+", "").strip();
    if (base.length() > 200) base = base.substring(base.length() - 200);
    return base.isEmpty() ? "adjunto" : base;
  }

  private static void walk(Part p, Parts parts) throws MessagingException, IOException {
    String disposition = p.getDisposition();
    boolean isAttachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || p.getFileName() != null;
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        // In multipart/alternative the last readable part is the richest; keep the first plain and first html seen.
        walk(child, parts);
      }
    } else if (p.isMimeType("message/rfc822") || p.isMimeType("message/delivery-status")) {
      parts.files.add(file(p, "mensaje.eml"));
    } else if (!isAttachment && p.isMimeType("text/plain") && parts.text == null) {
      parts.text = String.valueOf(p.getContent());
    } else if (!isAttachment && p.isMimeType("text/html") && parts.html == null) {
      parts.html = String.valueOf(p.getContent());
    } else if (isAttachment || p.isMimeType("image/*") || p.isMimeType("application/*")) {
      parts.files.add(file(p, null));
    }
  }

  private static EmailAttachmentData file(Part p, String defaultName) throws MessagingException, IOException {
    byte[] bytes;
    try (InputStream in = p.getInputStream()) {
      bytes = in.readAllBytes();
    }
    String mime = p.getContentType() == null ? "application/octet-stream" : p.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    String cid = p instanceof jakarta.mail.internet.MimePart mp ? mp.getContentID() : null;
    if (cid != null) cid = cid.replaceAll("^<|>$", "");
    String name = safeFileName(p.getFileName() != null ? p.getFileName() : defaultName);
    return new EmailAttachmentData(name, mime, bytes, cid, Part.INLINE.equalsIgnoreCase(p.getDisposition()) || cid != null);
  }

  private static List<String> references(MimeMessage m) throws MessagingException {
    String refs = m.getHeader("References", " ");
    if (refs == null || refs.isBlank()) return List.of();
    return Arrays.stream(refs.trim().split("\\s+")).filter(s -> !s.isBlank()).toList();
  }

  private static InternetAddress firstFrom(MimeMessage m) throws MessagingException {
    var from = m.getFrom();
    return from != null && from.length > 0 && from[0] instanceof InternetAddress ia ? ia : null;
  }

  private static String first(String[] values) {
    return values == null || values.length == 0 ? null : values[0];
  }

  // Without a Message-ID the same mail fetched twice must still dedupe, so hash what identifies it.
  private static String hash(MimeMessage m) throws MessagingException, IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      var out = new java.io.ByteArrayOutputStream();
      m.writeTo(out);
      return HexFormat.of().formatHex(d.digest(out.toByteArray())).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Parts {
    String text;
    String html;
    final List<EmailAttachmentData> files = new ArrayList<>();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
