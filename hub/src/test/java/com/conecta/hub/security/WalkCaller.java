package com.conecta.hub.security;

import com.conecta.hub.foundation.auth.Role;
import io.vertx.core.http.HttpMethod;
import java.util.regex.Pattern;

/**
 * The kinds of caller the route walk calls every route as, with what the access rules say each must be refused,
 * whatever a route declares (the walk checks the declaration against these).
 */
enum WalkCaller {
  ANONYMOUS, MARKETING, OTHER_TEAM_AGENT, AGENT, ADMIN;

  /** Paths marketing never reaches: conversations and what is in them. */
  private static final Pattern INBOX_ONLY = Pattern.compile(
      ".*/(conversations|messages|notes|media|presence|assignments?)(/.*)?$");
  private static final Pattern CRM_WRITE = Pattern.compile("/api/v1/(contacts|accounts|leads|tickets|activities)(/.*)?");
  private static final Pattern ADMIN_ONLY = Pattern.compile(
      "/api/v1/(audit|tokens)(/.*)?|/api/v1/users/.*|/api/v1/contacts/:id/(export|erase)");
  /** Coordinators' screens (admins and team supervisors; the walk's agents supervise no team). Issue 22. */
  private static final Pattern COORDINATOR_ONLY = Pattern.compile("/api/v1/service-board");

  Role role() {
    return switch (this) {
      case ANONYMOUS -> null;
      case MARKETING -> Role.MARKETING;
      case OTHER_TEAM_AGENT, AGENT -> Role.AGENT;
      case ADMIN -> Role.ADMIN;
    };
  }

  /** What the rules say, whatever a route declares: this caller must be refused. */
  boolean refusedByPolicy(HttpMethod method, String template) {
    boolean admin = ADMIN_ONLY.matcher(template).matches()
        || method != HttpMethod.GET && template.matches("/api/v1/(users|teams|inboxes)");
    return switch (this) {
      case MARKETING -> admin || INBOX_ONLY.matcher(template).matches()
          || method != HttpMethod.GET && CRM_WRITE.matcher(template).matches();
      case OTHER_TEAM_AGENT, AGENT -> admin || template.startsWith("/api/v1/campaigns")
          || COORDINATOR_ONLY.matcher(template).matches();
      default -> false;
    };
  }
}
