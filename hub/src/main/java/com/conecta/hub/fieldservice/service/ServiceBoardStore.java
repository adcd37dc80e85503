package com.conecta.hub.fieldservice.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL of the coordinator's board: a window of visits by technician, the unassigned ones, and their overlaps. */
public record ServiceBoardStore(Pool pool) {
  /** Open visits in the window (assigned or not) with, for assigned ones, the ids of the same technician's overlaps. */
  private static final String WINDOW = """
      select s.id, s.kind, s.status, s.scheduled_for, s.duration_minutes, s.technician_id, s.address, s.notes,
        s.contact_id, c.name as contact_name,
        (select coalesce(array_agg(o.id order by o.id), '{}') from service_requests o
          where s.technician_id is not null and o.technician_id = s.technician_id and o.id <> s.id
            and o.status in ('scheduled', 'in_progress')
            -- a visit lasts at most a day, so only starts from a day before can overlap (keeps the index usable)
            and o.scheduled_for > s.scheduled_for - interval '1 day'
            and o.scheduled_for < s.scheduled_for + make_interval(mins => s.duration_minutes)
            and tstzrange(o.scheduled_for, o.scheduled_for + make_interval(mins => o.duration_minutes))
              && tstzrange(s.scheduled_for, s.scheduled_for + make_interval(mins => s.duration_minutes))) as overlaps
      from service_requests s join contacts c on c.id = s.contact_id
      where s.status in ('scheduled', 'in_progress', 'not_done')
        and ((s.scheduled_for >= $1 and s.scheduled_for < $2)
          or (s.technician_id is null and (s.scheduled_for is null or s.scheduled_for >= $1 - interval '30 days'))
          or s.needs_scheduling)
      order by s.scheduled_for nulls first, s.id limit 2000""";

  public Future<List<JsonObject>> window(OffsetDateTime from, OffsetDateTime to) {
    return pool.preparedQuery(WINDOW).execute(Tuple.of(from, to)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        OffsetDateTime at = r.getOffsetDateTime("scheduled_for");
        Long[] overlaps = r.getArrayOfLongs("overlaps");
        out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
            .put("status", r.getString("status")).put("scheduledFor", at == null ? null : at.toInstant().toString())
            .put("durationMinutes", r.getInteger("duration_minutes")).put("technicianId", r.getLong("technician_id"))
            .put("address", r.getString("address")).put("notes", r.getString("notes"))
            .put("contactId", r.getLong("contact_id")).put("contactName", r.getString("contact_name"))
            .put("conflictsWith", new io.vertx.core.json.JsonArray(List.of((Object[]) overlaps))));
      }
      return out;
    });
  }
}
