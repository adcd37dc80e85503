package com.conecta.connectors;

import java.util.List;

/** Email threading keys: where a message sits in a thread. */
public record ThreadRef(String subject, String messageId, String inReplyTo, List<String> references) {
  public ThreadRef {
    references = references == null ? List.of() : List.copyOf(references);
  }
}
