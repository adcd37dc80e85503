package com.conecta.hub.fieldservice.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** All SQL of service requests: the requests, their history, reports, photos, observations and technicians. */
public record ServiceStore(Pool pool) {
  private static final String INSERT = """
      insert into service_requests (kind, contact_id, account_id, address, scheduled_for, technician_id, seller_id, notes,
        checklist, needs_scheduling, parent_id, created_by, duration_minutes)
      values ($1, $2, $3, $4, $5, $6,
        coalesce($7, (select owner_id from contacts where id = $2), (select owner_id from accounts where id = $3), $12),
        $8, $9, $10, $11, $12, $13)
      on conflict do nothing returning id""";
  private static final String HISTORY = """
      insert into service_request_history (request_id, from_status, to_status, reason, actor_id) values ($1, $2, $3, $4, $5)
      returning id""";
  private static final String VISIBLE_TO_AGENT = """
      (s.technician_id = $U or s.seller_id = $U or s.created_by = $U
       or exists (select 1 from conversations cv where cv.contact_id = s.contact_id and cv.inbox_id = any($V)))""";
  /** Coordinators: supervisors of the technician's teams (any supervisor when no technician), else the admins. */
  private static final String COORDINATORS = """
      with sup as (
        select distinct tm.user_id from team_members tm join users u on u.id = tm.user_id
        where tm.supervisor and u.active
          and ($1::bigint is null or tm.team_id in (select team_id from team_members where user_id = $1)))
      select u.id, u.locale from users u
      where u.active and (u.id in (select user_id from sup) or (not exists (select 1 from sup) and u.role = 'admin'))
      order by u.id""";

  /** A user to notify, with the language they read. */
  public record Person(long id, String locale) {}

  public record NewRequest(String kind, long contactId, Long accountId, String address, OffsetDateTime scheduledFor,
      Long technicianId, Long sellerId, String notes, JsonArray checklist, boolean needsScheduling, Long parentId,
      Long createdBy, int durationMinutes) {}

