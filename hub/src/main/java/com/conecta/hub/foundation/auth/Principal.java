package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.web.HasLanguage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The signed-in user of one request, with the inboxes they may see (null = all, for admins).
 *
 * @param csrfToken the session's CSRF token when signed in by cookie; null for API tokens
 * @param readOnly an API token of scope {@code read}: only GET requests pass
 */
public record Principal(long userId, String email, String name, Role role, String locale, Set<Long> teamIds,
    Set<Long> visibleInboxIds, String csrfToken, boolean readOnly) implements HasLanguage {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean seesAllInboxes() {
    return visibleInboxIds == null;
  }

  public boolean canSeeInbox(long inboxId) {
    return visibleInboxIds == null || visibleInboxIds.contains(inboxId);
  }

  /** The inbox ids for an SQL {@code = any($n)} filter; null when every inbox is visible. */
  public Long[] inboxFilter() {
    return visibleInboxIds == null ? null : visibleInboxIds.toArray(Long[]::new);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", userId).put("email", email).put("name", name).put("role", role.wire())
        .put("locale", locale).put("teamIds", new JsonArray(teamIds.stream().sorted().toList()));
  }
}
