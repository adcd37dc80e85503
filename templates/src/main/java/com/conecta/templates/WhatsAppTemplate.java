package com.conecta.templates;

import java.util.List;
import java.util.Map;

/** One approved WhatsApp template: its name, category, what each parameter is filled from, and its languages. */
public record WhatsAppTemplate(String name, String category, List<String> params, Map<String, Language> languages) {

  /** One language's texts; buttons are quick replies (their text) as approved. */
  public record Language(String body, String footer, List<String> quickReplies) {}
}
