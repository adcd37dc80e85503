package com.conecta.hub.foundation.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Writes sensitive actions (sign-in, merges, exports, role changes, launches) to the audit log. */
public final class AuditLog {
  private static final String INSERT =
      "insert into audit_log (actor_user_id, action, target_type, target_id, details) values ($1, $2, $3, $4, $5)";

  public Future<Void> record(SqlClient client, Long actorId, String action, String targetType, String targetId,
      JsonObject details) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(actorId, action, targetType, targetId, details == null ? new JsonObject() : details))
        .mapEmpty();
  }
}
