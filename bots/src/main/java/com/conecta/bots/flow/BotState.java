package com.conecta.bots.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a conversation is in a flow; round-trips through a JSON-compatible map for storage. */
public record BotState(String flowId, String language, int questionIndex, boolean started,
    boolean finished, int misses, Map<String, String> answers, Map<String, String> known, int offScope) {

  /** offScope: of the misses in a row, how many were questions the flow does not cover (see FlowEngine). */
  public BotState {
    answers = Map.copyOf(answers);
    known = Map.copyOf(known);
  }

  public BotState(String flowId, String language, int questionIndex, boolean started, boolean finished, int misses,
      Map<String, String> answers, Map<String, String> known) {
    this(flowId, language, questionIndex, started, finished, misses, answers, known, 0);
  }

  public static BotState start(String flowId) {
    return new BotState(flowId, "es", 0, false, false, 0, Map.of(), Map.of());
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("flowId", flowId);
    m.put("language", language);
    m.put("questionIndex", questionIndex);
    m.put("started", started);
    m.put("finished", finished);
    m.put("misses", misses);
    m.put("answers", new LinkedHashMap<>(answers));
    m.put("known", new LinkedHashMap<>(known));
    m.put("offScope", offScope);
    return m;
  }

  /** Accepts what a JSON library gives back (numbers may come as Long or Double). */
  public static BotState fromMap(Map<String, Object> m) {
    return new BotState(String.valueOf(m.get("flowId")), String.valueOf(m.getOrDefault("language", "es")),
        ((Number) m.getOrDefault("questionIndex", 0)).intValue(), Boolean.TRUE.equals(m.get("started")),
        Boolean.TRUE.equals(m.get("finished")), ((Number) m.getOrDefault("misses", 0)).intValue(),
        strings(m.get("answers")), strings(m.get("known")), ((Number) m.getOrDefault("offScope", 0)).intValue());
  }

  private static Map<String, String> strings(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o instanceof Map<?, ?> mm) mm.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }
}
