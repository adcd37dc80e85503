package com.conecta.connectors.whatsapp.templates;

import io.vertx.core.json.JsonObject;

/**
 * A {@code message_template_status_update} webhook change: Meta approved, rejected, paused or disabled a template of
 * a WhatsApp Business Account ({@code entry[].id}).
 */
public record TemplateStatusUpdate(String wabaId, String event, String metaId, String name, String language,
    String reason) {
  public static final String FIELD = "message_template_status_update";

  /**
   * Reads one of the webhook's other events (as {@code WhatsAppWebhookParser} hands them over: the change with the
   * entry's id as {@code wabaId}); null when it is another kind of event or lacks the template's name.
   */
  public static TemplateStatusUpdate from(JsonObject change) {
    if (change == null || !FIELD.equals(change.getValue("field")) || !(change.getValue("value") instanceof JsonObject v)) {
      return null;
    }
    String name = text(v.getValue("message_template_name"));
    String event = text(v.getValue("event"));
    if (name == null || event == null || change.getValue("wabaId") == null) {
      return null;
    }
    String reason = text(v.getValue("reason"));
    return new TemplateStatusUpdate(String.valueOf(change.getValue("wabaId")), event.toUpperCase(java.util.Locale.ROOT),
        text(v.getValue("message_template_id")), name, text(v.getValue("message_template_language")),
        // Meta sends the string "NONE" as the reason of an approval.
        reason == null || "NONE".equalsIgnoreCase(reason) ? null : reason);
  }

  // Ids come as numbers (905507062668800): kept as text, never through a double.
  private static String text(Object o) {
    if (o == null) {
      return null;
    }
    String s = o instanceof Number n ? new java.math.BigDecimal(n.toString()).toPlainString() : o.toString();
    return s.isBlank() ? null : s;
  }
}
