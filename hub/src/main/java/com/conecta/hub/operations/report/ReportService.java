package com.conecta.hub.operations.report;

import com.conecta.hub.foundation.config.ReportSettings;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reports: which exist, who may read which slice (admins and marketing everything; an agent only the teams
 * they supervise), and how each is assembled from the store's sections.
 */
public final class ReportService {
  private record Definition(String titleEs, String titleEn, Function<ReportFilter, Future<List<ReportSection>>> make) {}

  private final ReportStore store;
  private final ReportSettings settings;
  private final Clock clock;
  private final Map<String, Definition> reports = new LinkedHashMap<>();

  /** @param lines the report by business line (issue 22), whose store needs the catalogue */
  public ReportService(ReportStore store, BusinessLineReportStore lines, ReportSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    reports.put("conversations", new Definition("Conversaciones", "Conversations", store::conversations));
    reports.put("leads", new Definition("Leads y ventas", "Leads and sales",
        f -> store.leads(f, settings.visitsPerWeekTarget())));
    reports.put("service", new Definition("Servicio", "Service", store::service));
    reports.put("collections", new Definition("Cobranza", "Collections", store::collections));
    reports.put("campaigns", new Definition("Campañas", "Campaigns", store::campaigns));
    reports.put("satisfaction", new Definition("Satisfacción", "Satisfaction", store::satisfaction));
    reports.put("billing", new Definition("Facturación mensual", "Monthly billing", this::billing));
    reports.put("lines", new Definition("Líneas de negocio", "Business lines", lines::sections));
  }

  /** What the CSV writes for the keys in its cells, in the language. */
  Future<ReportCellNames> cellNames(String lang) {
    return store.stageNames(lang).map(stages -> new ReportCellNames(lang, stages));
  }

  public ReportSettings settings() {
    return settings;
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(settings.zone()));
  }

  /** The catalogue the web inbox draws its menu from. */
  public JsonArray catalogue() {
    JsonArray list = new JsonArray();
    reports.forEach((key, d) -> list.add(new JsonObject().put("key", key)
        .put("title", new JsonObject().put("es", d.titleEs()).put("en", d.titleEn()))));
    return list;
  }

  /** One report for this reader; a supervisor's filter is narrowed to a team they supervise. */
  public Future<Report> run(String key, ReportFilter filter, Principal reader) {
    Definition d = reports.get(key);
    if (d == null) {
      return Future.failedFuture(ApiError.notFound("report '" + key + "'"));
    }
    return scoped(filter, reader).compose(f -> d.make().apply(f).map(sections -> new Report(key, f, sections)));
  }

  /** A report for a job (the weekly summary), with no reader to scope by. */
  Future<Report> runUnscoped(String key, ReportFilter filter) {
    Definition d = reports.get(key);
    return d.make().apply(filter).map(sections -> new Report(key, filter, sections));
  }

  private Future<ReportFilter> scoped(ReportFilter f, Principal reader) {
    if (reader.role() != Role.AGENT) {
      return Future.succeededFuture(f);
    }
    return store.supervisedTeams(reader.userId()).map(teams -> {
      if (teams.isEmpty()) {
        throw ApiError.forbidden("reports are for admins, marketing and team supervisors");
      }
      if (f.teamId() == null) {
        if (teams.size() > 1) {
          throw ApiError.invalid("teamId", "choose one of the teams you supervise: " + teams);
        }
        return f.withTeam(teams.get(0));
      }
      if (!teams.contains(f.teamId())) {
        throw ApiError.forbidden("you do not supervise team " + f.teamId());
      }
      return f;
    });
  }

  /** The month of 'to' up to that day, against the same days of the month before. */
  private Future<List<ReportSection>> billing(ReportFilter f) {
    LocalDate curFrom = f.to().withDayOfMonth(1);
    YearMonth prev = YearMonth.from(f.to()).minusMonths(1);
    LocalDate prevTo = prev.atDay(Math.min(f.to().getDayOfMonth(), prev.lengthOfMonth()));
    return store.billing(f, curFrom, f.to(), prev.atDay(1), prevTo, settings.billingTargetPercent());
  }
}
