package com.conecta.hub.customers.activity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL of activity reminders, the calendar and the customer timeline. */
public final class ActivityStore {
  /** Open activities due within the window whose owner was not reminded of this due time yet. */
  private static final String DUE_SOON = """
      select a.id, a.kind, a.title, a.due_at, a.owner_id, u.locale, u.name
      from activities a join users u on u.id = a.owner_id
      where not a.done and a.due_at is not null and a.due_at <= now() + make_interval(mins => $1)
        and a.due_at > now() - interval '1 day'
        and not exists (select 1 from notifications n
          where n.dedupe_key = 'activity-due:' || a.id || ':' || floor(extract(epoch from a.due_at))::bigint || ':' || $2)
      order by a.due_at limit $3""";
  private static final String TEAM_MEMBERS = "select user_id from team_members where team_id = $1";
  private static final String CALENDAR_ACTIVITIES = """
      select a.id, a.kind, a.title, a.notes, a.due_at, a.done, a.owner_id, a.contact_id, a.lead_id, a.ticket_id,
        a.opportunity_id, c.name as contact_name
      from activities a left join contacts c on c.id = a.contact_id
      where a.owner_id = any($1) and a.due_at >= $2 and a.due_at < $3 order by a.due_at, a.id limit 1000""";
  /** Visits are slots: a start and a length; one that began before the window but runs into it is shown too. */
  private static final String CALENDAR_SERVICE = """
      select s.id, s.kind, s.status, s.scheduled_for, s.duration_minutes, s.technician_id, s.contact_id, s.address,
        s.notes, c.name as contact_name
      from service_requests s join contacts c on c.id = s.contact_id
      where s.technician_id = any($1) and s.scheduled_for < $3
        and s.scheduled_for + make_interval(mins => s.duration_minutes) > $2
        and s.status <> 'cancelled' order by s.scheduled_for, s.id limit 1000""";
  /** A sent quote is followed up every N days until it is valid no more (as the quote follow-up job does). */
  private static final String CALENDAR_QUOTE_FOLLOW_UPS = """
      select q.id, q.number, q.contact_id, q.created_by, c.name as contact_name, f.at
      from quotes q join contacts c on c.id = q.contact_id
        cross join lateral generate_series(q.sent_at + make_interval(days => $4),
          least(q.valid_until::timestamptz + interval '1 day', $3), make_interval(days => $4)) as f(at)
      where q.status = 'sent' and q.created_by = any($1) and q.sent_at is not null and f.at >= $2 and f.at < $3
      order by f.at, q.id limit 1000""";
  private static final String TIMELINE = """
      select * from (
        select 'conversation' as type, c.id, c.created_at as at, c.status as state, null::text as kind,
          c.last_message_preview as title, c.inbox_id
        from conversations c where c.contact_id = $1 and ($2::bigint[] is null or c.inbox_id = any($2)) and $3
        union all
        select 'activity', a.id, coalesce(a.due_at, a.created_at), case when a.done then 'done' else 'open' end, a.kind,
          a.title, null from activities a where a.contact_id = $1
        union all
        select 'ticket', t.id, t.created_at, t.status, t.kind, t.subject, null from tickets t where t.contact_id = $1
        union all
        select 'service_request', s.id, coalesce(s.scheduled_for, s.created_at), s.status, s.kind, s.address, null
        from service_requests s where s.contact_id = $1
      ) x order by at desc, type, id desc limit $4""";

  public record DueActivity(long id, String kind, String title, OffsetDateTime dueAt, long ownerId, String locale,
      String ownerName) {}

  private final Pool pool;
  private final int quoteFollowUpDays;

  public ActivityStore(Pool pool) {
    this(pool, 3);
  }

  /** {@code quoteFollowUpDays}: the sales setting, so the calendar shows follow-ups when the job sends them. */
  public ActivityStore(Pool pool, int quoteFollowUpDays) {
    this.pool = pool;
    this.quoteFollowUpDays = quoteFollowUpDays;
  }

  public Pool pool() {
    return pool;
  }

