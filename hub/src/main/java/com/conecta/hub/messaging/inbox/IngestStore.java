package com.conecta.hub.messaging.inbox;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.InboundMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL of the inbound path: the {@code conecta_ingest} function, called for a batch in one transaction. */
public final class IngestStore {
  private static final String INGEST =
      "select * from conecta_ingest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

  private final Pool pool;

  public IngestStore(Pool pool) {
    this.pool = pool;
  }

  /** One item of a batch: an inbound message already routed to its inbox. */
  public record Item(long inboxId, InboundMessage message) {}

  /** Ingests every item in one transaction (statements pipelined); fails whole if any item fails. */
  public Future<List<IngestResult>> ingestAll(List<Item> items) {
    return pool.withTransaction(conn -> {
      List<Future<IngestResult>> each = new ArrayList<>(items.size());
      for (Item item : items) {
        each.add(ingestOne(conn, item));
      }
      return Future.all(each).map(cf -> {
        List<IngestResult> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
          out.add(cf.resultAt(i));
        }
        return out;
      });
    });
  }

  private Future<IngestResult> ingestOne(SqlConnection conn, Item item) {
    return conn.preparedQuery(INGEST).execute(args(item)).map(rows -> {
      Row r = rows.iterator().next();
      return new IngestResult(item.inboxId(), r.getLong("message_id"), r.getLong("conversation_id"),
          r.getLong("contact_id"), r.getBoolean("created"), r.getBoolean("conversation_created"));
    });
  }

  private static Tuple args(Item item) {
    InboundMessage m = item.message();
    JsonArray identities = new JsonArray();
    for (ChannelIdentity id : m.sender().identities()) {
      identities.add(new JsonObject().put("kind", id.kind()).put("value", id.value()));
    }
    JsonArray attachments = new JsonArray();
    for (Attachment a : m.attachments()) {
      attachments.add(AttachmentJson.toJson(a));
    }
    OffsetDateTime sentAt = m.sentAt() == null ? null : m.sentAt().atOffset(ZoneOffset.UTC);
    return Tuple.tuple()
        .addLong(item.inboxId())
        .addValue(identities)
        .addString(m.sender().name())
        .addString(m.sender().phone())
        .addString(m.sender().email())
        .addString(m.providerMessageId())
        .addString(m.contentType().wire())
        .addString(m.text())
        .addValue(attachments)
        .addValue(m.content())
        .addOffsetDateTime(sentAt)
        .addString(m.replyToProviderMessageId());
  }
}
