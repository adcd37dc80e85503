package com.conecta.hub.operations.supervision;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit log, newest first, with optional filters. */
public record AuditStore(Pool pool) {
  private static final String LIST = """
      select a.id, a.at, a.actor_user_id, u.email as actor_email, a.action, a.target_type, a.target_id, a.details
      from audit_log a left join users u on u.id = a.actor_user_id
      where ($1::text is null or a.action = $1 or a.action like $1 || '.%')
        and ($2::bigint is null or a.actor_user_id = $2)
        and ($3::text is null or a.target_type = $3)
        and ($4::text is null or a.target_id = $4)
        and ($5::timestamptz is null or a.at >= $5)
        and ($6::timestamptz is null or a.at < $6)
        and ($7::bigint is null or a.id < $7)
      order by a.id desc limit $8""";

  public record Filter(String action, Long actorId, String targetType, String targetId, OffsetDateTime from,
      OffsetDateTime to) {}

  public Future<List<JsonObject>> list(Filter f, Long beforeId, int limit) {
    Tuple args = Tuple.tuple().addValue(f.action()).addValue(f.actorId()).addValue(f.targetType())
        .addValue(f.targetId()).addValue(f.from()).addValue(f.to()).addValue(beforeId).addValue(limit);
    return pool.preparedQuery(LIST).execute(args).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("at", r.getOffsetDateTime("at").toInstant().toString())
            .put("actorId", r.getLong("actor_user_id")).put("actorEmail", r.getString("actor_email"))
            .put("action", r.getString("action")).put("targetType", r.getString("target_type"))
            .put("targetId", r.getString("target_id")).put("details", (JsonObject) r.getJson("details")));
      }
      return out;
    });
  }
}
