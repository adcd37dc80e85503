package com.conecta.hub.messaging.inbox;

import io.vertx.core.json.JsonObject;

/** An inbox: one channel account (a WhatsApp number, a mailbox, a form) feeding the shared inbox of a team. */
public record Inbox(long id, String name, String channel, String channelAccountId, Long teamId, JsonObject settings) {

  /** What the API shows: never the channel's secrets. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("id", id).put("name", name).put("channel", channel).put("teamId", teamId);
    switch (channel) {
      case "whatsapp" -> j.put("phoneNumberId", channelAccountId)
          .put("displayPhoneNumber", settings.getString("displayPhoneNumber"));
      case "twilio" -> j.put("from", channelAccountId);
      case "email" -> j.put("address", channelAccountId);
      case "webform" -> j.put("formKey", channelAccountId);
      default -> { }
    }
    return j;
  }
}
