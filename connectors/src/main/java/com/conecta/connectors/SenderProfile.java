package com.conecta.connectors;

import java.util.List;

/** Who sent an inbound message: the identities that name them on the channel and what they told us of themselves. */
public record SenderProfile(List<ChannelIdentity> identities, String name, String phone, String email, String username) {
  public SenderProfile {
    if (identities == null || identities.isEmpty()) {
      throw new IllegalArgumentException("a sender needs at least one identity");
    }
    identities = List.copyOf(identities);
  }

  /** The identity the conversation is keyed on (the first one given). */
  public ChannelIdentity primary() {
    return identities.get(0);
  }
}
