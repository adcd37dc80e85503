package com.conecta.hub.foundation.webhook;

import java.util.List;

/** The events a subscription may ask for; each is emitted by a trigger of migration V190 when its change commits. */
public final class WebhookEventTypes {
  public static final List<String> ALL = List.of("message.created", "conversation.created", "conversation.assigned",
      "conversation.resolved", "lead.created", "lead.stage_changed", "lead.won", "lead.lost", "quote.accepted",
      "campaign.completed", "contact.opted_out");

  private WebhookEventTypes() {}
}
