package com.conecta.bots.nlp;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns free chat text into the lower-case, accent-free tokens the classifier is trained on. */
public final class TextNormalizer {

  /** Lower-case, strip accents, collapse letters repeated 3+ times ("holaaaa" -> "hola"). */
  public String normalize(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "");
    // Keep double letters (ll, rr, ee in "need") but chat stretching like "graciaaas" is noise.
    s = s.replaceAll("([a-z])\\1{2,}", "$1");
    return s;
  }

  /** Normalised word tokens; digits kept as a placeholder so numbers do not sparsify features. */
  public String[] tokens(String text) {
    String s = normalize(text).replaceAll("[^a-z0-9ñ#]+", " ").trim();
    if (s.isEmpty()) {
      return new String[0];
    }
    List<String> out = new ArrayList<>();
    for (String t : s.split("\\s+")) {
      out.add(t.matches(".*\\d.*") ? "<num>" : t);
    }
    return out.toArray(String[]::new);
  }
}
