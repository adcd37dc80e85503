package com.conecta.hub.operations.assignment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for assignment: presence, candidates with their load, the team lock, the durable cursor, the log. */
public final class AssignmentStore {
  /** Serialises assignment per team across every node, so that capacity and the cursor are never raced. */
  private static final String LOCK_TEAM = "select pg_advisory_xact_lock(7301, $1::int)";
  private static final String CONVERSATION = """
      select c.id, c.inbox_id, c.team_id, c.contact_id, c.assignee_id, c.status, i.settings
      from conversations c join inboxes i on i.id = c.inbox_id where c.id = $1 for update of c""";
  private static final String CANDIDATES = """
      select u.id, u.name, u.max_open_conversations,
             (select count(*) from conversations c where c.assignee_id = u.id and c.status in ('open', 'pending')) as open_total,
             (select count(*) from conversations c where c.assignee_id = u.id and c.inbox_id = $2
                and c.status in ('open', 'pending')) as open_inbox
      from team_members m join users u on u.id = m.user_id
      where m.team_id = $1 and u.active and u.role = 'agent' and u.availability = 'online'
        and u.last_seen_at > now() - make_interval(secs => $3)
      order by u.id""";
  private static final String LAST_ASSIGNEE = """
      select assignee_id from conversations where contact_id = $1 and team_id = $2 and assignee_id is not null
        and id <> $3 order by last_activity_at desc limit 1""";
  private static final String SET_ASSIGNEE = """
      update conversations set assignee_id = $2, assigned_at = case when $2::bigint is null then null else now() end
      where id = $1""";
  private static final String LOG = """
      insert into assignments (conversation_id, assignee_id, previous_assignee_id, reason, by_user_id)
      values ($1, $2, $3, $4, $5)""";
  private static final String CURSOR = "select rr_last_user_id from teams where id = $1";
  private static final String SAVE_CURSOR = "update teams set rr_last_user_id = $2 where id = $1";
  /**
   * A conversation the bot is still qualifying is not waiting for a person (the bot hands it off itself); one the
   * customer left half-way through the bot's questions joins the queue after 30 minutes.
   */
  private static final String BOT_BUSY = """
      exists (select 1 from bot_sessions b where b.conversation_id = conversations.id and b.status = 'active'
              and b.updated_at > now() - interval '30 minutes')""";
  private static final String WAITING = """
      select id from conversations where team_id = $1 and assignee_id is null and status = 'open' and not %s
      order by created_at, id limit $2""".formatted(BOT_BUSY);
  private static final String TEAMS_WAITING = """
      select distinct team_id from conversations where assignee_id is null and status = 'open' and team_id is not null
        and not %s""".formatted(BOT_BUSY);
  private static final String OVERDUE_FIRST_REPLY = """
      select c.id from conversations c join inboxes i on i.id = c.inbox_id
      where c.status = 'open' and c.assignee_id is not null and c.first_reply_at is null
        and i.settings ? 'firstReplyMinutes'
        and c.assigned_at < now() - make_interval(mins => (i.settings->>'firstReplyMinutes')::int)
      order by c.assigned_at limit 100""";
  private static final String HEARTBEAT = """
      with old as (select availability, last_seen_at from users where id = $1)
      update users set availability = $2, last_seen_at = now() where id = $1
      returning (select availability from old) as old_availability, (select last_seen_at from old) as old_seen""";
  private static final String EXPIRE_PRESENCE = """
      update users set availability = 'offline'
      where availability <> 'offline' and (last_seen_at is null or last_seen_at < now() - make_interval(secs => $1))
      returning id""";
  private static final String OPEN_OF = """
      select id from conversations where assignee_id = $1 and status in ('open', 'pending') order by id""";
  private static final String TEAMS_OF = "select team_id from team_members where user_id = $1";
  private static final String SUPERVISORS = "select user_id from team_members where team_id = $1 and supervisor";
  private static final String PRESENCE = """
      select u.id, u.name, u.role, u.availability, u.last_seen_at, u.max_open_conversations,
             (select count(*) from conversations c where c.assignee_id = u.id and c.status in ('open', 'pending')) as open_total,
             array(select team_id from team_members m where m.user_id = u.id order by team_id) as team_ids
      from users u where u.active and u.role <> 'marketing' order by u.id""";
  private static final String HISTORY = """
      select id, assignee_id, previous_assignee_id, reason, by_user_id, at from assignments
      where conversation_id = $1 order by id""";

  private static final String LEAD_CANDIDATES = """
      select u.id, u.name, u.max_open_conversations, 0::bigint as open_total, 0::bigint as open_inbox
      from team_members m join users u on u.id = m.user_id
      where m.team_id = $1 and u.active and u.role = 'agent' and u.availability = 'online'
        and u.last_seen_at > now() - make_interval(secs => $2)
      order by u.id""";
  private static final String SET_LEAD_OWNER = "update leads set assignee_id = $2, updated_at = now() where id = $1 and assignee_id is null";

