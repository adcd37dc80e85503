package com.conecta.hub.fieldservice.service;

import com.conecta.hub.customers.activity.ActivityStore;
import com.conecta.hub.fieldservice.calendar.CalendarFeedRoutes;
import com.conecta.hub.fieldservice.calendar.CalendarFeedStore;
import com.conecta.hub.fieldservice.calendar.CalendarFeeds;
import com.conecta.hub.fieldservice.calendar.IcsCalendar;
import com.conecta.hub.channels.media.MediaStorage;
import com.conecta.hub.operations.notify.NotificationStore;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.LongConsumer;

/**
 * Field service assembled in one place (requests, status, checklist, reports, photos, at-risk orders, technicians,
 * the coordinator's board) with each person's calendar feed, so the hub's wiring stays a few lines.
 */
public record ServiceModule(ServiceRoutes routes, CalendarFeedRoutes feeds) {
  /** Visits are planned in the companies' time zone (the board's days start at its midnight). */
  public static final ZoneId ZONE = ZoneId.of("America/Santiago");

  public static ServiceModule create(io.vertx.core.Vertx vertx, Pool pool, NotificationStore notifications, MediaStorage media, WorkSettings work,
      RealtimeBroker broker, ActivityStore calendar, String publicBaseUrl) {
    ServiceStore store = new ServiceStore(pool);
    ServiceAccess access = new ServiceAccess(store);
    CoordinatorNotices coordinators = new CoordinatorNotices(store, notifications);
    Technicians technicians = new Technicians(store);
    // Every open board redraws; the event holds only the request's id (inbox 0: no conversation's content).
    LongConsumer changed = id -> broker.publish(new HubEvent("service.changed", 0, null,
        new JsonObject().put("serviceRequestId", id)));
    ServiceRoutes routes = new ServiceRoutes(new ServiceRoutes.Parts(new ServiceRequests(access, changed),
        new ServiceStatusMachine(access, coordinators, changed), new ServiceChecklist(access),
        new VisitReports(access, coordinators), new ServicePhotos(access, media, work.photoMaxBytes()),
        new AtRiskOrders(access, coordinators, work.atRiskHours()), technicians,
        new ServiceBoard(access, new ServiceBoardStore(pool), technicians, ZONE)));
    String host = URI.create(publicBaseUrl).getHost();
    CalendarFeeds feeds = new CalendarFeeds(vertx, new CalendarFeedStore(pool), calendar,
        new IcsCalendar(host == null ? "conecta" : host), publicBaseUrl, Clock.systemUTC());
    return new ServiceModule(routes, new CalendarFeedRoutes(feeds));
  }

  public void register(RouteTable table) {
    routes.register(table);
    feeds.register(table);
  }

  /** The public .ics route, outside the API (calendar apps carry no session). */
  public void registerPublic(Router router) {
    feeds.registerPublic(router);
  }
}
