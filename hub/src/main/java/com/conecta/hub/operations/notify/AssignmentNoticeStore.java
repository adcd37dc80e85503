package com.conecta.hub.operations.notify;

import com.conecta.hub.foundation.platform.FirstRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** What an assignment notice says: who the customer is, in which inbox, and the agent's language. */
public final class AssignmentNoticeStore {
  /**
   * handedOff: the bot's hand-off notice for this agent already went in the same transaction; unreadNotice: the agent
   * has not read the last notice of this conversation yet (given to them again, it is no news).
   */
  private static final String CONTEXT = """
      select coalesce(nullif(btrim(ct.name), ''), ct.phone, ct.email, '#' || ct.id) as contact_name, i.name as inbox_name,
             u.locale, exists (select 1 from notifications n
               where n.dedupe_key = 'bot-handoff:' || $1::bigint || ':' || $2::bigint || ':in_app')
             as handed_off,
             exists (select 1 from notifications n where n.user_id = $2 and n.kind = 'assignment' and n.read_at is null
                       and n.payload ->> 'conversationId' = $1::bigint::text) as unread_notice
      from conversations c join contacts ct on ct.id = c.contact_id join inboxes i on i.id = c.inbox_id
      join users u on u.id = $2
      where c.id = $1""";

  public record Context(String contactName, String inboxName, String locale, boolean handedOff, boolean unreadNotice) {}

  /** The conversation's context for the notice to this user, or null when the conversation is gone. */
  public Future<Context> context(SqlConnection conn, long conversationId, long userId) {
    return conn.preparedQuery(CONTEXT).execute(Tuple.of(conversationId, userId))
        .map(rows -> FirstRow.orNull(rows, r -> new Context(r.getString("contact_name"), r.getString("inbox_name"),
            r.getString("locale"), r.getBoolean("handed_off"), r.getBoolean("unread_notice"))));
  }
}
