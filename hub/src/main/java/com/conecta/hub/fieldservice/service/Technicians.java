package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** The people who do field work and their level (standard or specialist); admins set the level. */
public record Technicians(ServiceStore store) {
  public Future<List<JsonObject>> list() {
    return store.technicians();
  }

  public Future<Void> setLevel(long userId, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    if (!raw.containsKey("level")) {
      throw ApiError.missing("level");
    }
    String level = b.oneOf("level", null, Set.of("standard", "specialist"));
    return store.setTechnicianLevel(userId, level).compose(found -> found ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound("user " + userId)));
  }
}
