package com.conecta.connectors.whatsapp;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.OutboundMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Builds the Cloud API's {@code /messages} request bodies from channel-neutral outbound messages. */
public final class WhatsAppRequests {
  private WhatsAppRequests() {}

  public static JsonObject message(OutboundMessage m) {
    JsonObject body = new JsonObject().put("messaging_product", "whatsapp").put("recipient_type", "individual");
    ChannelIdentity to = m.to();
    if (ChannelIdentity.WHATSAPP_BSUID.equals(to.kind())) {
      body.put("recipient", to.value());
    } else {
      body.put("to", to.value());
    }
    // Meta echoes this in the message's status webhooks: a send whose answer was lost is recognised by it.
    if (m.idempotencyKey() != null && m.idempotencyKey().length() <= 512) {
      body.put("biz_opaque_callback_data", m.idempotencyKey());
    }
    if (m.replyToProviderMessageId() != null) {
      body.put("context", new JsonObject().put("message_id", m.replyToProviderMessageId()));
    }
    JsonObject c = m.content();
    ContentType type = m.contentType();
    if (type == ContentType.TEMPLATE) {
      JsonObject template = new JsonObject().put("name", c.getString("name"))
          .put("language", new JsonObject().put("code", c.getString("language", "es")));
      if (c.getJsonArray("components") != null) {
        template.put("components", c.getJsonArray("components"));
      }
      return body.put("type", "template").put("template", template);
    }
    if (type == ContentType.INTERACTIVE) {
      return body.put("type", "interactive").put("interactive", interactive(m.text(), c));
    }
    if (type == ContentType.LOCATION) {
      return body.put("type", "location").put("location", new JsonObject().put("latitude", c.getValue("latitude"))
          .put("longitude", c.getValue("longitude")).put("name", c.getValue("name")).put("address", c.getValue("address")));
    }
    if (!m.attachments().isEmpty()) {
      Attachment a = m.attachments().get(0);
      String kind = switch (a.kind() == null ? ContentType.DOCUMENT : a.kind()) {
        case IMAGE -> "image";
        case VIDEO -> "video";
        case AUDIO -> "audio";
        case STICKER -> "sticker";
        default -> "document";
      };
      JsonObject media = new JsonObject();
      if (a.providerMediaId() != null) {
        media.put("id", a.providerMediaId());
      } else {
        media.put("link", a.url());
      }
      String caption = a.caption() != null ? a.caption() : m.text();
      if (caption != null && !kind.equals("audio") && !kind.equals("sticker")) {
        media.put("caption", caption);
      }
      if (kind.equals("document") && a.fileName() != null) {
        media.put("filename", a.fileName());
      }
      return body.put("type", kind).put(kind, media);
    }
    return body.put("type", "text").put("text", new JsonObject().put("preview_url", false).put("body", m.text()));
  }

  /** Reply buttons (at most 3) or a list; {@code content} holds {"buttons": [{id,title}]} or {"list": {...}}. */
  static JsonObject interactive(String text, JsonObject c) {
    JsonObject i = new JsonObject().put("body", new JsonObject().put("text", text == null ? "" : text));
    if (c.getString("header") != null) {
      i.put("header", new JsonObject().put("type", "text").put("text", c.getString("header")));
    }
    if (c.getString("footer") != null) {
      i.put("footer", new JsonObject().put("text", c.getString("footer")));
    }
    JsonArray buttons = c.getJsonArray("buttons");
    if (buttons != null) {
      JsonArray out = new JsonArray();
      for (int k = 0; k < Math.min(3, buttons.size()); k++) {
        JsonObject b = buttons.getJsonObject(k);
        out.add(new JsonObject().put("type", "reply").put("reply", new JsonObject().put("id", b.getString("id"))
            .put("title", truncate(b.getString("title"), 20))));
      }
      return i.put("type", "button").put("action", new JsonObject().put("buttons", out));
    }
    JsonObject list = c.getJsonObject("list", new JsonObject());
    JsonArray rows = new JsonArray();
    JsonArray items = list.getJsonArray("rows", new JsonArray());
    for (int k = 0; k < Math.min(10, items.size()); k++) {
      JsonObject r = items.getJsonObject(k);
      JsonObject row = new JsonObject().put("id", r.getString("id")).put("title", truncate(r.getString("title"), 24));
      if (r.getString("description") != null) {
        row.put("description", truncate(r.getString("description"), 72));
      }
      rows.add(row);
    }
    return i.put("type", "list").put("action", new JsonObject().put("button", truncate(list.getString("button", "Ver"), 20))
        .put("sections", new JsonArray().add(new JsonObject().put("title", truncate(list.getString("title", "Opciones"), 24))
            .put("rows", rows))));
  }

  public static JsonObject markAsRead(String wamid) {
    return new JsonObject().put("messaging_product", "whatsapp").put("status", "read").put("message_id", wamid);
  }

  private static String truncate(String s, int max) {
    return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
  }
}
