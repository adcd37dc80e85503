package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.customers.crm.CrudExtension;
import com.conecta.hub.customers.crm.FieldSpec;
import com.conecta.hub.customers.crm.FieldValues;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.ErrorLanguage;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/contact-imports} (upload, start, progress, row errors as CSV) and {@code /api/v1/contact-export}.
 * Admins and marketing bring lists in and take them out (marketing builds campaign audiences from them); agents work
 * contacts one by one and may do neither — a bulk copy of the customer base is not an agent's tool.
 */
public record ContactTransferRoutes(ImportService imports, ContactExportService exports) {
  public static final String UPLOAD_PATH = "/api/v1/contact-imports";
  static final Access LISTS = new Access("contact-lists", false, EnumSet.of(Role.ADMIN, Role.MARKETING));
  private static final Set<String> EXPORT_PARAMS = Set.of("q", "dialect", "lang");

  /**
   * The upload's body goes to disk, up to the import limit; registered before the API's small-body handler, which then
   * leaves this request alone.
   */
  public static void uploadBodyHandler(Router router, Path uploads, long maxBytes) {
    router.post(UPLOAD_PATH).handler(BodyHandler.create(true).setUploadsDirectory(uploads.toString())
        .setDeleteUploadedFilesOnEnd(true).setBodyLimit(maxBytes + 64 * 1024));
  }

  public void register(RouteTable routes) {
    routes.post(UPLOAD_PATH, LISTS, this::upload)
        .get(UPLOAD_PATH, LISTS, (ctx, p) -> imports.recent().onSuccess(jobs -> Responses.page(ctx,
            new Page<>(jobs.stream().map(ImportJob::toJson).toList(), null))))
        .get(UPLOAD_PATH + "/:id", LISTS, (ctx, p) -> imports.get(Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .post(UPLOAD_PATH + "/:id/start", LISTS, (ctx, p) -> imports.start(p, Query.pathId(ctx, "id"),
            JsonBody.of(ctx).raw()).onSuccess(j -> Responses.ok(ctx, j)))
        .get(UPLOAD_PATH + "/:id/errors", LISTS, this::errors)
        .get("/api/v1/contact-export", LISTS, this::export);
  }

  private Future<?> upload(RoutingContext ctx, Principal p) {
    List<FileUpload> files = ctx.fileUploads();
    if (files.size() != 1) {
      throw ApiError.missing("file");
    }
    FileUpload file = files.get(0);
    if (file.size() > imports.settings().maxUploadBytes()) {
      throw ApiError.invalid("file", "the file is larger than " + imports.settings().maxUploadBytes() / (1024 * 1024)
          + " MB");
    }
    if (file.size() == 0) {
      throw ApiError.invalid("file", "the file is empty");
    }
    return imports.upload(p, Path.of(file.uploadedFileName()), file.fileName(), file.size())
        .onSuccess(j -> Responses.created(ctx, j));
  }

  /** The rows that were not imported, as CSV in the dialect of the uploaded file and the reader's language. */
  private Future<?> errors(RoutingContext ctx, Principal p) {
    String lang = language(ctx);
    boolean es = !"en".equals(lang);
    return imports.job(Query.pathId(ctx, "id")).compose(job -> {
      HttpServerResponse res = startCsv(ctx, job.dialect(), (es ? "errores-importacion-" : "import-errors-")
          + job.id() + ".csv");
      return res.write(ContactExportService.encode(job.dialect(), List.of(es
              ? List.of("Fila", "Columna", "Valor", "Código", "Mensaje")
              : List.of("Row", "Column", "Value", "Code", "Message"))))
          .compose(v -> errorPages(res, job, lang, 0))
          .compose(v -> res.end());
    });
  }

  private Future<Void> errorPages(HttpServerResponse res, ImportJob job, String lang, long afterId) {
    long[] last = {afterId};
    return imports.errors(job.id(), afterId, last).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      List<List<String>> rows = new ArrayList<>();
      page.forEach(e -> rows.add(List.of(String.valueOf(e.row()), e.column() == null ? "" : e.column(),
          ExportCells.safe(e.value()), e.code(), e.message(lang))));
      return res.write(ContactExportService.encode(job.dialect(), rows))
          .compose(v -> errorPages(res, job, lang, last[0]));
    });
  }

  private Future<?> export(RoutingContext ctx, Principal p) {
    String dialectName = Query.optional(ctx, "dialect");
    CsvDialect dialect = dialectName == null || "excel".equals(dialectName) ? CsvDialect.EXCEL_ES
        : "utf8".equals(dialectName) ? CsvDialect.UTF8_COMMA : null;
    if (dialect == null) {
      throw ApiError.badRequest("invalid_parameter", "'dialect' must be excel (windows-1252, ';') or utf8 (UTF-8, ',')",
          "dialect");
    }
    String lang = language(ctx);
    return filter(ctx).compose(filter -> {
      HttpServerResponse res = startCsv(ctx, dialect, ("en".equals(lang) ? "contacts" : "contactos") + ".csv");
      return exports.export(p, filter, dialect, lang, res::write).compose(n -> res.end());
    });
  }

  /** The contacts list's filters: q, label, the filterable fields, cf.<key>; anything else is refused by name. */
  private Future<ContactExportService.Filter> filter(RoutingContext ctx) {
    Map<FieldSpec, Object> fields = new LinkedHashMap<>();
    List<Future<CrudExtension.Condition>> extra = new ArrayList<>();
    JsonObject given = new JsonObject();
    for (String name : ctx.queryParams().names()) {
      String value = ctx.queryParams().get(name);
      if (EXPORT_PARAMS.contains(name)) {
        continue;
      }
      given.put(name, value);
      Future<CrudExtension.Condition> added = exports.contacts().extraFilter(name, value);
      if (added != null) {
        extra.add(added);
        continue;
      }
      FieldSpec f = exports.contacts().spec().field(name);
      if (f == null || !f.filterable()) {
        throw ApiError.badRequest("unknown_filter", "'" + name + "' is not a filter of contacts", name);
      }
      fields.put(f, FieldValues.fromQuery(f, value));
    }
    String q = Query.optional(ctx, "q");
    if (q != null && q.length() > 200) {
      throw ApiError.badRequest("invalid_parameter", "'q' is longer than 200 characters", "q");
    }
    if (q != null) {
      given.put("q", q);
    }
    String text = q == null || q.isBlank() ? null
        : "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return Future.all(extra).map(all -> new ContactExportService.Filter(fields, all.<CrudExtension.Condition>list(),
        text, given));
  }

  private static String language(RoutingContext ctx) {
    String lang = Query.optional(ctx, "lang");
    if (lang != null && !Set.of("es", "en").contains(lang)) {
      throw ApiError.badRequest("invalid_parameter", "'lang' must be es or en", "lang");
    }
    return lang != null ? lang : ErrorLanguage.of(ctx);
  }

  private static HttpServerResponse startCsv(RoutingContext ctx, CsvDialect dialect, String fileName) {
    return ctx.response().setChunked(true)
        .putHeader("content-type", "text/csv; charset=" + dialect.charset().name().toLowerCase())
        .putHeader("content-disposition", "attachment; filename=\"" + fileName + "\"")
        .putHeader("cache-control", "no-store");
  }
}
