package com.conecta.hub.operations.supervision;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The audit trail admins read (writing goes through {@link com.conecta.hub.foundation.audit.AuditLog}, inside each action's own transaction). */
public record AuditService(AuditStore store) {
  public Future<List<JsonObject>> list(AuditStore.Filter filter, Long beforeId, int limit) {
    return store.list(filter, beforeId, limit);
  }
}
