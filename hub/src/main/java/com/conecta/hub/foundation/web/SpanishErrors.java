package com.conecta.hub.foundation.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's error messages in Spanish, from the rules in i18n/api-errors.es.txt: the code keeps the English message a
 * developer greps for, a person reads this. A message without a rule gets its status's sentence, never English.
 */
public final class SpanishErrors {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([fnb]?)(\\d)}");
  private static final Locale CHILE = Locale.forLanguageTag("es-CL");

  private record Rule(Pattern message, String code, String template) {}

  private final List<Rule> rules;
  private final Map<String, String> byStatus;
  private final Properties fields;

  private SpanishErrors(List<Rule> rules, Map<String, String> byStatus, Properties fields) {
    this.rules = rules;
    this.byStatus = byStatus;
    this.fields = fields;
  }

  /** Reads the two files from the classpath; a missing or broken file stops the start (it ships in the jar). */
  public static SpanishErrors load() {
    List<Rule> rules = new ArrayList<>();
    Map<String, String> byStatus = new HashMap<>();
    Properties fields = new Properties();
    try (InputStream in = resource("i18n/api-errors.es.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        InputStream f = resource("i18n/api-fields.es.properties")) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int arrow = line.indexOf(" => ");
        if (arrow < 0) {
          throw new IllegalStateException("i18n/api-errors.es.txt: a rule needs ' => ': " + line);
        }
        String left = line.substring(0, arrow).trim();
        String right = line.substring(arrow + 4).trim();
        if (left.startsWith("status:")) {
          byStatus.put(left.substring(7), right);
        } else if (left.startsWith("code:")) {
          rules.add(new Rule(null, left.substring(5), right));
        } else {
          rules.add(new Rule(Pattern.compile(left), null, right));
        }
      }
      fields.load(new InputStreamReader(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("the Spanish error messages cannot be read", e);
    }
    return new SpanishErrors(List.copyOf(rules), Map.copyOf(byStatus), fields);
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SpanishErrors.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is missing");
    }
    return in;
  }

  public String message(int status, String code, String english) {
    for (Rule rule : rules) {
      if (rule.code() != null) {
        if (rule.code().equals(code)) {
          return rule.template();
        }
        continue;
      }
      Matcher m = rule.message().matcher(english == null ? "" : english);
      if (m.matches()) {
        return fill(rule.template(), m);
      }
    }
    String sentence = byStatus.get(String.valueOf(status));
    return sentence != null ? sentence : byStatus.get(status >= 500 ? "500" : "400");
  }

  /** A field's label as a person reads it ("Mensaje" for 'text'); an unknown field keeps its name. */
  public String label(String field) {
    String label = fields.getProperty(field);
    if (label == null && field.contains(".")) {
      label = fields.getProperty(field.substring(field.lastIndexOf('.') + 1));
    }
    return label != null ? label : field;
  }

  private String fill(String template, Matcher m) {
    Matcher p = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (p.find()) {
      String value = m.group(Integer.parseInt(p.group(2)));
      String shown = switch (p.group(1)) {
        case "f" -> label(value);
        case "n" -> NumberFormat.getIntegerInstance(CHILE).format(Long.parseLong(value));
        case "b" -> size(Long.parseLong(value));
        default -> value;
      };
      p.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    p.appendTail(out);
    return out.toString();
  }

  /** 1048576 → "1 MB", 65536 → "64 KB": how a person reads a limit. */
  static String size(long bytes) {
    NumberFormat f = NumberFormat.getNumberInstance(CHILE);
    f.setMaximumFractionDigits(1);
    if (bytes >= 1024 * 1024) {
      return f.format(bytes / (1024.0 * 1024)) + " MB";
    }
    return bytes >= 1024 ? f.format(bytes / 1024.0) + " KB" : f.format(bytes) + " bytes";
  }
}
