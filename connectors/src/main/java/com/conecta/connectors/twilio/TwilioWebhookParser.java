package com.conecta.connectors.twilio;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.DeliveryStatus;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import com.conecta.connectors.StatusUpdate;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Twilio's form-encoded webhooks (WhatsApp and SMS) into channel-neutral messages and statuses. */
public final class TwilioWebhookParser {
  public static final String CHANNEL = "twilio";

  public InboundMessage inbound(Map<String, String> p) {
    String sid = require(p, "MessageSid");
    String from = require(p, "From");
    String to = require(p, "To");
    String digits = from.replace("whatsapp:", "").replace("+", "").trim();
    List<ChannelIdentity> ids = new ArrayList<>();
    if (from.startsWith("whatsapp:")) {
      ids.add(new ChannelIdentity(ChannelIdentity.WHATSAPP, p.getOrDefault("WaId", digits)));
    }
    ids.add(new ChannelIdentity(ChannelIdentity.PHONE, "+" + digits));
    SenderProfile sender = new SenderProfile(ids, p.get("ProfileName"), "+" + digits, null, null);
    int media = parseInt(p.getOrDefault("NumMedia", "0"));
    List<Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < media; i++) {
      String mime = p.get("MediaContentType" + i);
      ContentType kind = mime == null ? ContentType.DOCUMENT : mime.startsWith("image/") ? ContentType.IMAGE
          : mime.startsWith("audio/") ? ContentType.AUDIO : mime.startsWith("video/") ? ContentType.VIDEO : ContentType.DOCUMENT;
      attachments.add(new Attachment(kind, null, p.get("MediaUrl" + i), mime, null, null, null, null, null));
    }
    String body = p.get("Body");
    JsonObject content = new JsonObject();
    ContentType type = attachments.isEmpty() ? ContentType.TEXT : attachments.get(0).kind();
    if (p.get("Latitude") != null && p.get("Longitude") != null) {
      type = ContentType.LOCATION;
      content.put("latitude", Double.parseDouble(p.get("Latitude"))).put("longitude", Double.parseDouble(p.get("Longitude")))
          .put("name", p.get("Label")).put("address", p.get("Address"));
    }
    if (p.get("ButtonPayload") != null) {
      type = ContentType.BUTTON_REPLY;
      content.put("payload", p.get("ButtonPayload")).put("title", p.get("ButtonText"));
      body = p.getOrDefault("ButtonText", body);
    }
    return new InboundMessage(CHANNEL, to, sid, sender, type, body, attachments, content, Instant.now(),
        p.get("OriginalRepliedMessageSid"), null);
  }

  /** A status callback; null for statuses that say nothing new (queued, accepted, sending, receiving). */
  public StatusUpdate status(Map<String, String> p) {
    String sid = require(p, "MessageSid");
    String status = p.getOrDefault("MessageStatus", p.getOrDefault("SmsStatus", ""));
    DeliveryStatus ds = switch (status) {
      case "sent" -> DeliveryStatus.SENT;
      case "delivered" -> DeliveryStatus.DELIVERED;
      case "read" -> DeliveryStatus.READ;
      case "failed", "undelivered" -> DeliveryStatus.FAILED;
      default -> null;
    };
    if (ds == null) {
      return null;
    }
    return new StatusUpdate(CHANNEL, require(p, "From"), sid, ds, Instant.now(), p.get("To"), p.get("ErrorCode"),
        p.get("ErrorMessage") != null ? p.get("ErrorMessage") : ds == DeliveryStatus.FAILED ? status : null, null);
  }

  private static String require(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return v;
  }

  private static int parseInt(String s) {
    try {
      return Math.max(0, Math.min(10, Integer.parseInt(s)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
