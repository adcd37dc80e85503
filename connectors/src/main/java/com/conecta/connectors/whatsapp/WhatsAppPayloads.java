package com.conecta.connectors.whatsapp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Real-format Cloud API webhook bodies, for the sandbox phone, the fake provider, tests and benchmarks.
 */
public final class WhatsAppPayloads {
  private WhatsAppPayloads() {}

  private static JsonObject envelope(String phoneNumberId, String displayNumber, JsonObject value) {
    value.put("messaging_product", "whatsapp").put("metadata", new JsonObject()
        .put("display_phone_number", displayNumber).put("phone_number_id", phoneNumberId));
    return new JsonObject().put("object", "whatsapp_business_account").put("entry", new JsonArray().add(new JsonObject()
        .put("id", "100000000000000").put("changes", new JsonArray().add(new JsonObject().put("value", value)
            .put("field", "messages")))));
  }

  private static JsonObject from(String phoneNumberId, String waId, String name, JsonObject message) {
    JsonObject value = new JsonObject()
        .put("contacts", new JsonArray().add(new JsonObject().put("profile", new JsonObject().put("name", name))
            .put("wa_id", waId)))
        .put("messages", new JsonArray().add(message.put("from", waId)
            .put("timestamp", String.valueOf(Instant.now().getEpochSecond()))));
    return envelope(phoneNumberId, "56950000000", value);
  }

  public static JsonObject text(String phoneNumberId, String waId, String name, String wamid, String body) {
    return from(phoneNumberId, waId, name, new JsonObject().put("id", wamid).put("type", "text")
        .put("text", new JsonObject().put("body", body)));
  }

  public static JsonObject buttonReply(String phoneNumberId, String waId, String name, String wamid, String contextId,
      String buttonId, String title) {
    JsonObject m = new JsonObject().put("id", wamid).put("type", "interactive").put("interactive", new JsonObject()
        .put("type", "button_reply").put("button_reply", new JsonObject().put("id", buttonId).put("title", title)));
    if (contextId != null) {
      m.put("context", new JsonObject().put("from", "56950000000").put("id", contextId));
    }
    return from(phoneNumberId, waId, name, m);
  }

  public static JsonObject image(String phoneNumberId, String waId, String name, String wamid, String mediaId,
      String mime, String caption) {
    JsonObject image = new JsonObject().put("id", mediaId).put("mime_type", mime).put("sha256", "");
    if (caption != null) {
      image.put("caption", caption);
    }
    return from(phoneNumberId, waId, name, new JsonObject().put("id", wamid).put("type", "image").put("image", image));
  }

  public static JsonObject status(String phoneNumberId, String wamid, String recipient, String status,
      Integer errorCode, String errorTitle) {
    return status(phoneNumberId, wamid, recipient, status, errorCode, errorTitle, null);
  }

  /** A status webhook; {@code callbackData} is the send's {@code biz_opaque_callback_data}, echoed as Meta does. */
  public static JsonObject status(String phoneNumberId, String wamid, String recipient, String status,
      Integer errorCode, String errorTitle, String callbackData) {
    JsonObject s = new JsonObject().put("id", wamid).put("status", status)
        .put("timestamp", String.valueOf(Instant.now().getEpochSecond())).put("recipient_id", recipient);
    if (callbackData != null) {
      s.put("biz_opaque_callback_data", callbackData);
    }
    if (errorCode != null) {
      s.put("errors", new JsonArray().add(new JsonObject().put("code", errorCode).put("title", errorTitle)
          .put("message", errorTitle).put("error_data", new JsonObject().put("details", errorTitle))));
    }
    return envelope(phoneNumberId, "56950000000", new JsonObject().put("statuses", new JsonArray().add(s)));
  }
}
