package com.conecta.hub.messaging.reaction;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What reacts to a new inbound message, in one list built in one place (Hub's "when this happens, these react").
 * Immutable once built.
 */
public final class Reactions {
  private final List<Reaction> toNewMessage;

  public Reactions(List<Reaction> toNewMessage) {
    Set<String> names = toNewMessage.stream().map(Reaction::name).collect(Collectors.toSet());
    if (names.size() != toNewMessage.size()) {
      throw new IllegalArgumentException("two reactions share a name: " + toNewMessage.stream().map(Reaction::name).toList());
    }
    this.toNewMessage = List.copyOf(toNewMessage);
  }

  /** The reactions to a new inbound message, in the order they are listed. */
  public List<Reaction> toNewMessage() {
    return toNewMessage;
  }
}
