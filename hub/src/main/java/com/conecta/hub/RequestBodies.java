package com.conecta.hub;

import com.conecta.hub.customers.contact.transfer.ContactTransferRoutes;
import com.conecta.hub.customers.contact.transfer.ContactTransferSettings;
import com.conecta.hub.fieldservice.service.ServiceRoutes;
import com.conecta.hub.fieldservice.service.WorkSettings;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.web.ErrorResponses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The API's body handlers, registered before any API route: uploads (attachments, a visit's photos, contact CSVs) go to
 * disk up to their own limits; every other API body stays small.
 */
final class RequestBodies {
  private final HubConfig config;
  private final long csvMaxBytes;
  private final long photoMaxBytes;

  RequestBodies(HubConfig config) {
    this.config = config;
    this.csvMaxBytes = ContactTransferSettings.from(config.raw(), config.dataDir()).maxUploadBytes();
    this.photoMaxBytes = WorkSettings.from(config.raw()).photoMaxBytes();
  }

  void register(Router router) {
    String uploads = config.dataDir().resolve("uploads").toString();
    ErrorResponses.noteBodyLimits(router, config.http().maxBodyBytes(), config.ingest().mediaMaxBytes());
    // Contact import and export (issue 25): CSV uploads go to disk up to their own limit.
    ContactTransferRoutes.uploadBodyHandler(router, config.dataDir().resolve("uploads"),
        csvMaxBytes);
    router.post("/api/v1/conversations/:conversationId/attachments").handler(BodyHandler.create(true)
        .setUploadsDirectory(uploads).setDeleteUploadedFilesOnEnd(true).setBodyLimit(config.ingest().mediaMaxBytes()));
    // Service visit photos come as multipart from a phone browser (service-work feature).
    router.routeWithRegex("^/api/" + ServiceRoutes.PHOTO_UPLOAD_REGEX + "$")
        .handler(BodyHandler.create(true).setUploadsDirectory(uploads).setDeleteUploadedFilesOnEnd(true)
            .setBodyLimit(photoMaxBytes + 64 * 1024));
    router.routeWithRegex("^/api/(?!v1/conversations/[0-9]+/attachments$|" + ServiceRoutes.PHOTO_UPLOAD_REGEX + "$).*")
        .handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
    router.route("/api/*").failureHandler(ErrorResponses::handle);
  }
}