  public Future<List<DueActivity>> dueSoon(SqlClient client, int minutes, String firstChannel, int limit) {
    return client.preparedQuery(DUE_SOON).execute(Tuple.of(minutes, firstChannel, limit)).map(rows -> {
      List<DueActivity> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new DueActivity(r.getLong("id"), r.getString("kind"), r.getString("title"), r.getOffsetDateTime("due_at"),
            r.getLong("owner_id"), r.getString("locale"), r.getString("name")));
      }
      return out;
    });
  }

  public Future<List<Long>> teamMembers(long teamId) {
    return pool.preparedQuery(TEAM_MEMBERS).execute(Tuple.of(teamId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  /**
   * Activities, visits and reminders of these people between from and to, by start. Every item has a type, a start
   * and an end (activities and reminders last 30 minutes), a title, and where known a contact, a place and notes.
   */
  public Future<List<JsonObject>> calendar(List<Long> users, OffsetDateTime from, OffsetDateTime to) {
    Long[] ids = users.toArray(Long[]::new);
    Future<List<JsonObject>> acts = pool.preparedQuery(CALENDAR_ACTIVITIES).execute(Tuple.of(ids, from, to))
        .map(rows -> rows(rows, r -> item("activity", r.getLong("id"), r.getString("kind"), r.getString("title"),
                r.getOffsetDateTime("due_at"), 30, r.getLong("owner_id"), r.getLong("contact_id"),
                r.getString("contact_name"))
            .put("notes", r.getString("notes")).put("done", r.getBoolean("done"))
            .put("leadId", r.getLong("lead_id")).put("ticketId", r.getLong("ticket_id"))
            .put("opportunityId", r.getLong("opportunity_id"))));
    Future<List<JsonObject>> visits = pool.preparedQuery(CALENDAR_SERVICE).execute(Tuple.of(ids, from, to))
        .map(rows -> rows(rows, r -> item("service_request", r.getLong("id"), r.getString("kind"),
                r.getString("contact_name"), r.getOffsetDateTime("scheduled_for"), r.getInteger("duration_minutes"),
                r.getLong("technician_id"), r.getLong("contact_id"), r.getString("contact_name"))
            .put("status", r.getString("status")).put("location", r.getString("address"))
            .put("notes", r.getString("notes"))));
    Future<List<JsonObject>> reminders = pool.preparedQuery(CALENDAR_QUOTE_FOLLOW_UPS)
        .execute(Tuple.of(ids, from, to, quoteFollowUpDays))
        .map(rows -> rows(rows, r -> item("reminder", r.getLong("id"), "quote_followup", r.getString("number"),
                r.getOffsetDateTime("at"), 30, r.getLong("created_by"), r.getLong("contact_id"),
                r.getString("contact_name"))
            .put("quoteId", r.getLong("id"))));
    return Future.all(acts, visits, reminders).map(all -> {
      List<JsonObject> out = new ArrayList<>(acts.result());
      out.addAll(visits.result());
      out.addAll(reminders.result());
      out.sort(java.util.Comparator.comparing((JsonObject j) -> j.getString("start")).thenComparing(j -> j.getString("type"))
          .thenComparing(j -> j.getLong("id")));
      return out;
    });
  }

  private static JsonObject item(String type, long id, String kind, String title, OffsetDateTime start, int minutes,
      Long userId, Long contactId, String contactName) {
    return new JsonObject().put("type", type).put("id", id).put("kind", kind).put("title", title)
        .put("start", start.toInstant().toString()).put("end", start.toInstant().plusSeconds(60L * minutes).toString())
        .put("userId", userId).put("contactId", contactId).put("contactName", contactName);
  }

  /** Newest first; {@code inboxes} null = every inbox; conversations only when {@code withConversations}. */
  public Future<List<JsonObject>> timeline(long contactId, Long[] inboxes, boolean withConversations, int limit) {
    return pool.preparedQuery(TIMELINE).execute(Tuple.of(contactId, inboxes, withConversations, limit))
        .map(rows -> rows(rows, r -> {
          JsonObject j = new JsonObject().put("type", r.getString("type")).put("id", r.getLong("id"))
              .put("at", r.getOffsetDateTime("at").toInstant().toString()).put("state", r.getString("state"))
              .put("kind", r.getString("kind")).put("title", r.getString("title"));
          if (r.getLong("inbox_id") != null) {
            j.put("inboxId", r.getLong("inbox_id"));
          }
          return j;
        }));
  }

  private static List<JsonObject> rows(RowSet<Row> rows, java.util.function.Function<Row, JsonObject> map) {
    List<JsonObject> out = new ArrayList<>();
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }
}
