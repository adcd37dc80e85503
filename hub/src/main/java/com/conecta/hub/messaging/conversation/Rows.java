package com.conecta.hub.messaging.conversation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** Turns conversation and message rows into the API's JSON. */
public final class Rows {
  private Rows() {}

  public static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  public static long micros(OffsetDateTime t) {
    return t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  public static JsonObject message(Row r) {
    Object attachments = r.getValue("attachments");
    Object content = r.getValue("content");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("conversationId", r.getLong("conversation_id"))
        .put("inboxId", r.getLong("inbox_id"))
        .put("direction", r.getString("direction"))
        .put("senderKind", r.getString("sender_kind"))
        .put("senderUserId", r.getLong("sender_user_id"))
        .put("contentType", r.getString("content_type"))
        .put("text", r.getString("text"))
        .put("attachments", attachments instanceof JsonArray a ? publicAttachments(a) : new JsonArray())
        .put("content", content instanceof JsonObject c ? c : new JsonObject())
        .put("private", r.getBoolean("private"))
        .put("status", r.getString("status"))
        .put("errorCode", r.getString("error_code"))
        .put("errorTitle", r.getString("error_title"))
        .put("providerMessageId", r.getString("provider_message_id"))
        .put("replyToProviderId", r.getString("reply_to_provider_id"))
        .put("sentAt", iso(r.getOffsetDateTime("sent_at")))
        .put("createdAt", iso(r.getOffsetDateTime("created_at")));
  }

  /** Attachments as the browser sees them: a hub URL to fetch, never the provider's media URL or token. */
  static JsonArray publicAttachments(JsonArray stored) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < stored.size(); i++) {
      JsonObject a = stored.getJsonObject(i).copy();
      String key = a.getString("storageKey");
      a.remove("url");
      a.remove("storageKey");
      a.put("downloadUrl", key == null ? null : "/api/v1/media/" + key);
      out.add(a);
    }
    return out;
  }

  public static JsonObject conversation(Row r) {
    String[] labels = r.getArrayOfStrings("labels");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("inboxId", r.getLong("inbox_id"))
        .put("channel", r.getString("channel"))
        .put("contact", new JsonObject().put("id", r.getLong("contact_id")).put("name", r.getString("contact_name"))
            .put("phone", r.getString("contact_phone")).put("email", r.getString("contact_email"))
            .put("locale", r.getString("contact_locale")))
        .put("status", r.getString("status"))
        .put("assigneeId", r.getLong("assignee_id"))
        .put("teamId", r.getLong("team_id"))
        .put("labels", new JsonArray(labels == null ? java.util.List.of() : Arrays.asList(labels)))
        .put("priority", r.getString("priority"))
        .put("snoozedUntil", iso(r.getOffsetDateTime("snoozed_until")))
        .put("lastActivityAt", iso(r.getOffsetDateTime("last_activity_at")))
        .put("lastInboundAt", iso(r.getOffsetDateTime("last_inbound_at")))
        .put("lastMessagePreview", r.getString("last_message_preview"))
        .put("unreadCount", r.getInteger("unread_count"))
        .put("firstReplyAt", iso(r.getOffsetDateTime("first_reply_at")))
        .put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("window", window(r.getString("channel"), r.getOffsetDateTime("last_inbound_at")))
        .put("waiting", waiting(r));
  }

  /** {state: bot | waiting | person | closed, since} where the query read the conversation_waiting view, else null. */
  private static JsonObject waiting(Row r) {
    if (r.getColumnIndex("waiting_state") < 0 || r.getString("waiting_state") == null) {
      return null;
    }
    return new JsonObject().put("state", r.getString("waiting_state"))
        .put("since", iso(r.getOffsetDateTime("waiting_since")));
  }

  /** WhatsApp's customer service window: free-form replies only within 24 h of the customer's last message. */
  public static final java.time.Duration WINDOW = java.time.Duration.ofHours(24);

  static JsonObject window(String channel, OffsetDateTime lastInbound) {
    if (!"whatsapp".equals(channel) && !"twilio".equals(channel)) {
      return null;
    }
    if (lastInbound == null) {
      return new JsonObject().put("open", false).putNull("closesAt");
    }
    java.time.Instant closes = lastInbound.toInstant().plus(WINDOW);
    return new JsonObject().put("open", closes.isAfter(java.time.Instant.now())).put("closesAt", closes.toString());
  }
}
