package com.conecta.bots.flow;

import java.time.Instant;
import java.util.Map;

/** One inbound event for the bot. {@code text} and {@code buttonPayload} may be null. */
public record BotInput(String text, String buttonPayload, MessageKind kind,
    Map<String, String> knownFields, Instant now, boolean businessHoursOpen, String nextOpening) {

  /** What the customer sent; only text and button taps can be understood. */
  public enum MessageKind { TEXT, BUTTON, STICKER, IMAGE, AUDIO, VIDEO, DOCUMENT, LOCATION, OTHER }

  public BotInput {
    knownFields = knownFields == null ? Map.of() : Map.copyOf(knownFields);
    kind = kind == null ? MessageKind.TEXT : kind;
    now = now == null ? Instant.EPOCH : now;
  }

  public static BotInput text(String text, Instant now) {
    return new BotInput(text, null, MessageKind.TEXT, Map.of(), now, true, null);
  }

  public static BotInput button(String payload, Instant now) {
    return new BotInput(null, payload, MessageKind.BUTTON, Map.of(), now, true, null);
  }
}
