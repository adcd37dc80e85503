package com.conecta.bots.flow;

import java.util.List;

/** Result of one engine step; an empty outcome list means nothing to do but send the replies. */
public record BotStep(BotState next, List<BotReply> replies, List<BotOutcome> outcomes) {
  public BotStep {
    replies = List.copyOf(replies);
    outcomes = List.copyOf(outcomes);
  }
}
