package com.conecta.bots.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Labelled example lines ("intent<TAB>text") read from the classpath. */
public record IntentCorpus(List<Example> examples) {

  public static final List<String> INTENTS = List.of("greeting", "quote_request", "visit_request",
      "support", "order_status", "payment", "human_agent", "opt_out", "other");

  /** One labelled line. */
  public record Example(String intent, String text) {}

  public static IntentCorpus fromClasspath(String... resources) {
    List<Example> out = new ArrayList<>();
    for (String resource : resources) {
      try (InputStream in = IntentCorpus.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("intent corpus not found: " + resource);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (line.isBlank() || line.startsWith("#")) continue;
          int tab = line.indexOf('\t');
          if (tab < 0 || !INTENTS.contains(line.substring(0, tab))) {
            throw new IllegalStateException(resource + ":" + n + " bad line: " + line);
          }
          out.add(new Example(line.substring(0, tab), line.substring(tab + 1).trim()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new IntentCorpus(List.copyOf(out));
  }

  public static IntentCorpus standard() {
    return fromClasspath("/bots/intents-es.txt", "/bots/intents-en.txt");
  }
}
