package com.conecta.connectors;

import io.vertx.core.json.JsonObject;

/**
 * The channel settings of one inbox as a connector needs them to send or fetch media: ids and secrets (tokens,
 * passwords) from the inbox's settings. Never serialised to an API answer.
 */
public record InboundAccount(long inboxId, String channel, String channelAccountId, JsonObject settings) {
  public InboundAccount {
    settings = settings == null ? new JsonObject() : settings.copy();
  }
}
