package com.conecta.connectors;

import io.vertx.core.Future;

/** Sends outbound messages on one channel. Never fails the Future for provider errors: those are a SendResult. */
public interface ChannelSender {
  String channel();

  Future<SendResult> send(InboundAccount account, OutboundMessage message);
}
