package com.conecta.hub.fieldservice.calendar;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A person's calendar items as an RFC 5545 VCALENDAR (ical4j writes the escaping and line folding): one VEVENT per
 * visit, activity and reminder, with a UID stable across reads so calendar apps update instead of duplicating.
 * {@code uidDomain}: the hub's host name, so UIDs are unique across installations.
 */
public record IcsCalendar(String uidDomain) {
  private static final Map<String, Map<String, String>> WORDS = Map.of(
      "es", Map.ofEntries(Map.entry("potential_client_visit", "Visita a cliente potencial"),
          Map.entry("technical_visit", "Visita técnica"), Map.entry("maintenance", "Mantención"),
          Map.entry("service_work", "Servicio / obra"), Map.entry("task", "Tarea"), Map.entry("call", "Llamada"),
          Map.entry("visit", "Visita"), Map.entry("meeting", "Reunión"), Map.entry("follow_up", "Seguimiento"),
          Map.entry("quote_followup", "Seguimiento de cotización"), Map.entry("calendar", "Calendario Conecta")),
      "en", Map.ofEntries(Map.entry("potential_client_visit", "Potential-client visit"),
          Map.entry("technical_visit", "Technical visit"), Map.entry("maintenance", "Maintenance"),
          Map.entry("service_work", "Service work"), Map.entry("task", "Task"), Map.entry("call", "Call"),
          Map.entry("visit", "Visit"), Map.entry("meeting", "Meeting"), Map.entry("follow_up", "Follow-up"),
          Map.entry("quote_followup", "Quote follow-up"), Map.entry("calendar", "Conecta calendar")));

  public String render(String ownerName, String locale, List<JsonObject> items) {
    Map<String, String> words = WORDS.get("en".equals(locale) ? "en" : "es");
    Calendar cal = new Calendar();
    cal.add(new ProdId("-//Conecta//Calendario//ES"));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    // Read by Google Calendar, Outlook and Apple Calendar as the subscribed calendar's name.
    cal.add(new XProperty("X-WR-CALNAME", words.get("calendar") + " · " + ownerName));
    for (JsonObject item : items) {
      cal.add(event(item, words));
    }
    return cal.toString();
  }

  private VEvent event(JsonObject item, Map<String, String> words) {
    String type = item.getString("type");
    String kind = words.getOrDefault(item.getString("kind"), item.getString("kind"));
    String title = item.getString("title");
    String summary = switch (type) {
      case "service_request" -> kind + (title == null ? "" : ": " + title);
      case "reminder" -> kind + " " + title + (item.getString("contactName") == null ? "" : " · " + item.getString("contactName"));
      default -> title;
    };
    VEvent e = new VEvent(Instant.parse(item.getString("start")), Instant.parse(item.getString("end")), summary);
    e.add(new Uid(type + "-" + item.getLong("id") + ("reminder".equals(type) ? "-" + item.getString("start") : "")
        + "@" + uidDomain));
    if (item.getString("location") != null) {
      e.add(new Location(item.getString("location")));
    }
    StringBuilder about = new StringBuilder();
    if (!"service_request".equals(type) && item.getString("contactName") != null) {
      about.append(item.getString("contactName"));
    }
    if (item.getString("notes") != null) {
      about.append(about.length() == 0 ? "" : "\n").append(item.getString("notes"));
    }
    if (about.length() > 0) {
      e.add(new Description(about.toString()));
    }
    return e;
  }
}
