package com.conecta.hub.fieldservice.calendar;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code /api/v1/calendar/feed} (my feed: see, make or remake, revoke) and the public
 * {@code GET /calendar/feed/<token>.ics} that calendar apps read without a session.
 */
public record CalendarFeedRoutes(CalendarFeeds feeds) {
  private static final String API = "/api/v1/calendar/feed";

  public void register(RouteTable routes) {
    routes.get(API, Access.SIGNED_IN, (ctx, p) -> feeds.status(p).onSuccess(s -> Responses.ok(ctx, s)))
        .post(API, Access.SIGNED_IN, (ctx, p) -> feeds.create(p).onSuccess(s -> Responses.created(ctx, s)))
        .delete(API, Access.SIGNED_IN, (ctx, p) -> feeds.revoke(p)
            .onSuccess(found -> Responses.ok(ctx, new JsonObject().put("active", false))));
  }

  /** Outside the API: the token in the path is the only credential (calendar apps send no cookie). */
  public void registerPublic(Router router) {
    router.get("/calendar/feed/:file").handler(ctx -> {
      String file = ctx.pathParam("file");
      String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : null;
      feeds.read(token).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
        } else if (ar.result() == null) {
          ctx.response().setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
              .end("Calendario no encontrado / calendar not found\n");
        } else {
          ctx.response().putHeader("content-type", "text/calendar; charset=utf-8")
              .putHeader("cache-control", "private, max-age=300")
              .putHeader("content-disposition", "inline; filename=\"conecta.ics\"").end(ar.result());
        }
      });
    });
  }
}