  /** The new id, or null when the parent already has its follow-up request. */
  public Future<Long> insert(SqlClient tx, NewRequest r) {
    return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {r.kind(), r.contactId(), r.accountId(), r.address(),
            r.scheduledFor(), r.technicianId(), r.sellerId(), r.notes(), r.checklist(), r.needsScheduling(), r.parentId(),
            r.createdBy(), r.durationMinutes()}))
        .map(ServiceStore::firstLong);
  }

  public Future<Long> history(SqlClient tx, long requestId, String from, String to, String reason, Long actor) {
    return tx.preparedQuery(HISTORY).execute(Tuple.of(requestId, from, to, reason, actor)).map(ServiceStore::firstLong);
  }

  public Future<JsonObject> byId(SqlClient client, long id, boolean lock) {
    return client.preparedQuery("select * from service_requests where id = $1" + (lock ? " for update" : ""))
        .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : request(rows.iterator().next()));
  }

  public Future<Boolean> visibleToAgent(long id, long userId, Long[] inboxes) {
    return pool.preparedQuery("select 1 from service_requests s where s.id = $1 and "
            + VISIBLE_TO_AGENT.replace("$U", "$2").replace("$V", "$3"))
        .execute(Tuple.of(id, userId, inboxes)).map(rows -> rows.size() > 0);
  }

  public Future<Boolean> isSupervisor(long userId) {
    return pool.preparedQuery("select exists (select 1 from team_members where user_id = $1 and supervisor)")
        .execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<List<Person>> coordinators(SqlClient client, Long technicianId) {
    return client.preparedQuery(COORDINATORS).execute(Tuple.of(technicianId)).map(ServiceStore::people);
  }

  public Future<Person> person(SqlClient client, long userId) {
    return client.preparedQuery("select id, locale from users where id = $1").execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : people(rows).get(0));
  }

  /** A technician's level, or null when the user is not a technician (or does not exist). */
  public Future<String> technicianLevel(long userId) {
    return pool.preparedQuery("select technician_level from users where id = $1 and active").execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  public Future<Boolean> exists(String table, long id) {
    String sql = switch (table) {
      case "contacts" -> "select 1 from contacts where id = $1";
      case "accounts" -> "select 1 from accounts where id = $1";
      case "users" -> "select 1 from users where id = $1 and active";
      default -> throw new IllegalArgumentException(table);
    };
    return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  public Future<List<JsonObject>> technicians() {
    return pool.query("select id, name, email, technician_level from users where technician_level is not null and active "
        + "order by name").execute().map(rows -> map(rows, r -> new JsonObject().put("id", r.getLong("id"))
            .put("name", r.getString("name")).put("email", r.getString("email"))
            .put("level", r.getString("technician_level"))));
  }

  public Future<Boolean> setTechnicianLevel(long userId, String level) {
    return pool.preparedQuery("update users set technician_level = $2 where id = $1").execute(Tuple.of(userId, level))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Void> setStatus(SqlClient tx, long id, String status, String notDoneReason, boolean needsScheduling,
      OffsetDateTime scheduledFor, Long technicianId) {
    return tx.preparedQuery("""
        update service_requests set status = $2, not_done_reason = coalesce($3, not_done_reason),
          needs_scheduling = $4, scheduled_for = coalesce($5, scheduled_for),
          technician_id = coalesce($6, technician_id), updated_at = now()
        where id = $1""").execute(Tuple.of(id, status, notDoneReason, needsScheduling, scheduledFor, technicianId))
        .mapEmpty();
  }

  /** Changes the given (non-null) details; a new date takes the request off the coordinator's to-schedule list. */
  public Future<Void> updateDetails(SqlClient tx, long id, String address, String notes, OffsetDateTime scheduledFor,
      Long technicianId, Long sellerId, Integer durationMinutes) {
    return tx.preparedQuery("""
        update service_requests set address = coalesce($2, address), notes = coalesce($3, notes),
          duration_minutes = coalesce($7, duration_minutes),
          scheduled_for = coalesce($4, scheduled_for), technician_id = coalesce($5, technician_id),
          seller_id = coalesce($6, seller_id),
          needs_scheduling = case when $4::timestamptz is not null and status = 'scheduled' then false
                                  else needs_scheduling end,
          updated_at = now()
        where id = $1""").execute(Tuple.of(id, address, notes, scheduledFor, technicianId, sellerId, durationMinutes))
        .mapEmpty();
  }

  public Future<Void> setChecklist(SqlClient tx, long id, JsonArray checklist) {
    return tx.preparedQuery("update service_requests set checklist = $2, updated_at = now() where id = $1")
        .execute(Tuple.of(id, checklist)).mapEmpty();
  }

  public Future<List<JsonObject>> list(Long[] scopeInboxes, Long scopeUser, String status, String kind, Long technicianId,
      Long contactId, Boolean needsScheduling, Long beforeId, int limit) {
    String sql = "select * from service_requests s where ($1::text is null or s.status = $1)"
        + " and ($2::text is null or s.kind = $2) and ($3::bigint is null or s.technician_id = $3)"
        + " and ($4::bigint is null or s.contact_id = $4) and ($5::boolean is null or s.needs_scheduling = $5)"
        + " and ($6::bigint is null or s.id < $6)"
        + " and ($7::bigint is null or " + VISIBLE_TO_AGENT.replace("$U", "$7").replace("$V", "$8") + ")"
        + " order by s.id desc limit $9";
    return pool.preparedQuery(sql).execute(Tuple.from(new Object[] {status, kind, technicianId, contactId, needsScheduling,
        beforeId, scopeUser, scopeInboxes, limit})).map(rows -> map(rows, ServiceStore::request));
  }

  public Future<List<JsonObject>> historyOf(long id) {
    return pool.preparedQuery("select * from service_request_history where request_id = $1 order by id")
        .execute(Tuple.of(id)).map(rows -> map(rows, r -> new JsonObject().put("from", r.getString("from_status"))
            .put("to", r.getString("to_status")).put("reason", r.getString("reason"))
            .put("actorId", r.getLong("actor_id")).put("at", r.getOffsetDateTime("at").toInstant().toString())));
  }

  // --- reports and photos

  public Future<JsonObject> upsertReport(SqlClient tx, long id, OffsetDateTime started, OffsetDateTime ended,
      String findings, JsonArray materials, String risks, boolean fault, long author) {
    return tx.preparedQuery("""
        insert into service_reports (request_id, started_at, ended_at, findings, materials, risks, fault_found, author_id)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        on conflict (request_id) do update set started_at = $2, ended_at = $3, findings = $4, materials = $5,
          risks = $6, fault_found = $7, author_id = $8, updated_at = now()
        returning *""").execute(Tuple.from(new Object[] {id, started, ended, findings, materials, risks, fault, author}))
        .map(rows -> report(rows.iterator().next()));
  }

  public Future<JsonObject> reportOf(long id) {
    return pool.preparedQuery("select * from service_reports where request_id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : report(rows.iterator().next()));
  }

  public Future<Long> followUpOf(SqlClient client, long id) {
    return client.preparedQuery("select id from service_requests where parent_id = $1").execute(Tuple.of(id))
        .map(ServiceStore::firstLong);
  }

  public Future<JsonObject> insertPhoto(long id, String phase, String key, String mime, long size, String name, long by) {
    return pool.preparedQuery("""
        insert into service_photos (request_id, phase, storage_key, mime_type, size_bytes, file_name, uploaded_by)
        values ($1, $2, $3, $4, $5, $6, $7) returning *""")
        .execute(Tuple.from(new Object[] {id, phase, key, mime, size, name, by})).map(rows -> photo(rows.iterator().next()));
  }

  public Future<Long> photoCount(long id) {
    return pool.preparedQuery("select count(*) from service_photos where request_id = $1").execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<JsonObject>> photosOf(long id) {
    return pool.preparedQuery("select * from service_photos where request_id = $1 order by id").execute(Tuple.of(id))
        .map(rows -> map(rows, ServiceStore::photo));
  }

  /** The photo's row with its storage key (never answered to clients), or null. */
  public Future<JsonObject> photo(long requestId, long photoId) {
    return pool.preparedQuery("select * from service_photos where request_id = $1 and id = $2")
        .execute(Tuple.of(requestId, photoId)).map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return photo(r).put("storageKey", r.getString("storage_key"));
        });
  }

  // --- observations (at-risk work orders)

  public Future<JsonObject> openObservation(SqlClient client, long requestId) {
    return client.preparedQuery("select * from service_observations where request_id = $1 and status = 'open'")
        .execute(Tuple.of(requestId)).map(rows -> rows.size() == 0 ? null : observation(rows.iterator().next()));
  }

  public Future<List<JsonObject>> observationsOf(long requestId) {
    return pool.preparedQuery("select * from service_observations where request_id = $1 order by id")
        .execute(Tuple.of(requestId)).map(rows -> map(rows, ServiceStore::observation));
  }

  /** Null when the request has an open observation already. */
  public Future<JsonObject> insertObservation(SqlClient tx, long requestId, String kind, String description, long by,
      Long sellerId, int hours) {
    return tx.preparedQuery("""
        insert into service_observations (request_id, kind, description, raised_by, seller_id, deadline_at)
        values ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
        on conflict (request_id) where status = 'open' do nothing returning *""")
        .execute(Tuple.of(requestId, kind, description, by, sellerId, hours))
        .map(rows -> rows.size() == 0 ? null : observation(rows.iterator().next()));
  }

  public Future<JsonObject> closeObservation(SqlClient tx, long obsId, String status, String resolution, long by) {
    return tx.preparedQuery("""
        update service_observations set status = $2, resolution = $3, resolved_by = $4, resolved_at = now()
        where id = $1 and status = 'open' returning *""").execute(Tuple.of(obsId, status, resolution, by))
        .map(rows -> rows.size() == 0 ? null : observation(rows.iterator().next()));
  }

  public Future<JsonObject> atRiskSummary() {
    return pool.query("""
        select count(*) as raised, count(*) filter (where status = 'resolved') as saved,
          count(*) filter (where status = 'cancelled') as cancelled, count(*) filter (where status = 'open') as open
        from service_observations""").execute().map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("raised", r.getLong("raised")).put("saved", r.getLong("saved"))
              .put("cancelled", r.getLong("cancelled")).put("open", r.getLong("open"));
        });
  }

  // --- mapping

  private static JsonObject request(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind")).put("status", r.getString("status"))
        .put("contactId", r.getLong("contact_id")).put("accountId", r.getLong("account_id"))
        .put("address", r.getString("address")).put("scheduledFor", time(r.getOffsetDateTime("scheduled_for")))
        .put("durationMinutes", r.getInteger("duration_minutes"))
        .put("technicianId", r.getLong("technician_id")).put("sellerId", r.getLong("seller_id"))
        .put("notes", r.getString("notes")).put("checklist", r.getValue("checklist"))
        .put("notDoneReason", r.getString("not_done_reason")).put("needsScheduling", r.getBoolean("needs_scheduling"))
        .put("parentId", r.getLong("parent_id")).put("createdBy", r.getLong("created_by"))
        .put("createdAt", time(r.getOffsetDateTime("created_at"))).put("updatedAt", time(r.getOffsetDateTime("updated_at")));
  }

  private static JsonObject report(Row r) {
    return new JsonObject().put("startedAt", time(r.getOffsetDateTime("started_at")))
        .put("endedAt", time(r.getOffsetDateTime("ended_at"))).put("findings", r.getString("findings"))
        .put("materials", r.getValue("materials")).put("risks", r.getString("risks"))
        .put("faultFound", r.getBoolean("fault_found")).put("authorId", r.getLong("author_id"))
        .put("updatedAt", time(r.getOffsetDateTime("updated_at")));
  }

  private static JsonObject photo(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("phase", r.getString("phase"))
        .put("mimeType", r.getString("mime_type")).put("sizeBytes", r.getLong("size_bytes"))
        .put("fileName", r.getString("file_name")).put("uploadedBy", r.getLong("uploaded_by"))
        .put("createdAt", time(r.getOffsetDateTime("created_at")));
  }

  private static JsonObject observation(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("requestId", r.getLong("request_id"))
        .put("kind", r.getString("kind")).put("description", r.getString("description"))
        .put("raisedBy", r.getLong("raised_by")).put("sellerId", r.getLong("seller_id"))
        .put("deadlineAt", time(r.getOffsetDateTime("deadline_at"))).put("status", r.getString("status"))
        .put("resolution", r.getString("resolution")).put("resolvedBy", r.getLong("resolved_by"))
        .put("resolvedAt", time(r.getOffsetDateTime("resolved_at"))).put("createdAt", time(r.getOffsetDateTime("created_at")));
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private static List<Person> people(RowSet<Row> rows) {
    List<Person> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Person(r.getLong("id"), r.getString("locale"))));
    return out;
  }

  private static Long firstLong(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? it.next().getLong(0) : null;
  }

  private static List<JsonObject> map(RowSet<Row> rows, java.util.function.Function<Row, JsonObject> f) {
    List<JsonObject> out = new ArrayList<>();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }
}
