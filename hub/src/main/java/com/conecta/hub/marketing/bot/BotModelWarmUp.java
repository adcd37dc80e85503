package com.conecta.hub.marketing.bot;

import com.conecta.bots.nlp.MessageUnderstanding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the bot's intent model and reads its language model on a worker thread as the hub starts, so that the first
 * customer after a start does not wait seconds for training; {@code /ready} waits for it.
 */
public final class BotModelWarmUp {
  private static final Logger log = LoggerFactory.getLogger(BotModelWarmUp.class);

  private BotModelWarmUp() {}

  public static Future<Void> start(Vertx vertx, MessageUnderstanding understanding) {
    long t0 = System.nanoTime();
    return vertx.<Void>executeBlocking(() -> {
      understanding.warmUp();
      return null;
    }, false)
        .onSuccess(v -> log.info("bot: intent and language models ready in {} ms", (System.nanoTime() - t0) / 1_000_000))
        .onFailure(e -> log.error("bot: the intent model could not be trained", e));
  }
}
