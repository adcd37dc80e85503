package com.conecta.hub.messaging.reaction;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** SQL of the reaction jobs the ingest function writes (V140, R__ingest_function.sql). */
public final class ReactionStore {
  /**
   * Takes due jobs no one holds (SKIP LOCKED) and pushes their due time past the lease, so that a node that dies
   * holding them gives them back by time alone; returns what the reactions need to know about each message.
   */
  private static final String CLAIM = """
      with due as (
        select message_id from reaction_jobs
        where done_at is null and due_at <= now()
        order by due_at, message_id limit $2
        for update skip locked)
      update reaction_jobs j set claimed_by = $1, attempts = j.attempts + 1,
          due_at = now() + make_interval(secs => $3)
      from due, messages m, conversations c, contacts ct
      where j.message_id = due.message_id and m.id = j.message_id and c.id = m.conversation_id and ct.id = c.contact_id
      returning j.message_id, j.attempts, j.done_reactions, j.conversation_created, m.inbox_id, m.conversation_id,
          c.contact_id, ct.name, ct.phone, ct.email, m.content_type, m.text, m.attachments, m.content,
          m.provider_message_id, m.reply_to_provider_id, m.sent_at""";
  private static final String DONE = "delete from reaction_jobs where message_id = any($1) and claimed_by = $2";
  private static final String RETRY = """
      update reaction_jobs set done_reactions = $3, last_error = $4, claimed_by = null,
          due_at = now() + make_interval(secs => $5), done_at = case when $6 then now() end
      where message_id = $1 and claimed_by = $2""";

  private final Pool pool;

  public ReactionStore(Pool pool) {
    this.pool = pool;
  }

  /** A claimed job with the stored message it is about. */
  public record Job(long messageId, int attempts, Set<String> done, boolean conversationCreated, long inboxId,
      long conversationId, long contactId, String contactName, String contactPhone, String contactEmail,
      String contentType, String text, JsonArray attachments, JsonObject content, String providerMessageId,
      String replyTo, OffsetDateTime sentAt) {}

  public Future<List<Job>> claim(String node, int max, int leaseSeconds) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(node, max, leaseSeconds)).map(rows -> {
      List<Job> jobs = new ArrayList<>(rows.size());
      for (Row r : rows) {
        jobs.add(job(r));
      }
      return jobs;
    });
  }

  private static Job job(Row r) {
    String[] done = r.getArrayOfStrings("done_reactions");
    return new Job(r.getLong("message_id"), r.getInteger("attempts"), done == null ? Set.of() : Set.of(done),
        r.getBoolean("conversation_created"), r.getLong("inbox_id"), r.getLong("conversation_id"),
        r.getLong("contact_id"), r.getString("name"), r.getString("phone"), r.getString("email"),
        r.getString("content_type"), r.getString("text"), (JsonArray) r.getValue("attachments"),
        (JsonObject) r.getValue("content"), r.getString("provider_message_id"), r.getString("reply_to_provider_id"),
        r.getOffsetDateTime("sent_at"));
  }

  /** Ends the jobs whose reactions all ran (only while this node still holds them). */
  public Future<Void> done(List<Long> messageIds, String node) {
    if (messageIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(DONE).execute(Tuple.of(messageIds.toArray(Long[]::new), node)).mapEmpty();
  }

  /** Keeps what ran, and tries the rest again after {@code delaySeconds} — or never, when {@code giveUp}. */
  public Future<Void> retry(long messageId, String node, List<String> done, String error, int delaySeconds,
      boolean giveUp) {
    return pool.preparedQuery(RETRY).execute(Tuple.of(messageId, node, done.toArray(String[]::new),
        error == null ? null : error.length() > 500 ? error.substring(0, 500) : error, delaySeconds, giveUp)).mapEmpty();
  }
}
