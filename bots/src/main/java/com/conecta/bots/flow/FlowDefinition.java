package com.conecta.bots.flow;

import java.util.List;
import java.util.Map;

/** A bot flow read from YAML: questions in order, scoring rules and texts in es/en. */
public record FlowDefinition(String id, String completion, Map<String, String> greeting,
    Map<String, String> afterHours, List<Question> questions, List<ScoreRule> scoring,
    Map<String, Integer> thresholds) {

  /**
   * One question; {@code skipIf} names known fields/entity types that answer it already; {@code customField}, when
   * set, is the key of a CRM custom field the hub stores the answer into. {@code label}: the short name the summary
   * shows ("Presupuesto"), never the prompt with its examples. {@code prefill}: any earlier message that already
   * answers it (a choice's synonym) answers it. {@code allowOther}: a choice that keeps what the customer wrote when
   * it matches no choice (answer {@code other}, words kept as {@code <id>_text}).
   */
  public record Question(String id, String type, Map<String, String> prompt, Map<String, String> reask,
      List<Choice> choices, List<String> skipIf, Map<String, String> onlyIf, String customField,
      Map<String, String> label, boolean prefill, boolean allowOther) {

    public Question(String id, String type, Map<String, String> prompt, Map<String, String> reask,
        List<Choice> choices, List<String> skipIf, Map<String, String> onlyIf, String customField) {
      this(id, type, prompt, reask, choices, skipIf, onlyIf, customField, null, false, false);
    }
  }

  /** A choice, usable as a reply button or list row. */
  public record Choice(String id, Map<String, String> title, List<String> synonyms) {}

  /** Points given when every answer in {@code when} matches ("present" = any answer). */
  public record ScoreRule(Map<String, String> when, int points) {}
}
