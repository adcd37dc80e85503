package com.conecta.hub.operations.assignment;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The round-robin rule: the next available agent with room, in a stable order, after the last one assigned. */
final class AgentPicker {
  private AgentPicker() {}

  static boolean hasRoom(AssignmentStore.Candidate c, JsonObject inboxSettings) {
    if (c.maxOpen() != null && c.openTotal() >= c.maxOpen()) {
      return false;
    }
    Integer perInbox = inboxSettings.getInteger("maxOpenPerAgent");
    return perInbox == null || c.openInInbox() < perInbox;
  }

  /** Candidates are sorted by user id; the pick is the first with room after {@code lastUserId}, wrapping. */
  static Optional<AssignmentStore.Candidate> next(List<AssignmentStore.Candidate> candidates, Long lastUserId,
      JsonObject inboxSettings) {
    int n = candidates.size();
    if (n == 0) {
      return Optional.empty();
    }
    int start = 0;
    if (lastUserId != null) {
      start = n;
      for (int i = 0; i < n; i++) {
        if (candidates.get(i).userId() > lastUserId) {
          start = i;
          break;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      AssignmentStore.Candidate c = candidates.get((start + k) % n);
      if (hasRoom(c, inboxSettings)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
