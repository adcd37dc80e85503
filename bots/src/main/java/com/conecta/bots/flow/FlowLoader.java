package com.conecta.bots.flow;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads and validates a flow YAML; errors name the file, the question and what is wrong. */
public final class FlowLoader {

  static final Set<String> TYPES = Set.of("text", "name", "choice", "rut_or_nit", "rut_or_email",
      "city", "amount", "email", "phone");

  public FlowDefinition load(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      return parse(file.getFileName().toString(), root);
    } catch (IOException e) {
      throw new FlowDefinitionException(file + ": cannot read: " + e.getMessage());
    } catch (FlowDefinitionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FlowDefinitionException(file.getFileName() + ": not valid YAML: " + e.getMessage());
    }
  }

  /** Parses an already-read YAML document; {@code source} is used in error messages. */
  public FlowDefinition parse(String source, Object root) {
    if (!(root instanceof Map<?, ?> m)) throw new FlowDefinitionException(source + ": the document must be a map");
    String id = str(m.get("id"));
    if (id == null) throw new FlowDefinitionException(source + ": missing 'id'");
    String completion = str(m.get("completion"));
    if (!"lead".equals(completion) && !"ticket".equals(completion)) {
      throw new FlowDefinitionException(source + ": 'completion' must be lead or ticket, was " + completion);
    }
    Map<String, String> greeting = texts(source, "greeting", m.get("greeting"));
    Map<String, String> afterHours = texts(source, "afterHours", m.get("afterHours"));
    if (!(m.get("questions") instanceof List<?> qs) || qs.isEmpty()) {
      throw new FlowDefinitionException(source + ": 'questions' must be a non-empty list");
    }
    List<FlowDefinition.Question> questions = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object o : qs) {
      FlowDefinition.Question q = question(source, o);
      if (!ids.add(q.id())) throw new FlowDefinitionException(source + ": question '" + q.id() + "': duplicate id");
      questions.add(q);
    }
    List<FlowDefinition.ScoreRule> rules = new ArrayList<>();
    if (m.get("scoring") instanceof List<?> rs) {
      for (Object o : rs) {
        if (!(o instanceof Map<?, ?> r) || !(r.get("when") instanceof Map<?, ?> w) || !(r.get("points") instanceof Integer p)) {
          throw new FlowDefinitionException(source + ": scoring rule needs 'when' (map) and 'points' (integer): " + o);
        }
        Map<String, String> when = new LinkedHashMap<>();
        w.forEach((k, v) -> when.put(String.valueOf(k), String.valueOf(v)));
        for (String k : when.keySet()) {
          if (!ids.contains(k)) throw new FlowDefinitionException(source + ": scoring rule refers to unknown question '" + k + "'");
        }
        rules.add(new FlowDefinition.ScoreRule(when, p));
      }
    }
    Map<String, Integer> thresholds = new LinkedHashMap<>();
    if (m.get("thresholds") instanceof Map<?, ?> t) {
      t.forEach((k, v) -> {
        if (!(v instanceof Integer i)) throw new FlowDefinitionException(source + ": threshold " + k + " must be an integer");
        thresholds.put(String.valueOf(k), i);
      });
    }
    return new FlowDefinition(id, completion, greeting, afterHours, List.copyOf(questions), List.copyOf(rules), thresholds);
  }

  private FlowDefinition.Question question(String source, Object o) {
    if (!(o instanceof Map<?, ?> q)) throw new FlowDefinitionException(source + ": each question must be a map");
    String id = str(q.get("id"));
    if (id == null) throw new FlowDefinitionException(source + ": a question has no 'id'");
    String where = source + ": question '" + id + "'";
    String type = str(q.get("type"));
    if (!TYPES.contains(type)) throw new FlowDefinitionException(where + ": unknown type '" + type + "', expected one of " + TYPES);
    Map<String, String> prompt = texts(where, "prompt", q.get("prompt"));
    Map<String, String> reask = texts(where, "reask", q.get("reask"));
    List<FlowDefinition.Choice> choices = new ArrayList<>();
    if (q.get("choices") instanceof List<?> cs) {
      for (Object c : cs) {
        if (!(c instanceof Map<?, ?> cm) || str(cm.get("id")) == null) throw new FlowDefinitionException(where + ": a choice needs an 'id'");
        Map<String, String> title = texts(where + " choice '" + cm.get("id") + "'", "title", cm.get("title"));
        List<String> syn = new ArrayList<>();
        if (cm.get("synonyms") instanceof List<?> sl) sl.forEach(s -> syn.add(String.valueOf(s)));
        choices.add(new FlowDefinition.Choice(str(cm.get("id")), title, List.copyOf(syn)));
      }
    }
    if (type.equals("choice") && choices.isEmpty()) throw new FlowDefinitionException(where + ": type choice needs 'choices'");
    if (choices.size() > 10) throw new FlowDefinitionException(where + ": at most 10 choices fit a WhatsApp list");
    for (FlowDefinition.Choice c : choices) {
      for (String t : c.title().values()) {
        if (t.length() > 24) throw new FlowDefinitionException(where + ": choice '" + c.id() + "' title longer than 24 characters (WhatsApp list row limit)");
      }
    }
    List<String> skipIf = new ArrayList<>();
    if (q.get("skipIf") instanceof List<?> sl) sl.forEach(s -> skipIf.add(String.valueOf(s)));
    Map<String, String> onlyIf = new LinkedHashMap<>();
    if (q.get("onlyIf") instanceof Map<?, ?> oi) oi.forEach((k, v) -> onlyIf.put(String.valueOf(k), String.valueOf(v)));
    String customField = q.get("customField") == null ? null : String.valueOf(q.get("customField"));
    Map<String, String> label = q.get("label") == null ? null : texts(where, "label", q.get("label"));
    if (label != null && label.values().stream().anyMatch(l -> l.length() > 30)) {
      throw new FlowDefinitionException(where + ": 'label' is the short name shown in the summary (at most 30 characters)");
    }
    boolean prefill = Boolean.TRUE.equals(q.get("prefill"));
    boolean allowOther = Boolean.TRUE.equals(q.get("allowOther"));
    if ((prefill || allowOther) && !type.equals("choice")) {
      throw new FlowDefinitionException(where + ": 'prefill' and 'allowOther' are for questions of type choice");
    }
    return new FlowDefinition.Question(id, type, prompt, reask, List.copyOf(choices), List.copyOf(skipIf), onlyIf,
        customField, label, prefill, allowOther);
  }

  private static Map<String, String> texts(String where, String field, Object o) {
    if (!(o instanceof Map<?, ?> m) || !(m.get("es") instanceof String es) || !(m.get("en") instanceof String en)) {
      throw new FlowDefinitionException(where + ": '" + field + "' needs texts for es and en");
    }
    return Map.of("es", es, "en", en);
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
