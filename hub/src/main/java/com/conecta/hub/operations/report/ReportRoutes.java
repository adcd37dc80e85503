package com.conecta.hub.operations.report;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import java.util.EnumSet;

/** {@code /api/v1/reports}: the catalogue, and each report as JSON or CSV. */
public record ReportRoutes(ReportService service, WeeklySummary weeklySummary) {
  /** Aggregates only: admins, marketing, and agents who supervise a team (checked by the service). */
  static final Access REPORTS = new Access("reports", false, EnumSet.of(Role.ADMIN, Role.AGENT, Role.MARKETING));

  public void register(RouteTable routes) {
    routes.get("/api/v1/reports", REPORTS, (ctx, p) -> {
      Responses.ok(ctx, new io.vertx.core.json.JsonObject().put("items", service.catalogue()).putNull("nextCursor"));
      return io.vertx.core.Future.succeededFuture();
    });
    // Sends last week's summaries now to the supervisors who have not had them (the periodic pass does it on
    // the configured day); repeating it sends nothing twice.
    routes.post("/api/v1/reports/weekly-summary/send", Access.ADMIN, (ctx, p) -> weeklySummary.sendLastWeek()
        .onSuccess(n -> Responses.ok(ctx, new io.vertx.core.json.JsonObject().put("queued", n))));
    routes.get("/api/v1/reports/:key", REPORTS, (ctx, p) -> {
      String format = Query.optional(ctx, "format");
      if (format != null && !format.equals("json") && !format.equals("csv")) {
        throw ApiError.invalid("format", "'format' must be json or csv");
      }
      String lang = Query.optional(ctx, "lang");
      if (lang != null && !lang.equals("es") && !lang.equals("en")) {
        throw ApiError.invalid("lang", "'lang' must be es or en");
      }
      ReportFilter filter = ReportFilter.parse(ctx, service.settings().zone(), service.today());
      String key = ctx.pathParam("key");
      if (!"csv".equals(format)) {
        return service.run(key, filter, p).onSuccess(report -> Responses.ok(ctx, report.toJson()));
      }
      String csvLang = lang == null ? p.locale() : lang;
      return service.run(key, filter, p).compose(report -> service.cellNames(csvLang)
          .onSuccess(names -> ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
              .putHeader("content-disposition", "attachment; filename=\"conecta-" + key + "-" + filter.from() + "-"
                  + filter.to() + ".csv\"")
              .end(ReportCsv.write(report, csvLang, names))));
    });
  }
}
