package com.conecta.hub.fieldservice.service;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonObject;

/**
 * {@code /api/v1/service-requests} (visits, maintenance, work: status, checklist, report, photos, observations),
 * {@code /api/v1/technicians}, {@code /api/v1/service-board} (the coordinator's week). Admins and agents (technicians
 * and sellers are agents); marketing has no part here.
 */
public record ServiceRoutes(Parts service) {
  public static final String PHOTO_UPLOAD_REGEX = "v1/service-requests/[0-9]+/photos";
  private static final String BASE = "/api/v1/service-requests";
  /** The concerns of field service, each answering its own routes. */
  public record Parts(ServiceRequests requests, ServiceStatusMachine status, ServiceChecklist checklist,
      VisitReports reports, ServicePhotos photos, AtRiskOrders atRisk, Technicians technicians, ServiceBoard board) {}

  public void register(RouteTable routes) {
    routes.get(BASE + "/at-risk/summary", Access.INBOX, (ctx, p) -> service.atRisk().summary()
            .onSuccess(s -> Responses.ok(ctx, s)))
        .post(BASE, Access.INBOX, (ctx, p) -> service.requests().create(p, JsonBody.of(ctx).raw())
            .onSuccess(r -> Responses.created(ctx, r)))
        .get(BASE, Access.INBOX, (ctx, p) -> service.requests().list(p, Query.optional(ctx, "status"), Query.optional(ctx, "kind"),
                Query.optionalId(ctx, "technicianId"), Query.optionalId(ctx, "contactId"), bool(ctx, "needsScheduling"),
                Query.optional(ctx, "cursor"), Query.limit(ctx, 25, 100))
            .onSuccess(page -> Responses.page(ctx, page)))
        .get(BASE + "/:id", Access.INBOX, (ctx, p) -> service.requests().get(p, Query.pathId(ctx, "id"))
            .onSuccess(r -> Responses.ok(ctx, r)))
        .patch(BASE + "/:id", Access.INBOX, (ctx, p) -> service.requests().update(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw())
            .onSuccess(r -> Responses.ok(ctx, r)))
        .post(BASE + "/:id/status", Access.INBOX, (ctx, p) ->
            service.status().changeStatus(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .put(BASE + "/:id/checklist/:itemId", Access.INBOX, (ctx, p) -> service.checklist().checkItem(p, Query.pathId(ctx, "id"),
            Query.pathId(ctx, "itemId"), JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .post(BASE + "/:id/report", Access.INBOX, (ctx, p) ->
            service.reports().report(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .post(BASE + "/:id/photos", Access.INBOX, (ctx, p) -> {
          var uploads = ctx.fileUploads();
          if (uploads.size() != 1) {
            throw ApiError.missing("photo");
          }
          var file = uploads.get(0);
          if (file.size() > service.photos().maxBytes()) {
            throw new ApiError(413, "photo_too_large", "a photo is at most " + service.photos().maxBytes() + " bytes", "photo");
          }
          long id = Query.pathId(ctx, "id");
          String phase = Query.optional(ctx, "phase") != null ? Query.optional(ctx, "phase")
              : ctx.request().getFormAttribute("phase");
          return ctx.vertx().fileSystem().readFile(file.uploadedFileName())
              .compose(bytes -> service.photos().addPhoto(p, id, phase == null ? "" : phase, bytes, file.contentType(),
                  file.fileName()))
              .onSuccess(ph -> Responses.created(ctx, ph));
        })
        .get(BASE + "/:id/photos/:photoId", Access.INBOX, (ctx, p) -> service.photos().photo(p, Query.pathId(ctx, "id"),
            Query.pathId(ctx, "photoId")).onSuccess(ph -> ctx.response().putHeader("content-type", ph.mimeType())
                .putHeader("content-disposition", "inline; filename=\""
                    + (ph.fileName() == null ? "foto" : ph.fileName()).replaceAll("[^\\w.\\- ]", "_") + "\"")
                .putHeader("cache-control", "private, max-age=3600").putHeader("x-content-type-options", "nosniff")
                .end(ph.bytes())))
        .post(BASE + "/:id/observations", Access.INBOX, (ctx, p) ->
            service.atRisk().raise(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw())
                .onSuccess(r -> Responses.created(ctx, r)))
        .post(BASE + "/:id/observations/:observationId/resolve", Access.INBOX, (ctx, p) ->
            service.atRisk().resolve(p, Query.pathId(ctx, "id"), Query.pathId(ctx, "observationId"),
                JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .get("/api/v1/technicians", Access.INBOX, (ctx, p) -> service.technicians().list()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .put("/api/v1/technicians/:userId", Access.ADMIN, (ctx, p) ->
            service.technicians().setLevel(Query.pathId(ctx, "userId"), JsonBody.of(ctx).raw())
                .onSuccess(v -> Responses.ok(ctx, new JsonObject().put("userId", Query.pathId(ctx, "userId"))
                    .put("level", ctx.body().asJsonObject().getValue("level")))))
        .get("/api/v1/service-board", Access.INBOX, (ctx, p) -> service.board().week(p, date(ctx, "from"),
            days(ctx))
            .onSuccess(b -> Responses.ok(ctx, b)));
  }

  private static int days(io.vertx.ext.web.RoutingContext ctx) {
    String raw = Query.optional(ctx, "days");
    try {
      return raw == null ? 7 : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_parameter", "'days' must be from 1 to 14", "days");
    }
  }

  private static java.time.LocalDate date(io.vertx.ext.web.RoutingContext ctx, String name) {
    String raw = Query.optional(ctx, name);
    try {
      return raw == null ? null : java.time.LocalDate.parse(raw);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' must be a date (yyyy-mm-dd)", name);
    }
  }

  private static Boolean bool(io.vertx.ext.web.RoutingContext ctx, String name) {
    String raw = Query.optional(ctx, name);
    if (raw == null) {
      return null;
    }
    if (!"true".equals(raw) && !"false".equals(raw)) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' must be true or false", name);
    }
    return Boolean.parseBoolean(raw);
  }
}
