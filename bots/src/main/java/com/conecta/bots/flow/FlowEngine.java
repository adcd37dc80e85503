package com.conecta.bots.flow;

import com.conecta.bots.nlp.Entity;
import com.conecta.bots.nlp.MessageUnderstanding;
import com.conecta.bots.nlp.Understanding;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a flow one inbound message at a time. {@link #step} depends only on its arguments (and the
 * trained model), so the hub can store the state anywhere and replay safely.
 */
public final class FlowEngine {

  private static final Map<String, String> NOT_TEXT = Map.of(
      "es", "No puedo ver stickers, fotos ni audios 🙏 ¿Me lo escribes?",
      "en", "I can't read stickers, photos or audio 🙏 Could you type it?");
  private static final Map<String, String> OPT_OUT = Map.of(
      "es", "Listo, no te enviaremos más mensajes. Si nos necesitas, escríbenos.",
      "en", "Done, we won't message you again. Write to us any time if you need us.");
  private static final Map<String, String> HANDOFF = Map.of(
      "es", "Te comunico con una persona del equipo, te responderá a la brevedad.",
      "en", "I'm passing you to a person on our team, they'll answer shortly.");
  private static final Map<String, String> OFF_SCOPE = Map.of(
      "es", "Eso no lo puedo resolver yo por aquí; si lo necesitas, te paso con una persona.",
      "en", "I can't help with that myself here; if you need it, I'll pass you to a person.");
  /** Intents each kind of flow covers; anything else the customer asks is outside its scope. */
  private static final Map<String, java.util.Set<String>> SCOPE = Map.of(
      "lead", java.util.Set.of("greeting", "quote_request", "visit_request", "other"),
      "ticket", java.util.Set.of("greeting", "support", "visit_request", "other"));
  /** The customer is thanked; the summary goes once, to the person who takes over (see {@link #summary}). */
  private static final Map<String, String> DONE = Map.of(
      "es", "¡Gracias! Con esto tengo lo que necesito.", "en", "Thanks! That's all I need.");
  /** Summary labels of what the bot keeps besides the flow's questions. */
  private static final Map<String, Map<String, String>> EXTRA_LABELS = Map.of(
      "request", Map.of("es", "Consulta", "en", "Request"),
      "quantity", Map.of("es", "Cantidad", "en", "Quantity"));
  /** Intents whose first message is worth keeping word for word: it says what the customer wants. */
  private static final java.util.Set<String> REQUESTS = java.util.Set.of("quote_request", "visit_request", "support");
  private static final Map<String, String> TICKET = Map.of(
      "es", "Registramos tu caso. Resumen:", "en", "Your case is logged. Summary:");

  private final MessageUnderstanding understanding;
  private final ZoneId zone;
  private final AnswerReader reader = new AnswerReader();

  public FlowEngine(MessageUnderstanding understanding, ZoneId zone) {
    this.understanding = understanding;
    this.zone = zone;
  }

