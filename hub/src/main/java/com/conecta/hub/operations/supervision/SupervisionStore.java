package com.conecta.hub.operations.supervision;

import com.conecta.hub.foundation.platform.FirstRow;
import com.conecta.hub.foundation.secrets.SecretSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** SQL for the supervisor's views: a team's people and their load, its waiting queue, inbox settings. */
public record SupervisionStore(Pool pool, SecretSettings secrets) {
  private static final String TEAM = "select id, name from teams where id = $1";
  private static final String IS_SUPERVISOR =
      "select exists (select 1 from team_members where team_id = $1 and user_id = $2 and supervisor)";
  private static final String AGENTS = """
      select u.id, u.name, u.role, u.availability, u.last_seen_at, u.max_open_conversations, m.supervisor,
             (u.availability = 'online' and u.last_seen_at > now() - make_interval(secs => $2)) as online,
             (select count(*) from conversations c where c.assignee_id = u.id and c.status in ('open', 'pending')) as open_total
      from team_members m join users u on u.id = m.user_id
      where m.team_id = $1 and u.active order by u.name, u.id""";
  /** Waiting for a person as the conversation_waiting view defines it (V110), assigned or not, oldest first. */
  private static final String WAITING = """
      select c.id, c.inbox_id, c.priority, ct.name as contact_name, ct.phone as contact_phone, u.name as assignee_name,
             w.waiting_since as since, extract(epoch from now() - w.waiting_since)::bigint as age_seconds
      from conversation_waiting w join conversations c on c.id = w.conversation_id
      join contacts ct on ct.id = c.contact_id left join users u on u.id = c.assignee_id
      where w.team_id = $1 and w.state = 'waiting'
      order by since, c.id limit 200""";
  private static final String INBOX_SETTINGS = "select id, name, channel, team_id, settings from inboxes where id = $1";
  private static final String SAVE_SETTINGS =
      "update inboxes set settings = $2, name = coalesce($3, name), team_id = $4 where id = $1";

  private static final String HISTORY = """
      select c.id, c.inbox_id, i.name as inbox_name, i.channel, c.status, c.assignee_id, c.last_activity_at,
             c.last_message_preview, c.created_at
      from conversations c join inboxes i on i.id = c.inbox_id
      where c.contact_id = $1 and ($2::bigint[] is null or c.inbox_id = any($2))
      order by c.last_activity_at desc, c.id desc limit 50""";

  private static final String USER_EXISTS = "select exists (select 1 from users where id = $1)";
  private static final String SET_CAPACITY = "update users set max_open_conversations = $2 where id = $1";
  private static final String LEAVE_TEAMS = "delete from team_members where user_id = $1 and not (team_id = any($2))";
  private static final String JOIN_TEAMS = """
      insert into team_members (team_id, user_id) select t, $1 from unnest($2::bigint[]) t
      where exists (select 1 from teams where id = t) on conflict do nothing""";

  private static final String SENDING_INBOXES = """
      select id, name, channel, settings->>'displayPhoneNumber' as display from inboxes
      where channel in ('whatsapp', 'twilio') order by id""";

  /** Channel secrets in settings are sealed in the table and open only here. */

  public Future<JsonObject> team(long id) {
    return pool.preparedQuery(TEAM).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null
        : new JsonObject().put("id", rows.iterator().next().getLong("id")).put("name", rows.iterator().next().getString("name")));
  }

  public Future<Boolean> isSupervisor(long teamId, long userId) {
    return pool.preparedQuery(IS_SUPERVISOR).execute(Tuple.of(teamId, userId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<JsonArray> agents(long teamId, int presenceSeconds) {
    return pool.preparedQuery(AGENTS).execute(Tuple.of(teamId, presenceSeconds)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        var seen = r.getOffsetDateTime("last_seen_at");
        out.add(new JsonObject().put("userId", r.getLong("id")).put("name", r.getString("name"))
            .put("role", r.getString("role")).put("supervisor", r.getBoolean("supervisor"))
            .put("availability", Boolean.TRUE.equals(r.getBoolean("online")) ? "online"
                : "online".equals(r.getString("availability")) ? "offline" : r.getString("availability"))
            .put("lastSeenAt", seen == null ? null : seen.toInstant().toString())
            .put("openConversations", r.getLong("open_total"))
            .put("capacity", r.getInteger("max_open_conversations")));
      }
      return out;
    });
  }

  public Future<JsonArray> waiting(long teamId) {
    return pool.preparedQuery(WAITING).execute(Tuple.of(teamId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("conversationId", r.getLong("id")).put("inboxId", r.getLong("inbox_id"))
            .put("priority", r.getString("priority")).put("contactName", r.getString("contact_name"))
            .put("contactPhone", r.getString("contact_phone")).put("assigneeName", r.getString("assignee_name"))
            .put("waitingSince", r.getOffsetDateTime("since").toInstant().toString())
            .put("ageSeconds", r.getLong("age_seconds")));
      }
      return out;
    });
  }

  public Future<JsonObject> inbox(long id) {
    return pool.preparedQuery(INBOX_SETTINGS).execute(Tuple.of(id)).map(rows -> FirstRow.orNull(rows, r -> {
      Object settings = r.getValue("settings");
      return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
          .put("channel", r.getString("channel")).put("teamId", r.getLong("team_id"))
          .put("settings", settings instanceof JsonObject s ? secrets.open(s) : new JsonObject());
    }));
  }

  public Future<Void> saveInbox(long id, String name, Long teamId, JsonObject settings) {
    return pool.preparedQuery(SAVE_SETTINGS).execute(Tuple.of(id, secrets.seal(settings), name, teamId)).mapEmpty();
  }


  public Future<JsonArray> history(long contactId, Long[] inboxFilter) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(contactId, (Object) inboxFilter)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("inboxId", r.getLong("inbox_id"))
            .put("inboxName", r.getString("inbox_name")).put("channel", r.getString("channel"))
            .put("status", r.getString("status")).put("assigneeId", r.getLong("assignee_id"))
            .put("lastActivityAt", r.getOffsetDateTime("last_activity_at").toInstant().toString())
            .put("lastMessagePreview", r.getString("last_message_preview"))
            .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()));
      }
      return out;
    });
  }

  public Future<Boolean> userExists(long id) {
    return pool.preparedQuery(USER_EXISTS).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Capacity and team membership in one transaction; a null list leaves the teams as they are. */
  public Future<Void> updateUser(long id, boolean capacityGiven, Integer capacity, Long[] teamIds) {
    return pool.withTransaction(conn -> {
      Future<Void> f = capacityGiven
          ? conn.preparedQuery(SET_CAPACITY).execute(Tuple.of(id, capacity)).mapEmpty() : Future.succeededFuture();
      if (teamIds != null) {
        f = f.compose(v -> conn.preparedQuery(LEAVE_TEAMS).execute(Tuple.of(id, (Object) teamIds)))
            .compose(v -> conn.preparedQuery(JOIN_TEAMS).execute(Tuple.of(id, (Object) teamIds))).mapEmpty();
      }
      return f;
    });
  }

  public Future<JsonArray> sendingInboxes() {
    return pool.query(SENDING_INBOXES).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
            .put("channel", r.getString("channel")).put("displayPhoneNumber", r.getString("display")));
      }
      return out;
    });
  }
}
