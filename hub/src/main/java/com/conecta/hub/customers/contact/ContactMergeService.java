package com.conecta.hub.customers.contact;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Merging duplicate contacts (the same person who wrote by WhatsApp and by email, or a BSUID and a phone). */
public record ContactMergeService(ContactMergeStore store, CrudService contacts, AuditLog audit) {
  public Future<JsonObject> merge(Principal p, long survivorId, long mergedId) {
    if (survivorId == mergedId) {
      return Future.failedFuture(ApiError.invalid("mergeContactId", "a contact cannot be merged into itself"));
    }
    if (p.role() == com.conecta.hub.foundation.auth.Role.MARKETING) {
      return Future.failedFuture(ApiError.forbidden("marketing cannot merge contacts"));
    }
    return contacts.visible(p, survivorId)
        .compose(v -> contacts.visible(p, mergedId).recover(e -> Future.failedFuture(
            ApiError.invalid("mergeContactId", "no contact " + mergedId + " that you may see"))))
        .compose(v -> store.pool().withTransaction(conn -> store.merge(conn, survivorId, mergedId)
            .compose(done -> audit.record(conn, p.userId(), "contact.merge", "contact", String.valueOf(survivorId),
                new JsonObject().put("mergedContactId", mergedId)))))
        .compose(v -> contacts.get(p, survivorId));
  }
}
