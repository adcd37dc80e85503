package com.conecta.hub.operations.notify;

import com.conecta.hub.operations.assignment.AssignmentService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * Tells an agent in the app (the inbox's bell) that a conversation was given to them — by round-robin, a supervisor
 * or a reassignment. Not when they took it themselves, not twice when the bot's hand-off notice already said so, and
 * not again while the last notice of the same conversation is unread.
 * Runs in the assignment's transaction, after the hand-off notifier.
 */
public record AssignmentNotices(
    AssignmentNoticeStore store,
    NotificationStore notifications) implements AssignmentService.AssignedHook {
  static final String KIND = "assignment";

  @Override
  public Future<Void> apply(SqlConnection conn, AssignmentService.Assigned a) {
    if ("taken".equals(a.reason())) {
      return Future.succeededFuture();
    }
    return store.context(conn, a.conversationId(), a.assigneeId()).compose(c -> {
      if (c == null || c.handedOff() || c.unreadNotice()) {
        return Future.succeededFuture();
      }
      boolean en = "en".equals(c.locale());
      String subject = (en ? "Conversation assigned to you: " : "Conversación asignada a usted: ") + c.contactName();
      String body = en ? c.contactName() + " in " + c.inboxName() + " is now yours."
          : c.contactName() + " en " + c.inboxName() + " ahora es suya.";
      JsonObject payload = new JsonObject().put("conversationId", a.conversationId()).put("inboxId", a.inboxId())
          .put("reason", a.reason()).put("contactName", c.contactName());
      // No dedupe key: each new assignment is news, even of a conversation the agent had before.
      return notifications.enqueue(conn, Notification.inApp(a.assigneeId(), KIND, subject, body, payload, null))
          .mapEmpty();
    });
  }
}
