package com.conecta.templates;

import java.util.List;

/**
 * One language of a WhatsApp template as approved by Meta.
 *
 * @param headerType none, text, document or image; document/image headers take a link as the first extra parameter
 */
public record WhatsAppTemplateVariant(
    String language, String code, String headerType, String headerText, String body, String footer,
    List<WhatsAppButton> buttons) {
  public WhatsAppTemplateVariant {
    buttons = buttons == null ? List.of() : List.copyOf(buttons);
  }
}
