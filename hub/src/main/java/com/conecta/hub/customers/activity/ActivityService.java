package com.conecta.hub.customers.activity;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.operations.notify.NotificationStore;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Reminders before activities are due, the calendar of a person or team, and a customer's timeline. */
public final class ActivityService {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");
  private static final ZoneId ZONE = ZoneId.of("America/Santiago");
  private final ActivityStore store;
  private final NotificationStore notifications;
  private final CrudService contacts;
  private final int reminderMinutes;
  private final List<String> channels;

  public ActivityService(ActivityStore store, NotificationStore notifications, CrudService contacts,
      int reminderMinutes, List<String> channels) {
    this.store = store;
    this.notifications = notifications;
    this.contacts = contacts;
    this.reminderMinutes = reminderMinutes;
    this.channels = List.copyOf(channels);
  }

  /** One pass: each owner is reminded once per activity and channel; safe on every node at once (dedupe keys). */
  public Future<Integer> remindDue() {
    if (channels.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return store.pool().withTransaction(tx -> store.dueSoon(tx, reminderMinutes, channels.get(0), 200).compose(list -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (ActivityStore.DueActivity a : list) {
        for (String channel : channels) {
          Notification n = reminder(a, channel);
          chain = chain.compose(sent -> notifications.enqueue(tx, n).map(id -> id == null ? sent : sent + 1));
        }
      }
      return chain;
    }));
  }

  private static Notification reminder(ActivityStore.DueActivity a, String channel) {
    boolean en = "en".equals(a.locale());
    String when = a.dueAt().atZoneSameInstant(ZONE).format(WHEN);
    String subject = en ? "Reminder: " + a.title() : "Recordatorio: " + a.title();
    String body = en ? a.ownerName() + ", reminder: " + a.title() + " (" + when + ")."
        : a.ownerName() + ", recordatorio: " + a.title() + " (" + when + ").";
    String key = "activity-due:" + a.id() + ":" + a.dueAt().toEpochSecond() + ":" + channel;
    JsonObject payload = new JsonObject().put("activityId", a.id()).put("dueAt", a.dueAt().toInstant().toString());
    if ("whatsapp".equals(channel)) {
      payload.put("template", new JsonObject().put("name", "recordatorio_actividad").put("language", en ? "en" : "es")
          .put("params", new JsonArray().add(a.ownerName()).add(a.title()).add(when)));
    }
    return new Notification(a.ownerId(), null, channel, "activity_due", subject, body, null, payload, key);
  }

  /** Activities and scheduled visits between from and to of one person (default: me) or one team. */
  public Future<List<JsonObject>> calendar(Principal p, OffsetDateTime from, OffsetDateTime to, Long userId, Long teamId) {
    if (!to.isAfter(from) || Duration.between(from, to).toDays() > 92) {
      throw ApiError.badRequest("invalid_parameter", "'to' must be after 'from', at most 92 days later", "to");
    }
    if (userId != null && teamId != null) {
      throw ApiError.badRequest("invalid_parameter", "give userId or teamId, not both", "teamId");
    }
    if (teamId != null) {
      if (p.role() != Role.ADMIN && !p.teamIds().contains(teamId)) {
        return Future.failedFuture(ApiError.notFound("team " + teamId));
      }
      return store.teamMembers(teamId).compose(ids -> store.calendar(ids, from, to));
    }
    long who = userId == null ? p.userId() : userId;
    if (who == p.userId() || p.role() == Role.ADMIN) {
      return store.calendar(List.of(who), from, to);
    }
    // an agent sees the calendar of people in their own teams
    return Future.all(p.teamIds().stream().map(store::teamMembers).toList()).compose(all -> {
      boolean mate = all.<List<Long>>list().stream().anyMatch(ids -> ids.contains(who));
      return mate ? store.calendar(List.of(who), from, to) : Future.failedFuture(ApiError.notFound("user " + who));
    });
  }

  /** Conversations, activities, tickets and service requests of a contact, newest first. */
  public Future<List<JsonObject>> timeline(Principal p, long contactId, int limit) {
    return contacts.visible(p, contactId).compose(v -> store.timeline(contactId, p.inboxFilter(),
        p.role() != Role.MARKETING, limit));
  }
}
