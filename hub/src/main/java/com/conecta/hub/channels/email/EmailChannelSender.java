package com.conecta.hub.channels.email;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.connectors.ThreadRef;
import com.conecta.connectors.email.SmtpSender;
import com.conecta.hub.channels.media.MediaService;
import com.conecta.templates.EmailLayouts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox's sender for email inboxes: completes an agent's reply with what the conversation knows (subject,
 * In-Reply-To/References of the customer's last email, a reply token for the Message-ID, the agent's name in From,
 * the es/en layout from the templates catalogue, the attached files) and hands it to the SMTP connector, which
 * sends on a worker thread.
 */
public record EmailChannelSender(
    SmtpSender smtp,
    EmailStore store,
    MediaService media,
    EmailLayouts layouts) implements ChannelSender {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public Future<SendResult> send(InboundAccount account, OutboundMessage message) {
    return store.outbound(message.idempotencyKey()).compose(ctx -> {
      if (ctx == null) {
        return Future.succeededFuture(SendResult.failed("email_context", "the outbox row of this email is gone"));
      }
      return store.replyToken(newToken(), ctx.messageId(), ctx.conversationId())
          .compose(token -> files(message.attachments()).map(files -> complete(account, message, ctx, token, files)))
          .compose(m -> smtp.send(account, m));
    });
  }

  private OutboundMessage complete(InboundAccount account, OutboundMessage m, EmailStore.Outbound ctx, String token,
      JsonArray files) {
    JsonObject last = ctx.lastInbound();
    JsonObject thread = last == null ? null : last.getJsonObject("thread");
    String subject = ctx.subject() != null ? ctx.subject() : m.content().getString("subject", "");
    ThreadRef ref = null;
    if (thread != null && thread.getString("messageId") != null) {
      String answered = thread.getString("messageId");
      Set<String> refs = new LinkedHashSet<>();
      JsonArray older = thread.getJsonArray("references", new JsonArray());
      older.forEach(r -> refs.add(String.valueOf(r)));
      refs.add(answered);
      ref = new ThreadRef(subject, null, answered, new ArrayList<>(refs));
    } else if (!subject.isEmpty()) {
      ref = new ThreadRef(subject, null, null, List.of());
    }
    String company = account.settings().getString("fromName");
    String agent = ctx.agentName();
    String fromName = agent == null ? company : company == null ? agent : agent + " (" + company + ")";
    String language = "en".equals(ctx.locale()) ? "en" : "es";
    EmailLayouts.RenderedEmail body = layouts.render("reply", language, Map.of(
        "body", m.text() == null ? "" : m.text(),
        "agentName", agent == null ? "" : agent,
        "companyName", company == null ? "" : company,
        "subject", subject));
    JsonObject content = m.content().copy().put("replyToken", token).put("html", body.html()).put("subject", subject)
        .put("attachments", files);
    if (fromName != null) {
      content.put("fromName", fromName);
    }
    return new OutboundMessage(m.channel(), m.channelAccountId(), m.to(), m.contentType(), body.text(), m.attachments(),
        content, m.replyToProviderMessageId(), ref, m.idempotencyKey());
  }

  /** The stored files of the reply, as base64 for the MIME parts. */
  private Future<JsonArray> files(List<Attachment> attachments) {
    Future<JsonArray> chain = Future.succeededFuture(new JsonArray());
    for (Attachment a : attachments) {
      if (a.storageKey() == null) {
        continue;
      }
      chain = chain.compose(out -> media.bytes(a.storageKey()).map(b -> out.add(new JsonObject()
          .put("fileName", a.fileName()).put("mimeType", a.mimeType())
          .put("base64", Base64.getEncoder().encodeToString(b.getBytes())))));
    }
    return chain;
  }

  private static String newToken() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
