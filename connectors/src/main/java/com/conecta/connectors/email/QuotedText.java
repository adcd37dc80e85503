package com.conecta.connectors.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Cuts quoted history and signatures from a reply so the inbox preview shows only what the customer wrote now. */
final class QuotedText {
  private static final Pattern ATTRIBUTION = Pattern.compile(
      "^\\s*(El|On|Le|Em)\\b.*(escribió|wrote|a écrit|escreveu)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORIGINAL = Pattern.compile(
      "^\\s*(-{2,}\\s*(Mensaje original|Original Message)\\s*-{2,}|_{10,}|De:\\s.*|From:\\s.*)\\s*$", Pattern.CASE_INSENSITIVE);

  private QuotedText() {}

  static String preview(String text) {
    if (text == null) return "";
    List<String> kept = new ArrayList<>();
    for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
      if (line.equals("-- ") || line.equals("--") || ATTRIBUTION.matcher(line).matches() || ORIGINAL.matcher(line).matches()) break;
      if (line.startsWith(">")) continue;
      kept.add(line);
    }
    return String.join("\n", kept).strip();
  }
}
