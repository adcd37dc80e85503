package com.conecta.hub.messaging.realtime;

import io.vertx.core.json.JsonObject;

/**
 * Something agents' screens must show at once: a message, a status change, an assignment.
 *
 * @param inboxId decides who may receive it (users who may see that inbox)
 */
public record HubEvent(String type, long inboxId, Long conversationId, JsonObject data) {
  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("inboxId", inboxId).put("conversationId", conversationId)
        .put("data", data);
  }

  public static HubEvent fromJson(JsonObject j) {
    return new HubEvent(j.getString("type"), j.getLong("inboxId"), j.getLong("conversationId"), j.getJsonObject("data"));
  }
}
