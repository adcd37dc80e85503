package com.conecta.hub.commerce.catalogue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One line of what the company sells (config/catalogue.yaml), with the names it has had and the division it feeds. */
public record BusinessLine(String key, String nameEs, String nameEn, String shortEs, String shortEn, String division,
    List<String> aliases, List<String> synonyms, boolean askedByBot) {

  public String name(String lang) {
    return "en".equals(lang) ? nameEn : nameEs;
  }

  /** Whether the value is this line's key or one of its aliases (case and accents as typed by people aside). */
  public boolean answersTo(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    return key.equals(v) || aliases.contains(v);
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("nameEs", nameEs).put("nameEn", nameEn).put("division", division)
        .put("aliases", new JsonArray(aliases)).put("askedByBot", askedByBot);
  }
}
