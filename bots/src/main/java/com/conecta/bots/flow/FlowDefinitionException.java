package com.conecta.bots.flow;

/** A flow YAML that cannot be used; the message says file, question and problem. */
public final class FlowDefinitionException extends RuntimeException {
  public FlowDefinitionException(String message) {
    super(message);
  }
}
