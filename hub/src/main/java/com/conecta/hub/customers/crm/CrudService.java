package com.conecta.hub.customers.crm;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Page;
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
  private final AfterCreate afterCreate;
  private final List<CrudExtension> extensions;

  public CrudService(ResourceSpec spec, CrudStore store) {
    this(spec, store, Future::succeededFuture, List.of());
  }

  /** @param extensions what other features add to this resource, applied in this order */
  public CrudService(ResourceSpec spec, CrudStore store, AfterCreate afterCreate, List<CrudExtension> extensions) {
    this.spec = spec;
    this.store = store;
    this.afterCreate = afterCreate;
    this.extensions = List.copyOf(extensions);
  }

  /** The extra list filter a feature adds for this query parameter, or null. */
  public Future<CrudExtension.Condition> extraFilter(String param, String value) {
    for (CrudExtension e : extensions) {
      Future<CrudExtension.Condition> c = e.filter(param, value);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private Future<Void> beforeWrite(JsonObject body, boolean creating) {
    Future<Void> chain = Future.succeededFuture();
    for (CrudExtension e : extensions) {
      chain = chain.compose(v -> e.beforeWrite(body, creating));
    }
    return chain;
  }

  private Future<JsonObject> afterWrite(JsonObject row, JsonObject body, boolean creating) {
    Future<JsonObject> chain = Future.succeededFuture(row);
    for (CrudExtension e : extensions) {
      chain = chain.compose(r -> r == null ? Future.succeededFuture(r) : e.afterWrite(r, body, creating));
    }
    return chain.map(this::decorate);
  }

  private Future<JsonObject> afterUpdate(Principal p, JsonObject before, JsonObject row) {
    Future<Void> chain = Future.succeededFuture();
    for (CrudExtension e : extensions) {
      chain = chain.compose(v -> before == null || row == null ? Future.succeededFuture() : e.afterUpdate(p, before, row));
    }
    return chain.map(row);
  }

  private JsonObject decorate(JsonObject row) {
    JsonObject out = row;
    for (CrudExtension e : extensions) {
      if (out != null) {
        out = e.decorate(out);
      }
    }
    return out;
  }

  public ResourceSpec spec() {
    return spec;
  }

  public CrudStore store() {
    return store;
  }

  public Future<JsonObject> create(Principal p, JsonObject body) {
    requireWriter(p);
    extensions.forEach(e -> e.prepare(body));
    Map<FieldSpec, Object> values = FieldValues.read(spec, body, true);
    FieldSpec owner = spec.ownerColumn() == null ? null : spec.fields().stream()
        .filter(f -> f.column().equals(spec.ownerColumn())).findFirst().orElse(null);
    if (owner != null && !values.containsKey(owner) && p.role() == Role.AGENT) {
      values.put(owner, p.userId());
    }
    return beforeWrite(body, true).compose(v -> checkRefs(values)).compose(v -> store.insert(values))
        .compose(created -> afterCreate.apply(created)).compose(created -> afterWrite(created, body, true));
  }

  public Future<JsonObject> get(Principal p, long id) {
    return visible(p, id).compose(v -> store.byId(id)).map(this::decorate);
  }

  public Future<JsonObject> update(Principal p, long id, JsonObject body) {
    requireWriter(p);
    extensions.forEach(e -> e.prepare(body));
    Map<FieldSpec, Object> values = FieldValues.read(spec, body, false);
    if (values.isEmpty()) {
      return Future.failedFuture(ApiError.badRequest("nothing_to_change", "the body names no field to change", null));
    }
    return visible(p, id).compose(v -> beforeWrite(body, false)).compose(v -> checkRefs(values))
        .compose(v -> store.byId(id)).compose(before -> store.update(store.pool(), id, values)
            .compose(row -> afterUpdate(p, before, row))).compose(row -> afterWrite(row, body, false));
  }

  public Future<Page<JsonObject>> list(Principal p, Map<FieldSpec, Object> filters, String text, Long beforeId, int limit) {
    return list(p, filters, List.of(), text, beforeId, limit);
  }

  public Future<Page<JsonObject>> list(Principal p, Map<FieldSpec, Object> filters, List<CrudExtension.Condition> extra,
      String text, Long beforeId, int limit) {
    boolean scoped = p.role() == Role.AGENT;
    return store.list(filters, extra, text, beforeId, limit, scoped ? p.userId() : null, scoped ? p.inboxFilter() : null)
        .map(page -> new Page<>(page.items().stream().map(this::decorate).toList(), page.nextCursor()));
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
      // a reference without a table (an id from another feature's table) is not checked here
      if (f.type() == FieldSpec.Type.REF && f.refTable() != null && v != null) {
        checks.add(store.refExists(f, (Long) v).compose(exists -> exists ? Future.succeededFuture()
            : Future.failedFuture(ApiError.invalid(f.json(), "'" + f.json() + "' points to no existing record"))));
      }
    });
    return Future.all(checks).mapEmpty();
  }
}
