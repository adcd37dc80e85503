package com.conecta.hub.operations.report;

import com.conecta.hub.foundation.config.ReportSettings;
import com.conecta.hub.operations.notify.Notification;
import com.conecta.hub.operations.notify.NotificationStore;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every team supervisor's weekly summary email: last week's figures for their team, from the templates catalogue
 * (es/en by the supervisor's language), queued as a notification once per supervisor, team and week (the dedupe
 * key), so any number of nodes may run the pass.
 */
public final class WeeklySummary {
  private final ReportService reports;
  private final ReportStore store;
  private final NotificationStore notifications;
  private final Pool pool;
  private final Clock clock;
  private final String reportsUrl;
  private final Map<String, Template> templates = new HashMap<>();

  public WeeklySummary(ReportService reports, ReportStore store, NotificationStore notifications, Pool pool,
      Clock clock, String publicBaseUrl) {
    this.reports = reports;
    this.store = store;
    this.notifications = notifications;
    this.pool = pool;
    this.clock = clock;
    this.reportsUrl = publicBaseUrl + "/reports.html";
    for (String lang : List.of("es", "en")) {
      for (String kind : List.of("txt", "html")) {
        templates.put(lang + "." + kind, Mustache.compiler().escapeHTML(kind.equals("html"))
            .compile(read("templates/email/weekly-summary-" + lang + "." + kind + ".mustache")));
      }
    }
  }

  private static String read(String resource) {
    try (InputStream in = WeeklySummary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the templates catalogue");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The periodic pass: once the configured day and hour of this week have come, sends last week's summaries. */
  public Future<Integer> tick() {
    ReportSettings s = reports.settings();
    if (!s.weeklySummary()) {
      return Future.succeededFuture(0);
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(s.zone()));
    ZonedDateTime due = now.toLocalDate().with(TemporalAdjusters.previousOrSame(s.summaryDay()))
        .atTime(s.summaryHour(), 0).atZone(s.zone());
    return now.isBefore(due) ? Future.succeededFuture(0) : sendLastWeek();
  }

  /** Queues last week's summary for every supervisor who has not had it; answers how many were queued. */
  public Future<Integer> sendLastWeek() {
    LocalDate thisMonday = reports.today().with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    LocalDate weekStart = thisMonday.minusWeeks(1);
    LocalDate weekEnd = thisMonday.minusDays(1);
    String weekKey = weekStart.toString();
    return store.summaryRecipients(weekKey).compose(rows -> {
      List<Future<Boolean>> sends = new ArrayList<>();
      for (Row r : rows) {
        sends.add(sendOne(r, weekStart, weekEnd, weekKey));
      }
      return Future.all(sends).map(all -> (int) all.<Boolean>list().stream().filter(b -> b).count());
    });
  }

  private Future<Boolean> sendOne(Row r, LocalDate weekStart, LocalDate weekEnd, String weekKey) {
    long team = r.getLong("team_id");
    ReportFilter week = new ReportFilter(weekStart, weekEnd, reports.settings().zone(), team, null, null, null);
    Future<Report> conv = reports.runUnscoped("conversations", week);
    Future<Report> leads = reports.runUnscoped("leads", week);
    Future<Report> service = reports.runUnscoped("service", week);
    return Future.all(conv, leads, service).compose(all -> {
      String lang = "en".equals(r.getString("locale")) ? "en" : "es";
      Map<String, Object> data = figures(conv.result(), leads.result(), service.result(), r.getString("team"));
      data.put("name", r.getString("name"));
      data.put("weekStart", weekStart.toString());
      data.put("weekEnd", weekEnd.toString());
      data.put("link", reportsUrl + "?teamId=" + team + "&from=" + weekStart + "&to=" + weekEnd);
      String subject = "en".equals(lang)
          ? "Weekly summary for " + r.getString("team") + ", week of " + weekStart
          : "Resumen semanal de " + r.getString("team") + ", semana del " + weekStart;
      Notification n = Notification.email(r.getLong("user_id"), r.getString("email"), "report.weekly", subject,
          templates.get(lang + ".txt").execute(data), templates.get(lang + ".html").execute(data),
          "weekly-summary:" + team + ":" + r.getLong("user_id") + ":" + weekKey);
      return notifications.enqueue(pool, n).map(id -> id != null);
    });
  }

  private Map<String, Object> figures(Report conv, Report leads, Report service, String team) {
    Map<String, Object> d = new HashMap<>();
    d.put("team", team);
    d.put("conversations", sum(conv.section("volume_by_channel"), "conversations"));
    d.put("incoming", sum(conv.section("volume_by_channel"), "incoming_messages"));
    d.put("firstResponse", first(conv.section("times_by_team"), "first_response_p50_min"));
    d.put("resolution", first(conv.section("times_by_team"), "resolution_p50_h"));
    d.put("waiting", sum(conv.section("waiting"), "waiting"));
    d.put("leads", sum(leads.section("by_stage"), "leads"));
    d.put("won", sum(leads.section("by_agent"), "won"));
    d.put("visits", sum(leads.section("visits_per_week"), "visits"));
    d.put("visitTarget", reports.settings().visitsPerWeekTarget());
    d.put("overdue", sum(service.section("overdue_by_priority"), "overdue"));
    return d;
  }

  private static long sum(ReportSection s, String column) {
    int i = s.columns().indexOf(column);
    return s.rows().stream().map(row -> row.get(i)).filter(v -> v instanceof Number)
        .mapToLong(v -> Math.round(((Number) v).doubleValue())).sum();
  }

  private static String first(ReportSection s, String column) {
    int i = s.columns().indexOf(column);
    return s.rows().stream().map(row -> row.get(i)).filter(v -> v != null).map(String::valueOf).findFirst().orElse("—");
  }
}
