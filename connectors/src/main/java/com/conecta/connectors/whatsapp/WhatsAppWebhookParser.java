package com.conecta.connectors.whatsapp;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.DeliveryStatus;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import com.conecta.connectors.StatusUpdate;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a Cloud API webhook body into channel-neutral messages and statuses (several per POST). */
public final class WhatsAppWebhookParser {
  public static final String CHANNEL = "whatsapp";
  private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

  public WhatsAppWebhook parse(Buffer raw) {
    JsonObject body;
    try {
      body = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw new WebhookPayloadException("the body is not a JSON object");
    }
    if (!"whatsapp_business_account".equals(body.getValue("object"))) {
      throw new WebhookPayloadException("object is not whatsapp_business_account");
    }
    JsonArray entries = array(body, "entry");
    List<InboundMessage> messages = new ArrayList<>();
    List<StatusUpdate> statuses = new ArrayList<>();
    List<JsonObject> others = new ArrayList<>();
    for (Object e : entries) {
      JsonObject entry = object(e, "entry");
      for (Object ch : array(entry, "changes")) {
        JsonObject change = object(ch, "change");
        JsonObject value = change.getValue("value") instanceof JsonObject v ? v : null;
        if (!"messages".equals(change.getValue("field")) || value == null || !value.containsKey("metadata")) {
          others.add(change.copy().put("wabaId", entry.getValue("id")));
          continue;
        }
        readMessagesChange(value, messages, statuses, others);
      }
    }
    return new WhatsAppWebhook(messages, statuses, others);
  }

  private void readMessagesChange(JsonObject value, List<InboundMessage> messages, List<StatusUpdate> statuses,
      List<JsonObject> others) {
    JsonObject metadata = object(value.getValue("metadata"), "metadata");
    String phoneNumberId = text(metadata, "phone_number_id");
    if (phoneNumberId == null || phoneNumberId.isBlank()) {
      throw new WebhookPayloadException("metadata.phone_number_id is missing");
    }
    Map<String, JsonObject> profiles = new HashMap<>();
    for (Object c : optionalArray(value, "contacts")) {
      JsonObject contact = object(c, "contact");
      String waId = text(contact, "wa_id");
      String userId = text(contact, "user_id");
      if (waId != null && !waId.isEmpty()) {
        profiles.put("wa:" + waId, contact);
      }
      if (userId != null && !userId.isEmpty()) {
        profiles.put("u:" + userId, contact);
      }
    }
    for (Object m : optionalArray(value, "messages")) {
      messages.add(message(phoneNumberId, object(m, "message"), profiles));
    }
    for (Object s : optionalArray(value, "statuses")) {
      JsonObject status = object(s, "status");
      DeliveryStatus ds = switch (String.valueOf(status.getValue("status"))) {
        case "sent" -> DeliveryStatus.SENT;
        case "delivered" -> DeliveryStatus.DELIVERED;
        case "read" -> DeliveryStatus.READ;
        case "failed" -> DeliveryStatus.FAILED;
        default -> null;
      };
      if (ds == null) {
        others.add(new JsonObject().put("field", "statuses").put("value", status));
        continue;
      }
      JsonObject error = optionalArray(status, "errors").isEmpty() ? null : object(array(status, "errors").getValue(0), "error");
      String recipient = text(status, "recipient_id");
      if (recipient == null || recipient.isEmpty()) {
        recipient = text(status, "recipient_user_id");
      }
      statuses.add(new StatusUpdate(CHANNEL, phoneNumberId, required(status, "id"), ds, time(status), recipient,
          error == null ? null : String.valueOf(error.getValue("code")), error == null ? null : text(error, "title"),
          error == null ? null : details(error), text(status, "biz_opaque_callback_data")));
    }
  }

