package com.conecta.hub.operations.notify;

import io.vertx.core.json.JsonObject;

/**
 * One message to one of the hub's own people. {@code channel} is in_app, email or whatsapp; {@code userId} names the
 * recipient when they are a user (their email/phone is looked up when sending), {@code toAddress} otherwise.
 * {@code dedupeKey}, when set, makes the notification go out at most once (e.g. "activity-due:42").
 * For whatsapp, {@code payload} carries {"template": {"name", "language", "params": [...]}}.
 */
public record Notification(Long userId, String toAddress, String channel, String kind, String subject, String body,
    String htmlBody, JsonObject payload, String dedupeKey) {

  public static Notification inApp(long userId, String kind, String subject, String body, JsonObject payload,
      String dedupeKey) {
    return new Notification(userId, null, "in_app", kind, subject, body, null, payload, dedupeKey);
  }

  public static Notification email(Long userId, String toAddress, String kind, String subject, String body,
      String htmlBody, String dedupeKey) {
    return new Notification(userId, toAddress, "email", kind, subject, body, htmlBody, new JsonObject(), dedupeKey);
  }
}
