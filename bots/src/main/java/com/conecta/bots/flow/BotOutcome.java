package com.conecta.bots.flow;

import java.util.Map;

/** What the hub must do after a step besides sending replies. */
public sealed interface BotOutcome {

  /** Give the conversation to a person. reason: human_agent, not_understood, flow_completed, out_of_scope. */
  record Handoff(String reason, String summary) implements BotOutcome {}

  /** A qualified lead for the CRM. */
  record Lead(Map<String, String> answers, int score, String priority, String interestArea, String summary)
      implements BotOutcome {}

  /** A service ticket; kind is support or visit. visitDate: an ISO date the customer named (visits), or null. */
  record Ticket(String kind, String summary, Map<String, String> answers, String visitDate) implements BotOutcome {
    public Ticket(String kind, String summary, Map<String, String> answers) {
      this(kind, summary, answers, null);
    }
  }

  /** The customer asked not to be messaged again. */
  record OptOut() implements BotOutcome {}
}
