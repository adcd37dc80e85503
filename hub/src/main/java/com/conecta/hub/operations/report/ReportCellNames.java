package com.conecta.hub.operations.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The names a person reads for the keys some report cells hold: a lead's stage by the company's own stage names
 * (lead_stages), a channel — and a lead source that is a channel — as the inbox names it. A key with no name (a
 * free-text source, a stage since deleted) is written as it is rather than dropped.
 */
final class ReportCellNames {
  private static final Map<String, Map<String, String>> CHANNELS = Map.of("es", channels("es"), "en", channels("en"));
  private final Map<String, String> stages;
  private final Map<String, String> channels;

  ReportCellNames(String lang, Map<String, String> stages) {
    this.stages = Map.copyOf(stages);
    this.channels = CHANNELS.get("en".equals(lang) ? "en" : "es");
  }

  /** The value to write in the column, by its name when the column holds keys. */
  Object name(String column, Object value) {
    if (!(value instanceof String key)) {
      return value;
    }
    return switch (column) {
      case "stage" -> stages.getOrDefault(key, key);
      case "channel", "source" -> channels.getOrDefault(key, key);
      default -> value;
    };
  }

  private static Map<String, String> channels(String lang) {
    return properties("i18n/report-channels." + lang + ".properties");
  }

  /** A UTF-8 properties file of the classpath as a map (the CSV's column names and the channel names). */
  static Map<String, String> properties(String name) {
    try (InputStream in = ReportCellNames.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> out = new HashMap<>();
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