  public Future<List<Candidate>> leadCandidates(SqlConnection conn, long teamId, int presenceSeconds) {
    return conn.preparedQuery(LEAD_CANDIDATES).execute(Tuple.of(teamId, presenceSeconds)).map(rows -> {
      List<Candidate> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Candidate(r.getLong("id"), r.getString("name"), null, 0, 0)));
      return out;
    });
  }

  public Future<Boolean> setLeadOwner(SqlConnection conn, long leadId, long userId) {
    return conn.preparedQuery(SET_LEAD_OWNER).execute(Tuple.of(leadId, userId)).map(rows -> rows.rowCount() > 0);
  }

  private final Pool pool;

  public AssignmentStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public record Conversation(long id, long inboxId, Long teamId, long contactId, Long assigneeId, String status,
      JsonObject inboxSettings) {}

  public record Candidate(long userId, String name, Integer maxOpen, long openTotal, long openInInbox) {}

  public Future<Void> lockTeam(SqlConnection conn, long teamId) {
    return conn.preparedQuery(LOCK_TEAM).execute(Tuple.of(teamId)).mapEmpty();
  }

  public Future<Conversation> conversation(SqlConnection conn, long id) {
    return conn.preparedQuery(CONVERSATION).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      Object s = r.getValue("settings");
      return new Conversation(r.getLong("id"), r.getLong("inbox_id"), r.getLong("team_id"), r.getLong("contact_id"),
          r.getLong("assignee_id"), r.getString("status"), s instanceof JsonObject j ? j : new JsonObject());
    });
  }

  public Future<Long> teamOf(long conversationId) {
    return pool.preparedQuery("select team_id from conversations where id = $1").execute(Tuple.of(conversationId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public Future<List<Candidate>> candidates(SqlConnection conn, long teamId, long inboxId, int presenceSeconds) {
    return conn.preparedQuery(CANDIDATES).execute(Tuple.of(teamId, inboxId, presenceSeconds)).map(rows -> {
      List<Candidate> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Candidate(r.getLong("id"), r.getString("name"), r.getInteger("max_open_conversations"),
          r.getLong("open_total"), r.getLong("open_inbox"))));
      return out;
    });
  }

  public Future<Long> lastAssignee(SqlConnection conn, long contactId, long teamId, long exceptConversation) {
    return conn.preparedQuery(LAST_ASSIGNEE).execute(Tuple.of(contactId, teamId, exceptConversation))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public Future<Void> setAssignee(SqlConnection conn, long conversationId, Long userId, Long previous, String reason,
      Long byUserId) {
    return conn.preparedQuery(SET_ASSIGNEE).execute(Tuple.of(conversationId, userId))
        .compose(v -> conn.preparedQuery(LOG).execute(Tuple.of(conversationId, userId, previous, reason, byUserId)))
        .mapEmpty();
  }

  public Future<Long> durableCursor(SqlConnection conn, long teamId) {
    return conn.preparedQuery(CURSOR).execute(Tuple.of(teamId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public Future<Void> saveDurableCursor(SqlConnection conn, long teamId, long userId) {
    return conn.preparedQuery(SAVE_CURSOR).execute(Tuple.of(teamId, userId)).mapEmpty();
  }

  public Future<List<Long>> waiting(long teamId, int limit) {
    return ids(pool.preparedQuery(WAITING).execute(Tuple.of(teamId, limit)));
  }

  public Future<List<Long>> teamsWithWaiting() {
    return ids(pool.query(TEAMS_WAITING).execute());
  }

  public Future<List<Long>> overdueFirstReply() {
    return ids(pool.query(OVERDUE_FIRST_REPLY).execute());
  }

  public record Heartbeat(String oldAvailability, boolean wasFresh) {}

  public Future<Heartbeat> heartbeat(long userId, String availability, int presenceSeconds) {
    return pool.preparedQuery(HEARTBEAT).execute(Tuple.of(userId, availability)).map(rows -> {
      Row r = rows.iterator().next();
      var seen = r.getOffsetDateTime("old_seen");
      boolean fresh = seen != null && seen.toInstant().isAfter(java.time.Instant.now().minusSeconds(presenceSeconds));
      return new Heartbeat(r.getString("old_availability"), fresh);
    });
  }

  public Future<List<Long>> expirePresence(int presenceSeconds) {
    return ids(pool.preparedQuery(EXPIRE_PRESENCE).execute(Tuple.of(presenceSeconds)));
  }

  public Future<List<Long>> openConversationsOf(long userId) {
    return ids(pool.preparedQuery(OPEN_OF).execute(Tuple.of(userId)));
  }

  public Future<List<Long>> teamsOf(long userId) {
    return ids(pool.preparedQuery(TEAMS_OF).execute(Tuple.of(userId)));
  }

  public Future<List<Long>> supervisors(long teamId) {
    return ids(pool.preparedQuery(SUPERVISORS).execute(Tuple.of(teamId)));
  }

  public Future<List<JsonObject>> presence() {
    return pool.query(PRESENCE).execute().map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        var seen = r.getOffsetDateTime("last_seen_at");
        out.add(new JsonObject().put("userId", r.getLong("id")).put("name", r.getString("name"))
            .put("role", r.getString("role")).put("availability", r.getString("availability"))
            .put("lastSeenAt", seen == null ? null : seen.toInstant().toString())
            .put("maxOpenConversations", r.getInteger("max_open_conversations"))
            .put("openConversations", r.getLong("open_total"))
            .put("teamIds", new io.vertx.core.json.JsonArray(java.util.Arrays.asList(r.getArrayOfLongs("team_ids")))));
      }
      return out;
    });
  }

  public Future<List<JsonObject>> history(long conversationId) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(conversationId)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("assigneeId", r.getLong("assignee_id"))
            .put("previousAssigneeId", r.getLong("previous_assignee_id")).put("reason", r.getString("reason"))
            .put("byUserId", r.getLong("by_user_id")).put("at", r.getOffsetDateTime("at").toInstant().toString()));
      }
      return out;
    });
  }

  private static Future<List<Long>> ids(Future<io.vertx.sqlclient.RowSet<Row>> rows) {
    return rows.map(rs -> {
      List<Long> out = new ArrayList<>();
      rs.forEach(r -> out.add(r.getLong(0)));
      return out;
    });
  }
}