  public BotStep step(FlowDefinition flow, BotState state, BotInput input) {
    if (state.finished()) return new BotStep(state, List.of(), List.of());
    String text = input.text();
    boolean isText = text != null && (input.kind() == BotInput.MessageKind.TEXT || input.kind() == BotInput.MessageKind.BUTTON);
    Understanding u = isText
        ? understanding.understand(text, input.now().atZone(zone).toLocalDate())
        : new Understanding(state.language(), "other", 0.0, List.of());
    String lang = state.language();
    if (isText && (!state.started() || (text.trim().length() >= 15 && !u.language().equals(lang)))) {
      lang = u.language();
    }
    // Intents that end the flow win at any point, except over a valid answer to a structured
    // question: "persona natural" answers home/business, it is not a request for a person.
    if (isText && answersStructuredQuestion(flow, state, text, input.buttonPayload(), u)) {
      u = new Understanding(u.language(), "other", u.confidence(), u.entities());
    }
    if (isText && u.intent().equals("opt_out") && u.confidence() >= 0.5) {
      return finish(state, lang, List.of(BotReply.text(OPT_OUT.get(lang))), List.of(new BotOutcome.OptOut()));
    }
    if (isText && u.intent().equals("human_agent") && u.confidence() >= 0.5) {
      return finish(state, lang, List.of(BotReply.text(HANDOFF.get(lang))),
          List.of(new BotOutcome.Handoff("human_agent", summary(flow, state.answers(), lang))));
    }
    Map<String, String> known = new LinkedHashMap<>(state.known());
    input.knownFields().forEach(known::putIfAbsent);
    for (Entity e : u.entities()) {
      known.putIfAbsent(e.type(), e.type().equals("city") ? e.value().substring(0, e.value().indexOf('|')) : e.value());
    }
    Map<String, String> answers = new LinkedHashMap<>(state.answers());
    if (isText) {
      prefill(flow, state.started() ? state.questionIndex() + 1 : 0, text, answers, known);
      keepQuantity(u.entities(), answers);
    }
    List<BotReply> replies = new ArrayList<>();
    int index = state.questionIndex();
    int misses = state.misses();

    if (!state.started()) {
      String hello = flow.greeting().get(lang);
      if (!input.businessHoursOpen()) {
        hello += "\n" + flow.afterHours().get(lang).replace("{next}", input.nextOpening() == null ? "" : input.nextOpening());
      }
      replies.add(BotReply.text(hello));
      if (!u.intent().equals("other") && !u.intent().equals("greeting")) answers.put("intent", u.intent());
      // The first message often says it all ("20 extintores para mi empresa en Santiago"): keep its words.
      if (isText && (REQUESTS.contains(u.intent()) || answers.containsKey("quantity"))) {
        String t = text.trim();
        answers.put("request", t.length() > 300 ? t.substring(0, 299) + "…" : t);
      }
    } else {
      FlowDefinition.Question q = flow.questions().get(index);
      Optional<String> answer = isText || input.buttonPayload() != null
          ? reader.read(q, text, input.buttonPayload(), u.entities())
          : Optional.empty();
      boolean asksElsewhere = isText && asksOutsideScope(flow, q, text, u);
      // A free-text question accepts almost anything; a confident question the flow does not cover is not an answer.
      if (answer.isPresent() && asksElsewhere && !structured(q)) {
        answer = Optional.empty();
      }
      // "Bombas de agua" is not in the list of areas, but it is what the customer needs: keep it, do not refuse it.
      if (answer.isEmpty() && q.allowOther() && isText && namesSomething(text, u)) {
        String t = text.trim();
        answers.put(q.id() + "_text", t.length() > 200 ? t.substring(0, 199) + "…" : t);
        answer = Optional.of("other");
      }
      if (answer.isEmpty()) {
        misses++;
        int offScope = asksElsewhere ? state.offScope() + 1 : 0;
        if (misses >= 2) {
          // Twice something the flow does not cover: a person must answer it, and the note says so.
          String reason = offScope >= 2 ? "out_of_scope" : "not_understood";
          return finish(state, lang, List.of(BotReply.text(HANDOFF.get(lang))),
              List.of(new BotOutcome.Handoff(reason, summary(flow, answers, lang))));
        }
        String reask = !(isText || input.buttonPayload() != null) ? NOT_TEXT.get(lang)
            : asksElsewhere ? OFF_SCOPE.get(lang) + "\n" + q.prompt().get(lang) : q.reask().get(lang);
        return new BotStep(new BotState(flow.id(), lang, index, true, false, misses, answers, known, offScope),
            List.of(ask(q, lang, reask)), List.of());
      }
      answers.put(q.id(), answer.get());
      misses = 0;
      index++;
    }
    index = nextQuestion(flow, index, answers, known);
    if (index >= flow.questions().size()) {
      return complete(flow, lang, answers, known, replies);
    }
    FlowDefinition.Question q = flow.questions().get(index);
    replies.add(ask(q, lang, q.prompt().get(lang)));
    return new BotStep(new BotState(flow.id(), lang, index, true, false, misses, answers, known), replies, List.of());
  }

  private static boolean structured(FlowDefinition.Question q) {
    return switch (q.type()) {
      case "choice", "rut_or_nit", "rut_or_email", "email", "phone", "amount" -> true;
      default -> false;
    };
  }

