package com.conecta.hub.messaging.outbox;

import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/**
 * Replies on the generic API channel: posted as JSON to the inbox's {@code webhookUrl} (the integration's
 * endpoint), or, with none configured, accepted at once (the integration reads them through the API).
 */
public final class ApiChannelSender implements ChannelSender {
  private final WebClient client;

  public ApiChannelSender(WebClient client) {
    this.client = client;
  }

  @Override
  public String channel() {
    return "api";
  }

  @Override
  public Future<SendResult> send(InboundAccount account, OutboundMessage message) {
    String url = account.settings().getString("webhookUrl");
    if (url == null || url.isBlank()) {
      return Future.succeededFuture(SendResult.accepted("api-" + message.idempotencyKey()));
    }
    JsonObject body = new JsonObject().put("to", message.to().value()).put("text", message.text())
        .put("idempotencyKey", message.idempotencyKey());
    return client.postAbs(url).timeout(10_000).sendJsonObject(body)
        .map(res -> res.statusCode() / 100 == 2 ? SendResult.accepted("api-" + message.idempotencyKey())
            : res.statusCode() >= 500 || res.statusCode() == 429
                ? SendResult.retry(Duration.ofSeconds(30), String.valueOf(res.statusCode()), "integration unavailable")
                : SendResult.failed(String.valueOf(res.statusCode()), "integration refused the message"))
        .recover(e -> Future.succeededFuture(SendResult.retry(Duration.ofSeconds(30), "network", e.getMessage())));
  }
}
