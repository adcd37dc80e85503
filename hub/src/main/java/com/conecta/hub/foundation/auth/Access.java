package com.conecta.hub.foundation.auth;

import java.util.EnumSet;
import java.util.Set;

/** Who may call a route. Every route is registered with one, so a missing rule is impossible by construction. */
public record Access(String name, boolean anonymous, Set<Role> roles) {
  public static final Access PUBLIC = new Access("public", true, EnumSet.noneOf(Role.class));
  public static final Access SIGNED_IN = new Access("signed-in", false, EnumSet.allOf(Role.class));
  /** Conversations, messages and notes: the people who talk to customers. */
  public static final Access INBOX = new Access("inbox", false, EnumSet.of(Role.ADMIN, Role.AGENT));
  /** CRM records: agents work them, marketing reads and segments them. */
  public static final Access CRM = new Access("crm", false, EnumSet.of(Role.ADMIN, Role.AGENT, Role.MARKETING));
  /** Campaigns: marketing runs them, admins too. */
  public static final Access CAMPAIGNS = new Access("campaigns", false, EnumSet.of(Role.ADMIN, Role.MARKETING));
  public static final Access ADMIN = new Access("admin", false, EnumSet.of(Role.ADMIN));

  public boolean allows(Principal p) {
    return anonymous || (p != null && roles.contains(p.role()));
  }
}
