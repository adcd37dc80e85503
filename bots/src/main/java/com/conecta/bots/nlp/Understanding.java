package com.conecta.bots.nlp;

import java.util.List;

/** What the bot understood from one message. */
public record Understanding(String language, String intent, double confidence, List<Entity> entities) {
  public Understanding {
    entities = List.copyOf(entities);
  }
}
