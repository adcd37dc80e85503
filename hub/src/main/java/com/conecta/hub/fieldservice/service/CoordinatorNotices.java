package com.conecta.hub.fieldservice.service;

import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.operations.notify.NotificationStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

/** Tells the coordinators of a request's technician (in each one's language) that something needs them. */
public record CoordinatorNotices(ServiceStore store, NotificationStore notifications) {
  public Future<Void> tell(SqlClient tx, JsonObject r, String kind, String dedupe, String subjectEs, String bodyEs,
      String subjectEn, String bodyEn) {
    return store.coordinators(tx, r.getLong("technicianId")).compose(people -> {
      Future<Void> chain = Future.succeededFuture();
      for (ServiceStore.Person c : people) {
        boolean en = "en".equals(c.locale());
        Notification n = Notification.inApp(c.id(), kind, en ? subjectEn : subjectEs, en ? bodyEn : bodyEs,
            new JsonObject().put("serviceRequestId", r.getLong("id")), dedupe + ":" + c.id());
        chain = chain.compose(v -> notifications.enqueue(tx, n).mapEmpty());
      }
      return chain;
    });
  }
}
