package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request's checklist: the default items per kind (or the caller's own), ticked off by whoever does the work. */
public record ServiceChecklist(ServiceAccess access) {
  private static final Map<String, List<String>> DEFAULTS = Map.of(
      "potential_client_visit", List.of("Confirmar datos de contacto", "Levantar necesidades del cliente",
          "Registrar fotos del lugar"),
      "technical_visit", List.of("Revisar el equipo", "Diagnosticar la falla", "Informar al cliente"),
      "maintenance", List.of("Limpiar filtros", "Revisar presiones y conexiones", "Probar funcionamiento"),
      "service_work", List.of("Preparar materiales", "Ejecutar el trabajo", "Probar y entregar al cliente"));

  public Future<JsonObject> checkItem(Principal p, long id, long itemId, JsonObject raw) {
    Boolean done = JsonBody.wrap(raw).optionalBoolean("done");
    if (done == null) {
      throw ApiError.missing("done");
    }
    ServiceStore store = access.store();
    return access.visible(p, id).compose(x -> store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
      if (Set.of("invoiced", "cancelled").contains(r.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
            + " request's checklist cannot change"));
      }
      JsonArray items = r.getJsonArray("checklist");
      JsonObject item = items.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == itemId).findFirst()
          .orElse(null);
      if (item == null) {
        return Future.failedFuture(ApiError.notFound("checklist item " + itemId));
      }
      item.put("done", done).put("doneAt", done ? Instant.now().toString() : null).put("doneBy", done ? p.userId() : null);
      return store.setChecklist(tx, id, items);
    }))).compose(v -> access.full(p, id));
  }

  /** The checklist a new request starts with: the given texts, else the kind's defaults. */
  static JsonArray items(JsonArray given, String kind) {
    List<String> texts = new ArrayList<>();
    if (given == null) {
      texts.addAll(DEFAULTS.get(kind));
    } else {
      if (given.size() > 50) {
        throw ApiError.invalid("checklist", "a checklist has at most 50 items");
      }
      for (Object o : given) {
        if (!(o instanceof String s) || s.isBlank() || s.length() > 200) {
          throw ApiError.invalid("checklist", "each checklist item is a text of 1 to 200 characters");
        }
        texts.add(s.trim());
      }
    }
    JsonArray items = new JsonArray();
    for (int i = 0; i < texts.size(); i++) {
      items.add(new JsonObject().put("id", i + 1).put("text", texts.get(i)).put("done", false));
    }
    return items;
  }
}
