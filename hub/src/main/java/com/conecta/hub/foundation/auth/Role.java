package com.conecta.hub.foundation.auth;

/** What a user does in the company: admins run the hub, agents work conversations, marketing runs campaigns. */
public enum Role {
  ADMIN, AGENT, MARKETING;

  public String wire() {
    return name().toLowerCase();
  }

  public static Role fromWire(String s) {
    return valueOf(s.toUpperCase());
  }
}
