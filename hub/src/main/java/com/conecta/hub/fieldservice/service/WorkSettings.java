package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.config.ConfigException;
import com.conecta.hub.foundation.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of service work, ticket due times and activity reminders (block {@code service-work} of conecta.yaml),
 * read once at start; a bad value stops the start naming the key.
 *
 * @param atRiskHours how long a seller has to correct an at-risk work order before a coordinator may cancel it
 * @param ticketDueHours hours from creation to a ticket's due time, per priority
 * @param activityReminderMinutes how long before an activity's due time its owner is reminded
 * @param activityReminderChannels in_app, email, whatsapp (the owner's phone, template recordatorio_actividad)
 */
public record WorkSettings(int atRiskHours, long photoMaxBytes, int tickSeconds, Map<String, Integer> ticketDueHours,
    int activityReminderMinutes, List<String> activityReminderChannels) {

  public static WorkSettings from(JsonObject raw) {
    ConfigReader r = new ConfigReader(raw);
    Map<String, Integer> hours = new LinkedHashMap<>();
    Map<String, Integer> defaults = Map.of("urgent", 4, "high", 8, "normal", 24, "low", 72);
    for (String p : List.of("urgent", "high", "normal", "low")) {
      hours.put(p, r.intInRange("service-work.ticket-due-hours." + p, defaults.get(p), 1, 24 * 365));
    }
    String channels = r.string("service-work.activity-reminder-channels", "in_app,email");
    List<String> list = java.util.Arrays.stream(channels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String ch : list) {
      if (!Set.of("in_app", "email", "whatsapp").contains(ch)) {
        throw new ConfigException("service-work.activity-reminder-channels",
            "takes in_app, email and whatsapp separated by commas, was '" + channels + "'");
      }
    }
    return new WorkSettings(r.intInRange("service-work.at-risk-hours", 2, 1, 24 * 30),
        r.longInRange("service-work.photo-max-bytes", 10L * 1024 * 1024, 1024, 100L * 1024 * 1024),
        r.intInRange("service-work.tick-seconds", 30, 1, 3600), Map.copyOf(hours),
        r.intInRange("service-work.activity-reminder-minutes", 30, 0, 7 * 24 * 60), List.copyOf(list));
  }
}
