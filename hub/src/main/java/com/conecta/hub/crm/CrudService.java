package com.conecta.hub.crm;

import com.conecta.hub.auth.Principal;
import com.conecta.hub.auth.Role;
import com.conecta.hub.web.ApiError;
import com.conecta.hub.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules shared by every CRM resource: agents see and change what their teams work on, marketing reads,
 * admins do everything; references must point at existing records.
 */
public final class CrudService {
  /** What happens right after a record is created (a lead gets its owner). */
  public interface AfterCreate {
    Future<JsonObject> apply(JsonObject created);
  }

  private final ResourceSpec spec;
  private final CrudStore store;
  private AfterCreate afterCreate = Future::succeededFuture;

  public CrudService(ResourceSpec spec, CrudStore store) {
    this.spec = spec;
    this.store = store;
  }

  public void afterCreate(AfterCreate hook) {
    this.afterCreate = hook;
  }

  public ResourceSpec spec() {
    return spec;
  }

  public CrudStore store() {
    return store;
  }

  public Future<JsonObject> create(Principal p, JsonObject body) {
    requireWriter(p);
    Map<FieldSpec, Object> values = FieldValues.read(spec, body, true);
    FieldSpec owner = spec.ownerColumn() == null ? null : spec.fields().stream()
        .filter(f -> f.column().equals(spec.ownerColumn())).findFirst().orElse(null);
    if (owner != null && !values.containsKey(owner) && p.role() == Role.AGENT) {
      values.put(owner, p.userId());
    }
    return checkRefs(values).compose(v -> store.insert(values)).compose(created -> afterCreate.apply(created));
  }

  public Future<JsonObject> get(Principal p, long id) {
    return visible(p, id).compose(v -> store.byId(id));
  }

  public Future<JsonObject> update(Principal p, long id, JsonObject body) {
    requireWriter(p);
    Map<FieldSpec, Object> values = FieldValues.read(spec, body, false);
    if (values.isEmpty()) {
      return Future.failedFuture(ApiError.badRequest("nothing_to_change", "the body names no field to change", null));
    }
    return visible(p, id).compose(v -> checkRefs(values)).compose(v -> store.update(store.pool(), id, values));
  }

  public Future<Page<JsonObject>> list(Principal p, Map<FieldSpec, Object> filters, String text, Long beforeId, int limit) {
    boolean scoped = p.role() == Role.AGENT;
    return store.list(filters, text, beforeId, limit, scoped ? p.userId() : null, scoped ? p.inboxFilter() : null);
  }

  /** 404 for records that do not exist or that the agent may not see. */
  public Future<Void> visible(Principal p, long id) {
    Future<Boolean> ok = p.role() == Role.AGENT ? store.inScope(id, p.userId(), p.inboxFilter())
        : store.byId(id).map(r -> r != null);
    return ok.compose(found -> found ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound(spec.name() + " " + id)));
  }

  private static void requireWriter(Principal p) {
    if (p.role() == Role.MARKETING) {
      throw ApiError.forbidden("marketing reads CRM records; agents and admins change them");
    }
  }

  private Future<Void> checkRefs(Map<FieldSpec, Object> values) {
    List<Future<Void>> checks = new ArrayList<>();
    values.forEach((f, v) -> {
      if (f.type() == FieldSpec.Type.REF && v != null) {
        checks.add(store.refExists(f, (Long) v).compose(exists -> exists ? Future.succeededFuture()
            : Future.failedFuture(ApiError.invalid(f.json(), "'" + f.json() + "' points to no existing record"))));
      }
    });
    return Future.all(checks).mapEmpty();
  }
}