  /**
   * Outside the flow's scope: a confident intent the flow does not cover (a payment question in the sales flow), or
   * words the classifier calls "other" where the question needs a specific answer (a choice, a RUT, an amount).
   * Emojis, stickers and button taps are not questions; they are just not understood.
   */
  private static boolean asksOutsideScope(FlowDefinition flow, FlowDefinition.Question q, String text, Understanding u) {
    if (text == null || !text.matches("(?s).*\\p{L}{2,}.*")) return false;
    java.util.Set<String> scope = SCOPE.getOrDefault(flow.completion(), SCOPE.get("lead"));
    if (!scope.contains(u.intent()) && u.confidence() >= 0.5) return true;
    return u.intent().equals("other") && structured(q) && text.trim().split("\\s+").length >= 2;
  }

  private boolean answersStructuredQuestion(FlowDefinition flow, BotState state, String text, String payload,
      Understanding u) {
    if (!state.started() || state.questionIndex() >= flow.questions().size()) return false;
    FlowDefinition.Question q = flow.questions().get(state.questionIndex());
    boolean structured = switch (q.type()) {
      case "choice", "rut_or_nit", "rut_or_email", "email", "phone", "amount" -> true;
      default -> false;
    };
    return structured && reader.read(q, text, payload, u.entities()).isPresent();
  }

  /** Skips questions answered by known fields or entities, or not applicable (onlyIf). */
  private static int nextQuestion(FlowDefinition flow, int index, Map<String, String> answers, Map<String, String> known) {
    while (index < flow.questions().size()) {
      FlowDefinition.Question q = flow.questions().get(index);
      boolean applies = q.onlyIf().entrySet().stream().allMatch(e -> e.getValue().equals(answers.get(e.getKey())));
      Optional<String> prefilled = q.prefill() && known.containsKey(q.id()) ? Optional.of(known.get(q.id()))
          : q.skipIf().stream().filter(known::containsKey).map(known::get).findFirst();
      if (!applies) {
        index++;
      } else if (prefilled.isPresent()) {
        answers.putIfAbsent(q.id(), prefilled.get());
        index++;
      } else {
        return index;
      }
    }
    return index;
  }

  /**
   * Questions marked {@code prefill} that this message already answers (a synonym of one of their choices), from
   * question {@code from} on, become known: "para mi empresa" answers home-or-business before it is asked.
   */
  private void prefill(FlowDefinition flow, int from, String text, Map<String, String> answers, Map<String, String> known) {
    // Only synonyms/titles, never a bare number: "hola 2" must not pick the second area.
    if (text.trim().matches("\\d+")) return;
    for (int i = from; i < flow.questions().size(); i++) {
      FlowDefinition.Question q = flow.questions().get(i);
      if (q.prefill() && !answers.containsKey(q.id())) {
        reader.read(q, text, null, List.of()).ifPresent(v -> known.putIfAbsent(q.id(), v));
      }
    }
  }

  /** "20 extintores": the first count and product words the customer gives are kept for the salesperson. */
  private static void keepQuantity(List<Entity> entities, Map<String, String> answers) {
    if (answers.containsKey("quantity")) return;
    for (int i = 0; i < entities.size(); i++) {
      Entity e = entities.get(i);
      if (e.type().equals("quantity") && i + 1 < entities.size() && entities.get(i + 1).type().equals("product")) {
        answers.put("quantity", e.value());
        answers.put("product", entities.get(i + 1).value());
        return;
      }
    }
  }

