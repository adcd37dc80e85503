package com.conecta.bots.flow;

import java.util.List;

/** A message to send: text plus either reply buttons (≤3) or list rows (≤10), both may be empty. */
public record BotReply(String text, List<Option> buttons, List<Option> listRows) {

  /** A tappable option; {@code id} comes back as the button payload. */
  public record Option(String id, String title) {}

  public BotReply {
    buttons = List.copyOf(buttons);
    listRows = List.copyOf(listRows);
  }

  public static BotReply text(String text) {
    return new BotReply(text, List.of(), List.of());
  }
}
