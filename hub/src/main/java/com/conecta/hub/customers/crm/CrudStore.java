package com.conecta.hub.customers.crm;

import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL for one CRM resource, built from its spec: column names come only from the spec, every value is a parameter.
 */
public record CrudStore(Pool pool, ResourceSpec spec) {
  public Future<JsonObject> insert(Map<FieldSpec, Object> values) {
    List<String> cols = new ArrayList<>();
    List<String> params = new ArrayList<>();
    Tuple args = Tuple.tuple();
    for (Map.Entry<FieldSpec, Object> e : values.entrySet()) {
      cols.add(e.getKey().column());
      params.add("$" + (params.size() + 1));
      args.addValue(e.getValue());
    }
    String sql = cols.isEmpty() ? "insert into " + spec.table() + " default values returning *"
        : "insert into " + spec.table() + " (" + String.join(", ", cols) + ") values (" + String.join(", ", params)
            + ") returning *";
    return pool.preparedQuery(sql).execute(args).map(this::first);
  }

  public Future<JsonObject> update(SqlClient client, long id, Map<FieldSpec, Object> values) {
    List<String> sets = new ArrayList<>();
    Tuple args = Tuple.tuple();
    for (Map.Entry<FieldSpec, Object> e : values.entrySet()) {
      args.addValue(e.getValue());
      sets.add(e.getKey().column() + " = $" + args.size());
    }
    sets.add("updated_at = now()");
    args.addLong(id);
    String sql = "update " + spec.table() + " set " + String.join(", ", sets) + " where id = $" + args.size()
        + " returning *";
    return client.preparedQuery(sql).execute(args).map(this::first);
  }

  public Future<JsonObject> byId(long id) {
    return pool.preparedQuery("select * from " + spec.table() + " where id = $1").execute(Tuple.of(id)).map(this::first);
  }

  /** Whether the row a reference field points to exists (the table name comes from the spec). */
  public Future<Boolean> refExists(FieldSpec field, long id) {
    return pool.preparedQuery("select 1 from " + field.refTable() + " where id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() > 0);
  }

  /** Whether the agent may see the record (by the resource's scope). */
  public Future<Boolean> inScope(long id, long userId, Long[] inboxes) {
    String sql = "select 1 from " + spec.table() + " t where t.id = $1 and " + scope(2, 3);
    return pool.preparedQuery(sql).execute(Tuple.of(id, userId, inboxes)).map(rows -> rows.size() > 0);
  }

  private String scope(int userParam, int inboxesParam) {
    return spec.agentScope().replace("$U", "$" + userParam).replace("$V", "$" + inboxesParam);
  }

  /** Filters are (field, value) pairs already checked; {@code text} is a LIKE pattern or null. */
  public Future<Page<JsonObject>> list(Map<FieldSpec, Object> filters, String text, Long beforeId, int limit,
      Long scopedUserId, Long[] scopedInboxes) {
    return list(filters, List.of(), text, beforeId, limit, scopedUserId, scopedInboxes);
  }

  /** As above, with conditions features add (their $n renumbered after the parameters already taken). */
  public Future<Page<JsonObject>> list(Map<FieldSpec, Object> filters, List<CrudExtension.Condition> extra, String text,
      Long beforeId, int limit, Long scopedUserId, Long[] scopedInboxes) {
    List<String> where = new ArrayList<>();
    Tuple args = Tuple.tuple();
    for (Map.Entry<FieldSpec, Object> e : filters.entrySet()) {
      args.addValue(e.getValue());
      where.add("t." + e.getKey().column() + " = $" + args.size());
    }
    for (CrudExtension.Condition c : extra) {
      int offset = args.size();
      where.add("(" + java.util.regex.Pattern.compile("\\$(\\d+)").matcher(c.sql())
          .replaceAll(m -> "\\$" + (Integer.parseInt(m.group(1)) + offset)) + ")");
      c.params().forEach(args::addValue);
    }
    if (text != null) {
      args.addString(text);
      int n = args.size();
      where.add("(" + String.join(" or ", spec.searchColumns().stream().map(c -> "t." + c + " ilike $" + n).toList()) + ")");
    }
    if (beforeId != null) {
      args.addLong(beforeId);
      where.add("t.id < $" + args.size());
    }
    if (scopedUserId != null) {
      args.addLong(scopedUserId);
      args.addValue(scopedInboxes);
      where.add(scope(args.size() - 1, args.size()));
    }
    args.addInteger(limit);
    String sql = "select t.* from " + spec.table() + " t" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
        + " order by t.id desc limit $" + args.size();
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<JsonObject> items = new ArrayList<>();
      rows.forEach(r -> items.add(toJson(r)));
      String next = items.size() == limit
          ? new com.conecta.hub.foundation.web.Cursor(0, items.get(items.size() - 1).getLong("id")).encode() : null;
      return new Page<>(items, next);
    });
  }

  private JsonObject first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : toJson(rows.iterator().next());
  }

  JsonObject toJson(Row r) {
    JsonObject j = new JsonObject();
    for (FieldSpec f : spec.fields()) {
      j.put(f.json(), FieldValues.toJsonValue(f, r.getValue(f.column())));
    }
    return j;
  }
}
