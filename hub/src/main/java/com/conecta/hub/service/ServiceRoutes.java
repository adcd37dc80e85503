package com.conecta.hub.service;

import com.conecta.hub.auth.Access;
import com.conecta.hub.web.ApiError;
import com.conecta.hub.web.JsonBody;
import com.conecta.hub.web.Page;
import com.conecta.hub.web.Query;
import com.conecta.hub.web.Responses;
import com.conecta.hub.auth.RouteTable;
import io.vertx.core.json.JsonObject;

/**
 * {@code /api/v1/service-requests} (visits, maintenance, work: status, checklist, report, photos, observations),
 * {@code /api/v1/technicians}. Admins and agents (technicians and sellers are agents); marketing has no part here.
 */
public final class ServiceRoutes {
  public static final String PHOTO_UPLOAD_REGEX = "v1/service-requests/[0-9]+/photos";
  private static final String BASE = "/api/v1/service-requests";
  private final ServiceRequestService service;

  public ServiceRoutes(ServiceRequestService service) {
    this.service = service;
  }

  public void register(RouteTable routes) {
    routes.get(BASE + "/at-risk/summary", Access.INBOX, (ctx, p) -> service.atRiskSummary()
            .onSuccess(s -> Responses.ok(ctx, s)))
        .post(BASE, Access.INBOX, (ctx, p) -> service.create(p, JsonBody.of(ctx).raw())
            .onSuccess(r -> Responses.created(ctx, r)))
        .get(BASE, Access.INBOX, (ctx, p) -> service.list(p, Query.optional(ctx, "status"), Query.optional(ctx, "kind"),
                Query.optionalId(ctx, "technicianId"), Query.optionalId(ctx, "contactId"), bool(ctx, "needsScheduling"),
                Query.optional(ctx, "cursor"), Query.limit(ctx, 25, 100))
            .onSuccess(page -> Responses.page(ctx, page)))
        .get(BASE + "/:id", Access.INBOX, (ctx, p) -> service.get(p, Query.pathId(ctx, "id"))
            .onSuccess(r -> Responses.ok(ctx, r)))
        .patch(BASE + "/:id", Access.INBOX, (ctx, p) -> service.update(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw())
            .onSuccess(r -> Responses.ok(ctx, r)))
        .post(BASE + "/:id/status", Access.INBOX, (ctx, p) ->
            service.changeStatus(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .put(BASE + "/:id/checklist/:itemId", Access.INBOX, (ctx, p) -> service.checkItem(p, Query.pathId(ctx, "id"),
            Query.pathId(ctx, "itemId"), JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .post(BASE + "/:id/report", Access.INBOX, (ctx, p) ->
            service.report(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .post(BASE + "/:id/photos", Access.INBOX, (ctx, p) -> {
          var uploads = ctx.fileUploads();
          if (uploads.size() != 1) {
            throw ApiError.missing("photo");
          }
          var file = uploads.get(0);
          if (file.size() > service.photoMaxBytes()) {
            throw new ApiError(413, "photo_too_large", "a photo is at most " + service.photoMaxBytes() + " bytes", "photo");
          }
          long id = Query.pathId(ctx, "id");
          String phase = Query.optional(ctx, "phase") != null ? Query.optional(ctx, "phase")
              : ctx.request().getFormAttribute("phase");
          return ctx.vertx().fileSystem().readFile(file.uploadedFileName())
              .compose(bytes -> service.addPhoto(p, id, phase == null ? "" : phase, bytes, file.contentType(),
                  file.fileName()))
              .onSuccess(ph -> Responses.created(ctx, ph));
        })
        .get(BASE + "/:id/photos/:photoId", Access.INBOX, (ctx, p) -> service.photo(p, Query.pathId(ctx, "id"),
            Query.pathId(ctx, "photoId")).onSuccess(ph -> ctx.response().putHeader("content-type", ph.mimeType())
                .putHeader("content-disposition", "inline; filename=\""
                    + (ph.fileName() == null ? "foto" : ph.fileName()).replaceAll("[^\\w.\\- ]", "_") + "\"")
                .putHeader("cache-control", "private, max-age=3600").putHeader("x-content-type-options", "nosniff")
                .end(ph.bytes())))
        .post(BASE + "/:id/observations", Access.INBOX, (ctx, p) ->
            service.raiseObservation(p, Query.pathId(ctx, "id"), JsonBody.of(ctx).raw())
                .onSuccess(r -> Responses.created(ctx, r)))
        .post(BASE + "/:id/observations/:observationId/resolve", Access.INBOX, (ctx, p) ->
            service.resolveObservation(p, Query.pathId(ctx, "id"), Query.pathId(ctx, "observationId"),
                JsonBody.of(ctx).raw()).onSuccess(r -> Responses.ok(ctx, r)))
        .get("/api/v1/technicians", Access.INBOX, (ctx, p) -> service.technicians()
            .onSuccess(list -> Responses.page(ctx, new Page<>(list, null))))
        .put("/api/v1/technicians/:userId", Access.ADMIN, (ctx, p) ->
            service.setTechnicianLevel(Query.pathId(ctx, "userId"), JsonBody.of(ctx).raw())
                .onSuccess(v -> Responses.ok(ctx, new JsonObject().put("userId", Query.pathId(ctx, "userId"))
                    .put("level", ctx.body().asJsonObject().getValue("level")))));
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
