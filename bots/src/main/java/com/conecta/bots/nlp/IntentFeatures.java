package com.conecta.bots.nlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Words, word pairs, word prefixes and character trigrams: with a few hundred training lines,
 * "cobro" and "cobraron" or "transferir" and "transferencia" must look alike, and typos should
 * still overlap. Emitted as pseudo-words for OpenNLP's bag of words, so no custom extension class
 * has to be registered in OpenNLP's global extension loader.
 */
final class IntentFeatures {

  String[] of(String[] text) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length; i++) {
      String t = text[i];
      out.add(t);
      if (i + 1 < text.length) out.add(t + "_" + text[i + 1]);
      if (t.length() > 4) out.add("p5=" + t.substring(0, 5));
      if (t.length() > 3) out.add("p4=" + t.substring(0, 4));
      String padded = "_" + t + "_";
      for (int j = 0; j + 3 <= padded.length(); j++) out.add("c3=" + padded.substring(j, j + 3));
    }
    return out.toArray(String[]::new);
  }
}
