package com.conecta.bots.flow;

import com.conecta.bots.nlp.ChileanRut;
import com.conecta.bots.nlp.ColombianNit;
import com.conecta.bots.nlp.Entity;
import com.conecta.bots.nlp.TextNormalizer;
import java.util.List;
import java.util.Optional;

/** Reads the answer to one question from free text, a button payload and the message's entities. */
final class AnswerReader {

  private final TextNormalizer normalizer = new TextNormalizer();

  Optional<String> read(FlowDefinition.Question q, String text, String payload, List<Entity> entities) {
    if (q.type().equals("choice")) return choice(q, text, payload);
    if (payload != null) return Optional.empty();
    String t = text == null ? "" : text.trim();
    if (!t.matches("(?s).*[\\p{L}\\p{N}].*")) return Optional.empty();
    String n = normalizer.normalize(t);
    switch (q.type()) {
      case "name": {
        String name = n.replaceFirst("^(hola,? )?(me llamo|mi nombre es|soy|my name is|i am|i'm)\\s+", "").trim();
        if (!name.matches("[\\p{L} .'-]{2,60}")) return Optional.empty();
        return Optional.of(titleCase(t.substring(t.length() - name.length())));
      }
      case "rut_or_nit": {
        Optional<String> found = first(entities, "rut", "nit");
        if (found.isPresent()) return found;
        // Written like a RUT (7-8 digits + check digit): a wrong check digit must not pass as a NIT.
        if (t.matches("\\d{1,2}\\.?\\d{3}\\.?\\d{3}-[\\dkK]")) return Optional.ofNullable(ChileanRut.normalize(t));
        return Optional.ofNullable(ColombianNit.normalize(t.replaceFirst("(?i)^nit\\s*:?\\s*", "")));
      }
      case "rut_or_email":
        return first(entities, "rut", "email").or(() -> Optional.ofNullable(ChileanRut.normalize(t)));
      case "city": {
        Optional<String> c = first(entities, "city");
        // Small towns are not in the list; any short word answer is kept as written.
        return c.isPresent() ? c.map(v -> v.substring(0, v.indexOf('|'))) : t.length() <= 40 ? Optional.of(t) : Optional.empty();
      }
      case "amount":
        if (n.matches(".*\\b(no se|ni idea|not sure|no idea|dont know|sin presupuesto)\\b.*")) return Optional.of("unknown");
        return first(entities, "amount").or(() -> bareAmount(n));
      case "email":
        return first(entities, "email");
      case "phone":
        return first(entities, "phone");
      default:
        return Optional.of(t.length() > 1000 ? t.substring(0, 1000) : t);
    }
  }

  private Optional<String> choice(FlowDefinition.Question q, String text, String payload) {
    if (payload != null) {
      return q.choices().stream().map(FlowDefinition.Choice::id).filter(payload::equals).findFirst();
    }
    String n = " " + String.join(" ", normalizer.tokens(text)) + " ";
    String raw = text == null ? "" : text.trim();
    if (raw.matches("\\d{1,2}")) {
      int i = Integer.parseInt(raw) - 1;
      return i >= 0 && i < q.choices().size() ? Optional.of(q.choices().get(i).id()) : Optional.empty();
    }
    for (FlowDefinition.Choice c : q.choices()) {
      if (n.contains(" " + normalizer.normalize(c.id()) + " ")) return Optional.of(c.id());
      for (String title : c.title().values()) {
        if (n.contains(" " + String.join(" ", normalizer.tokens(title)) + " ")) return Optional.of(c.id());
      }
      for (String s : c.synonyms()) {
        if (n.contains(" " + normalizer.normalize(s) + " ")) return Optional.of(c.id());
      }
    }
    return Optional.empty();
  }

  /**
   * Asked for a budget, a plain number is one: "2.000.000" (how the bot's own example writes it), "2000000", "500.000".
   * Pesos, as "$" and "lucas" are. Short numbers ("3") are not budgets.
   */
  private static Optional<String> bareAmount(String normalized) {
    java.util.regex.Matcher m = BARE_AMOUNT.matcher(normalized);
    if (!m.find()) return Optional.empty();
    return Optional.of(m.group(1).replaceAll("[.,]", "") + " CLP");
  }

  private static final java.util.regex.Pattern BARE_AMOUNT =
      java.util.regex.Pattern.compile("(?<![\\d.,])(\\d{1,3}(?:[.,]\\d{3})+|\\d{4,})(?![.,]?\\d)");

  private static Optional<String> first(List<Entity> entities, String... types) {
    for (String type : types) {
      for (Entity e : entities) if (e.type().equals(type)) return Optional.of(e.value());
    }
    return Optional.empty();
  }

  private static String titleCase(String s) {
    StringBuilder b = new StringBuilder();
    for (String w : s.trim().split("\\s+")) {
      if (b.length() > 0) b.append(' ');
      b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return b.toString();
  }
}
