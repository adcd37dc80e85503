package com.conecta.connectors.whatsapp;

import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.StatusUpdate;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What one Cloud API webhook POST carried: messages, delivery statuses, and other account events. */
public record WhatsAppWebhook(List<InboundMessage> messages, List<StatusUpdate> statuses, List<JsonObject> otherEvents) {}