  private InboundMessage message(String phoneNumberId, JsonObject m, Map<String, JsonObject> profiles) {
    String id = required(m, "id");
    String from = text(m, "from");
    String userId = text(m, "from_user_id");
    List<ChannelIdentity> identities = new ArrayList<>();
    if (from != null && !from.isEmpty()) {
      identities.add(new ChannelIdentity(ChannelIdentity.WHATSAPP, from));
    }
    if (userId != null && !userId.isEmpty()) {
      identities.add(new ChannelIdentity(ChannelIdentity.WHATSAPP_BSUID, userId));
    }
    if (identities.isEmpty()) {
      throw new WebhookPayloadException("message " + id + " has neither from nor from_user_id");
    }
    JsonObject contact = profiles.getOrDefault("wa:" + from, profiles.get("u:" + userId));
    JsonObject profile = contact == null ? new JsonObject() : contact.getJsonObject("profile", new JsonObject());
    String phone = from == null || from.isEmpty() ? null : "+" + from;
    SenderProfile sender = new SenderProfile(identities, text(profile, "name"), phone, null, text(profile, "username"));
    String type = String.valueOf(m.getValue("type"));
    JsonObject payload = m.getValue(type) instanceof JsonObject p ? p : new JsonObject();
    JsonObject content = new JsonObject().put("whatsappType", type);
    ContentType contentType;
    String text = null;
    List<Attachment> attachments = new ArrayList<>();
    switch (type) {
      case "text" -> {
        contentType = ContentType.TEXT;
        text = text(payload, "body");
      }
      case "location" -> {
        contentType = ContentType.LOCATION;
        content.put("latitude", payload.getValue("latitude")).put("longitude", payload.getValue("longitude"))
            .put("name", payload.getValue("name")).put("address", payload.getValue("address"))
            .put("url", payload.getValue("url"));
        text = text(payload, "name");
      }
      case "contacts" -> {
        contentType = ContentType.CONTACTS;
        content.put("contacts", m.getValue("contacts"));
      }
      case "reaction" -> {
        contentType = ContentType.REACTION;
        String emoji = text(payload, "emoji");
        content.put("messageId", payload.getValue("message_id")).put("emoji", emoji)
            .put("removed", emoji == null || emoji.isEmpty());
        text = emoji;
      }
      case "interactive" -> {
        contentType = ContentType.INTERACTIVE_REPLY;
        String kind = text(payload, "type");
        JsonObject reply = payload.getValue(kind) instanceof JsonObject r ? r : new JsonObject();
        content.put("replyType", kind).put("replyId", reply.getValue("id")).put("title", reply.getValue("title"))
            .put("description", reply.getValue("description"));
        text = text(reply, "title");
      }
      case "button" -> {
        contentType = ContentType.BUTTON_REPLY;
        content.put("payload", payload.getValue("payload")).put("title", payload.getValue("text"));
        text = text(payload, "text");
      }
      case "system" -> {
        contentType = ContentType.SYSTEM;
        content.put("system", payload);
        text = text(payload, "body");
      }
      case "order" -> {
        contentType = ContentType.ORDER;
        content.put("order", payload);
        text = text(payload, "text");
      }
      default -> {
        if (MEDIA.contains(type)) {
          contentType = ContentType.fromWire(type);
          text = text(payload, "caption");
          attachments.add(new Attachment(contentType, text(payload, "id"), text(payload, "link"),
              text(payload, "mime_type"), text(payload, "filename"), text(payload, "sha256"), null,
              text(payload, "caption"), null));
          if (Boolean.TRUE.equals(payload.getValue("voice"))) {
            content.put("voice", true);
          }
          if (Boolean.TRUE.equals(payload.getValue("animated"))) {
            content.put("animated", true);
          }
        } else {
          contentType = ContentType.UNSUPPORTED;
          content.put("errors", m.getValue("errors"));
        }
      }
    }
    if (m.getValue("referral") instanceof JsonObject referral) {
      content.put("referral", referral);
    }
    String context = m.getValue("context") instanceof JsonObject ctx ? text(ctx, "id") : null;
    return new InboundMessage(CHANNEL, phoneNumberId, id, sender, contentType, text, attachments, content, time(m),
        context, null);
  }

  private static String details(JsonObject error) {
    return error.getValue("error_data") instanceof JsonObject d ? text(d, "details") : text(error, "message");
  }

  private static Instant time(JsonObject o) {
    Object ts = o.getValue("timestamp");
    try {
      return ts == null ? null : Instant.ofEpochSecond(Long.parseLong(String.valueOf(ts)));
    } catch (NumberFormatException e) {
      throw new WebhookPayloadException("timestamp is not a number: " + ts);
    }
  }

  private static String text(JsonObject o, String key) {
    Object v = o.getValue(key);
    return v == null ? null : String.valueOf(v);
  }

  private static String required(JsonObject o, String key) {
    String v = text(o, key);
    if (v == null || v.isBlank()) {
      throw new WebhookPayloadException("'" + key + "' is missing");
    }
    return v;
  }

  private static JsonArray array(JsonObject o, String key) {
    if (!(o.getValue(key) instanceof JsonArray a)) {
      throw new WebhookPayloadException("'" + key + "' is not a list");
    }
    return a;
  }

  private static JsonArray optionalArray(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw new WebhookPayloadException("'" + key + "' is not a list");
    }
    return a;
  }

  private static JsonObject object(Object v, String what) {
    if (!(v instanceof JsonObject o)) {
      throw new WebhookPayloadException("a " + what + " is not an object");
    }
    return o;
  }
}
