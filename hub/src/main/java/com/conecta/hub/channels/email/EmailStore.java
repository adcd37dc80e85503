package com.conecta.hub.channels.email;

import com.conecta.hub.foundation.platform.FirstRow;
import com.conecta.hub.foundation.secrets.SecretSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL of the email channel: who reads which mailbox (leases), where reading stopped, and reply tokens. Channel secrets
 * in settings (IMAP and SMTP passwords) are sealed in the table and open only here, through {@code secrets}.
 */
public record EmailStore(Pool pool, SecretSettings secrets) {
  private static final String EMAIL_INBOXES =
      "select id, channel_account_id, settings from inboxes where channel = 'email' order by id";
  private static final String MERGE_SETTINGS = "update inboxes set settings = settings || $2 where id = $1";
  /** Takes the lease when it is free or expired, renews it when it is ours; answers a row only then. */
  private static final String CLAIM = """
      insert into email_mailboxes as b (inbox_id, lease_owner, lease_until)
      values ($1, $2, now() + make_interval(secs => $3))
      on conflict (inbox_id) do update set lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
        where b.lease_owner = excluded.lease_owner or b.lease_owner is null or b.lease_until < now()
      returning b.inbox_id""";
  private static final String CURSOR = """
      select uid_validity, last_uid from email_mailboxes
      where inbox_id = $1 and lease_owner = $2 and lease_until > now()""";
  /** Fenced by the lease: a node that lost it cannot move the cursor of the node that has it now. */
  private static final String SAVE_CURSOR = """
      update email_mailboxes set uid_validity = $3, last_uid = $4, read_at = now()
      where inbox_id = $1 and lease_owner = $2 and lease_until > now()""";
  private static final String RELEASE =
      "update email_mailboxes set lease_owner = null, lease_until = null where lease_owner = $1";
  private static final String RELEASE_ONE =
      "update email_mailboxes set lease_owner = null, lease_until = null where inbox_id = $1 and lease_owner = $2";
  /** A retried send finds the token of its first attempt, so its Message-ID does not change. */
  private static final String TOKEN = """
      insert into email_reply_tokens as t (token, message_id, conversation_id) values ($1, $2, $3)
      on conflict (message_id) do update set token = t.token returning t.token""";
  private static final String OUTBOUND = """
      select o.message_id, o.conversation_id, u.name as agent_name, ct.locale, ct.name as contact_name,
             (select m.content from messages m where m.conversation_id = o.conversation_id and m.direction = 'in'
                and m.content ? 'thread' order by m.id desc limit 1) as last_inbound,
             (select m.content->>'subject' from messages m where m.conversation_id = o.conversation_id
                and m.direction = 'in' and m.content ? 'subject' order by m.id limit 1) as subject
      from outbox o join messages om on om.id = o.message_id
        join conversations c on c.id = o.conversation_id join contacts ct on ct.id = c.contact_id
        left join users u on u.id = om.sender_user_id
      where o.idempotency_key = $1""";

  /** An email inbox as the reader needs it. */
  public record Mailbox(long inboxId, String address, JsonObject settings) {}

  /** Where reading a mailbox stopped. */
  public record Cursor(long uidValidity, long lastUid) {}

  /** What an outgoing email needs from its conversation. */
  public record Outbound(long messageId, long conversationId, String agentName, String locale, String contactName,
      JsonObject lastInbound, String subject) {}

  public Future<List<Mailbox>> emailInboxes() {
    return pool.query(EMAIL_INBOXES).execute().map(rows -> {
      List<Mailbox> out = new ArrayList<>();
      for (Row r : rows) {
        Object s = r.getValue("settings");
        out.add(new Mailbox(r.getLong("id"), r.getString("channel_account_id"), s instanceof JsonObject j ? secrets.open(j) : new JsonObject()));
      }
      return out;
    });
  }

  /** Adds or replaces settings keys of an inbox (the sandbox points its demo mailbox at its local server). */
  public Future<Void> mergeSettings(long inboxId, JsonObject settings) {
    return pool.preparedQuery(MERGE_SETTINGS).execute(Tuple.of(inboxId, secrets.seal(settings))).mapEmpty();
  }

  public Future<Boolean> claim(long inboxId, String node, int leaseSeconds) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(inboxId, node, (double) leaseSeconds)).map(rows -> rows.size() > 0);
  }

  /** The cursor, or null when this node does not hold the mailbox's lease. */
  public Future<Cursor> cursor(long inboxId, String node) {
    return pool.preparedQuery(CURSOR).execute(Tuple.of(inboxId, node))
        .map(rows -> FirstRow.orNull(rows, r -> new Cursor(r.getLong("uid_validity"), r.getLong("last_uid"))));
  }

  /** False when the lease was lost meanwhile: the cursor stays where the lease holder put it. */
  public Future<Boolean> saveCursor(long inboxId, String node, Cursor c) {
    return pool.preparedQuery(SAVE_CURSOR).execute(Tuple.of(inboxId, node, c.uidValidity(), c.lastUid()))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Void> release(String node) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(node)).mapEmpty();
  }

  public Future<Void> release(long inboxId, String node) {
    return pool.preparedQuery(RELEASE_ONE).execute(Tuple.of(inboxId, node)).mapEmpty();
  }

  public Future<String> replyToken(String candidate, long messageId, long conversationId) {
    return pool.preparedQuery(TOKEN).execute(Tuple.of(candidate, messageId, conversationId))
        .map(rows -> rows.iterator().next().getString("token"));
  }

  public Future<Outbound> outbound(String idempotencyKey) {
    return pool.preparedQuery(OUTBOUND).execute(Tuple.of(idempotencyKey)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      Object last = r.getValue("last_inbound");
      return new Outbound(r.getLong("message_id"), r.getLong("conversation_id"), r.getString("agent_name"),
          r.getString("locale"), r.getString("contact_name"), last instanceof JsonObject j ? j : null, r.getString("subject"));
    });
  }
}
