package com.conecta.hub.commerce.catalogue;

import com.conecta.hub.foundation.config.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The one list of business lines, read once at start. Everything that used to name what the company sells in its own
 * words (the bot's interest areas, the quote form, opportunity divisions) reads it, and old names stay valid as
 * aliases so records written before keep matching.
 */
public final class BusinessCatalogue {
  private static final String FILE = "config/catalogue.yaml";
  private static final int BOT_TITLE_MAX = 24;
  private final List<BusinessLine> lines;

  public BusinessCatalogue(List<BusinessLine> lines) {
    this.lines = List.copyOf(lines);
  }

  public static BusinessCatalogue load() {
    try (InputStream in = ConfigFiles.open(FILE)) {
      return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
    } catch (IOException e) {
      throw new IllegalStateException(FILE + " cannot be read", e);
    }
  }

  /** Validates the document with a message naming the line and field, so a bad file stops the start clearly. */
  public static BusinessCatalogue parse(Object root) {
    if (!(root instanceof Map<?, ?> m) || !(m.get("business-lines") instanceof List<?> raw) || raw.isEmpty()) {
      throw new IllegalStateException(FILE + ": 'business-lines' must be a non-empty list");
    }
    List<BusinessLine> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Object o : raw) {
      if (!(o instanceof Map<?, ?> line)) {
        throw new IllegalStateException(FILE + ": each business line must be a map");
      }
      String key = text(line.get("key"));
      if (key == null || !key.matches("[a-z][a-z0-9_]{0,39}")) {
        throw new IllegalStateException(FILE + ": a business line's 'key' must be lower-case letters, digits and _ (was "
            + key + ")");
      }
      String where = FILE + ": business line '" + key + "'";
      Map<String, String> name = texts(where, "name", line.get("name"));
      Map<String, String> shortName = line.get("short") == null ? name : texts(where, "short", line.get("short"));
      String division = text(line.get("division"));
      if (division == null || !division.matches("[a-z][a-z0-9_]{0,39}")) {
        throw new IllegalStateException(where + ": 'division' must be a division key such as security");
      }
      List<String> aliases = words(line.get("aliases"));
      boolean bot = !Boolean.FALSE.equals(line.get("bot"));
      if (bot && (shortName.get("es").length() > BOT_TITLE_MAX || shortName.get("en").length() > BOT_TITLE_MAX)) {
        throw new IllegalStateException(where + ": the bot shows at most 24 characters; give a 'short' name");
      }
      for (String n : concat(key, aliases)) {
        if (!names.add(n)) {
          throw new IllegalStateException(where + ": '" + n + "' already names another business line");
        }
      }
      out.add(new BusinessLine(key, name.get("es"), name.get("en"), shortName.get("es"), shortName.get("en"), division,
          aliases, words(line.get("synonyms")), bot));
    }
    return new BusinessCatalogue(out);
  }

  public List<BusinessLine> lines() {
    return lines;
  }

  /** The line a stored or typed value names, by key or alias. */
  public Optional<BusinessLine> resolve(String value) {
    return lines.stream().filter(l -> l.answersTo(value)).findFirst();
  }

  /** Every value that means the same line as {@code value} (its key and aliases), for filters over old records. */
  public List<String> sameLine(String value) {
    return resolve(value).map(l -> concat(l.key(), l.aliases())).orElse(value == null ? List.of() : List.of(value));
  }

  /** The bot's choice list in the flow files' own shape (id, title es/en, synonyms). */
  public List<Map<String, Object>> botChoices() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (BusinessLine l : lines) {
      if (l.askedByBot()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", l.key());
        c.put("title", Map.of("es", l.shortEs(), "en", l.shortEn()));
        c.put("synonyms", concat(l.aliases(), l.synonyms()));
        out.add(c);
      }
    }
    return out;
  }

  /** A form's choice list in forms.yaml's shape (value, label es/en). */
  public List<Map<String, Object>> formChoices() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (BusinessLine l : lines) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("value", l.key());
      c.put("label", Map.of("es", l.nameEs(), "en", l.nameEn()));
      out.add(c);
    }
    return out;
  }

  /**
   * Fills every choice list marked {@code choicesFrom: business-lines} in a freshly read YAML document (a bot flow or
   * forms.yaml): the catalogue's lines first, then the file's own choices that name no line (such as "otro"). The
   * file keeps its own list so the bots and connectors modules, which never see the catalogue, still read it alone.
   */
  @SuppressWarnings("unchecked")
  public Object fillChoices(Object yaml) {
    if (yaml instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      if ("business-lines".equals(map.get("choicesFrom"))) {
        boolean bot = map.containsKey("prompt"); // a bot question asks; a form field has a label
        List<Map<String, Object>> choices = new ArrayList<>(bot ? botChoices() : formChoices());
        if (map.get("choices") instanceof List<?> own) {
          for (Object c : own) {
            if (c instanceof Map<?, ?> cm && resolve(text(cm.get(bot ? "id" : "value"))).isEmpty()) {
              choices.add((Map<String, Object>) cm);
            }
          }
        }
        map.remove("choicesFrom");
        map.put("choices", choices);
      }
      map.values().forEach(this::fillChoices);
    } else if (yaml instanceof List<?> l) {
      l.forEach(this::fillChoices);
    }
    return yaml;
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(s -> !all.contains(s)).forEach(all::add);
    return all;
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o).trim();
  }

  private static List<String> words(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(w -> out.add(String.valueOf(w).trim().toLowerCase(Locale.ROOT)));
    }
    return List.copyOf(out);
  }

  private static Map<String, String> texts(String where, String field, Object o) {
    if (!(o instanceof Map<?, ?> m) || !(m.get("es") instanceof String es) || !(m.get("en") instanceof String en)
        || es.isBlank() || en.isBlank()) {
      throw new IllegalStateException(where + ": '" + field + "' needs texts for es and en");
    }
    return Map.of("es", es.trim(), "en", en.trim());
  }
}
