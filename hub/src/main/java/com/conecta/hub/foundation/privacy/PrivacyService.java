package com.conecta.hub.foundation.privacy;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.channels.media.MediaStorage;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A person's rights over their data: a copy of everything held on them, and its erasure. Both are audited. */
public record PrivacyService(PrivacyStore store, MediaStorage media, AuditLog audit) {
  private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);

  public Future<JsonObject> export(Principal p, long contactId) {
    return store.export(contactId).compose(data -> {
      if (data == null) {
        return Future.failedFuture(ApiError.notFound("contact " + contactId));
      }
      return audit.record(store.pool(), p.userId(), "contact.export", "contact", String.valueOf(contactId),
              new JsonObject().put("conversations", data.getJsonArray("conversations").size()))
          .map(v -> data.put("exportedAt", Instant.now().toString()).put("contactId", contactId));
    });
  }

  /**
   * Erases the contact in one transaction; the stored files go after it commits (a file left behind by a crash is
   * unreachable: its row and every reference to its key are gone).
   */
  public Future<JsonObject> erase(Principal p, long contactId, String reason) {
    return store.pool().withTransaction(conn -> store.erase(conn, contactId).compose(erased -> {
      if (erased == null) {
        return Future.failedFuture(ApiError.notFound("contact " + contactId));
      }
      JsonObject summary = new JsonObject().put("contactId", contactId).put("conversations", erased.conversations())
          .put("messages", erased.messages()).put("leads", erased.leads()).put("tickets", erased.tickets())
          .put("files", erased.mediaKeys().size()).put("alreadyErased", erased.alreadyErased());
      JsonObject details = summary.copy();
      if (reason != null) {
        details.put("reason", reason);
      }
      return audit.record(conn, p.userId(), "contact.erase", "contact", String.valueOf(contactId), details)
          .map(v -> new Result(summary, erased.mediaKeys()));
    })).compose(result -> deleteFiles(result.mediaKeys()).map(result.summary()));
  }

  private record Result(JsonObject summary, List<String> mediaKeys) {}

  private Future<Void> deleteFiles(List<String> keys) {
    Future<Void> chain = Future.succeededFuture();
    for (String key : keys) {
      chain = chain.compose(v -> media.delete(key).recover(e -> {
        log.warn("erasure: stored file {} could not be deleted: {}", key, e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain;
  }
}
