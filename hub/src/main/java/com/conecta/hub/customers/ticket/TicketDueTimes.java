package com.conecta.hub.customers.ticket;

import com.conecta.hub.customers.crm.CrudExtension;
import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.operations.notify.NotificationStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tickets get a due time from their priority (configurable hours) unless one is given; an open ticket past it is
 * {@code overdue: true} in the API and listable with {@code overdue=true}; its owner is reminded once per due time.
 */
public final class TicketDueTimes implements CrudExtension {
  private static final Set<String> CLOSED = Set.of("resolved", "closed");
  private final TicketStore store;
  private final NotificationStore notifications;
  private final Map<String, Integer> dueHours;

  public TicketDueTimes(TicketStore store, NotificationStore notifications, Map<String, Integer> dueHours) {
    this.store = store;
    this.notifications = notifications;
    this.dueHours = Map.copyOf(dueHours);
  }

  @Override
  public Future<JsonObject> afterWrite(JsonObject row, JsonObject body, boolean creating) {
    boolean priorityChanged = !creating && body.containsKey("priority");
    if (body.getValue("dueAt") != null || !(creating || priorityChanged)) {
      return Future.succeededFuture(row);
    }
    Integer hours = dueHours.get(row.getString("priority", "normal"));
    return store.setDue(row.getLong("id"), hours).map(due -> row.put("dueAt", due == null ? null : due.toInstant().toString()));
  }

  @Override
  public JsonObject decorate(JsonObject row) {
    String due = row.getString("dueAt");
    return row.put("overdue", due != null && !CLOSED.contains(row.getString("status"))
        && Instant.parse(due).isBefore(Instant.now()));
  }

  @Override
  public Future<Condition> filter(String param, String value) {
    if (!"overdue".equals(param)) {
      return null;
    }
    String cond = "t.due_at < now() and t.status not in ('resolved', 'closed')";
    return switch (value) {
      case "true" -> Future.succeededFuture(new Condition(cond, List.of()));
      case "false" -> Future.succeededFuture(new Condition("not coalesce(" + cond + ", false)", List.of()));
      default -> Future.failedFuture(com.conecta.hub.foundation.web.ApiError.badRequest("invalid_parameter",
          "'overdue' must be true or false", "overdue"));
    };
  }

  /** One pass: reminds each owner of each newly overdue ticket; safe on every node at once (dedupe key). */
  public Future<Integer> remindOverdue() {
    return store.pool().withTransaction(tx -> store.overdueUnreminded(tx, 200).compose(list -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (TicketStore.Overdue t : list) {
        boolean en = "en".equals(t.locale());
        String subject = en ? "Overdue ticket #" + t.id() : "Ticket #" + t.id() + " vencido";
        String body = en ? "Ticket #" + t.id() + " (" + t.subject() + ", priority " + t.priority() + ") was due at "
            + t.dueAt().toInstant() + " and is still open."
            : "El ticket #" + t.id() + " (" + t.subject() + ", prioridad " + t.priority() + ") venció el "
                + t.dueAt().toInstant() + " y sigue abierto.";
        Notification n = Notification.inApp(t.ownerId(), "ticket_overdue", subject, body,
            new JsonObject().put("ticketId", t.id()).put("dueAt", t.dueAt().toInstant().toString()),
            "ticket-overdue:" + t.id() + ":" + t.dueAt().toEpochSecond());
        chain = chain.compose(sent -> notifications.enqueue(tx, n).map(id -> id == null ? sent : sent + 1));
      }
      return chain;
    }));
  }
}