  /** Words that name something (not "mmm", "ok", an emoji or a question for someone else). */
  private static boolean namesSomething(String text, Understanding u) {
    if (java.util.Set.of("opt_out", "human_agent", "greeting").contains(u.intent()) && u.confidence() >= 0.5) return false;
    if (java.util.Set.of("payment", "order_status").contains(u.intent()) && u.confidence() >= 0.5) return false;
    String folded = java.text.Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "");
    for (String w : folded.split("[^a-z]+")) {
      if (w.length() >= 4 && !FILLERS.contains(w)) return true;
    }
    return false;
  }

  private static final java.util.Set<String> FILLERS = java.util.Set.of("hola", "bueno", "buena", "buenas", "gracias",
      "okay", "dale", "listo", "nose", "nada", "cualquiera", "todo", "todos", "otra", "otro", "thanks", "nothing",
      "dunno", "whatever", "jaja", "jajaja", "mmmm", "pues", "claro", "perfecto");

  private BotStep complete(FlowDefinition flow, String lang, Map<String, String> answers, Map<String, String> known,
      List<BotReply> replies) {
    String summary = summary(flow, answers, lang);
    List<BotOutcome> outcomes = new ArrayList<>();
    if (flow.completion().equals("lead")) {
      int score = score(flow, answers);
      String priority = score >= flow.thresholds().getOrDefault("A", Integer.MAX_VALUE) ? "A"
          : score >= flow.thresholds().getOrDefault("B", Integer.MAX_VALUE) ? "B" : "C";
      outcomes.add(new BotOutcome.Lead(Map.copyOf(answers), score, priority, answers.get("interest_area"), summary));
      outcomes.add(new BotOutcome.Handoff("flow_completed", summary));
      replies.add(BotReply.text(DONE.get(lang) + "\n" + HANDOFF.get(lang)));
    } else {
      String kind = "visit".equals(answers.get("ticket_kind")) ? "visit" : "support";
      outcomes.add(new BotOutcome.Ticket(kind, summary, Map.copyOf(answers), kind.equals("visit") ? known.get("date") : null));
      replies.add(BotReply.text(TICKET.get(lang) + "\n" + summary));
    }
    BotState done = new BotState(flow.id(), lang, flow.questions().size(), true, true, 0, answers, known);
    return new BotStep(done, replies, outcomes);
  }

  static int score(FlowDefinition flow, Map<String, String> answers) {
    int score = 0;
    for (FlowDefinition.ScoreRule r : flow.scoring()) {
      boolean all = r.when().entrySet().stream().allMatch(e -> {
        String a = answers.get(e.getKey());
        return e.getValue().equals("present") ? a != null && !a.equals("unknown") : e.getValue().equals(a);
      });
      if (all) score += r.points();
    }
    return score;
  }

  /**
   * One line per answer, for the person who takes over: a short label ("Presupuesto"), choice titles, amounts and
   * RUTs as people write them ("$2.000.000", "76.086.428-5"); what the customer first asked comes first.
   */
  static String summary(FlowDefinition flow, Map<String, String> answers, String lang) {
    StringBuilder b = new StringBuilder();
    if (answers.get("request") != null) line(b, EXTRA_LABELS.get("request").get(lang), answers.get("request"));
    if (answers.get("quantity") != null) {
      line(b, EXTRA_LABELS.get("quantity").get(lang), answers.get("quantity") + " " + answers.getOrDefault("product", ""));
    }
    for (FlowDefinition.Question q : flow.questions()) {
      String a = answers.get(q.id());
      if (a == null) continue;
      String shown = a.equals("other") && answers.get(q.id() + "_text") != null ? answers.get(q.id() + "_text")
          : q.choices().stream().filter(c -> c.id().equals(a)).map(c -> c.title().get(lang)).findFirst()
              .orElse(a.equals("unknown") ? (lang.equals("en") ? "not sure" : "no sabe") : SummaryValues.shown(q.type(), a, lang));
      line(b, q.label() != null ? q.label().get(lang) : SummaryValues.labelFromPrompt(q.prompt().get(lang)), shown);
    }
    return b.toString().trim();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append("• ").append(label).append(": ").append(value.trim()).append('\n');
  }

  private static BotReply ask(FlowDefinition.Question q, String lang, String text) {
    List<BotReply.Option> options = q.choices().stream()
        .map(c -> new BotReply.Option(c.id(), c.title().get(lang))).toList();
    boolean fitsButtons = options.size() <= 3 && options.stream().allMatch(o -> o.title().length() <= 20);
    if (options.isEmpty()) return BotReply.text(text);
    return fitsButtons ? new BotReply(text, options, List.of()) : new BotReply(text, List.of(), options);
  }

  private static BotStep finish(BotState s, String lang, List<BotReply> replies, List<BotOutcome> outcomes) {
    BotState done = new BotState(s.flowId(), lang, s.questionIndex(), true, true, 0, s.answers(), s.known());
    return new BotStep(done, replies, outcomes);
  }
}
