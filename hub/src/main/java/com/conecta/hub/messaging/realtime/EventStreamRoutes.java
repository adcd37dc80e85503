package com.conecta.hub.messaging.realtime;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/events}: Server-Sent Events with what the signed-in user may see. */
public final class EventStreamRoutes {
  private static final long HEARTBEAT_MS = 15_000;
  private final Vertx vertx;
  private final RealtimeBroker broker;

  public EventStreamRoutes(Vertx vertx, RealtimeBroker broker) {
    this.vertx = vertx;
    this.broker = broker;
  }

  public void register(RouteTable routes) {
    routes.get("/api/v1/events", Access.SIGNED_IN, this::stream);
  }

  private Future<Void> stream(RoutingContext ctx, Principal principal) {
    HttpServerResponse res = ctx.response();
    res.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
    res.write("retry: 2000\n: connected\n\n");
    Runnable unsubscribe = broker.listen(event -> {
      if (mayReceive(principal, event) && !res.closed() && !res.writeQueueFull()) {
        res.write(frame(event));
      }
    });
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
      if (!res.closed()) {
        res.write(": ping\n\n");
      }
    });
    res.closeHandler(v -> {
      unsubscribe.run();
      vertx.cancelTimer(heartbeat);
    });
    return Future.succeededFuture();
  }

  /** An event's SSE frame, so that it is encoded once however many streams receive it (one per agent). */
  private record Frame(HubEvent event, String text) {}

  /** The latest frames: the loops run a few events behind one another, so more than the very last one is kept. */
  private final Frame[] recent = new Frame[8];
  private int next;

  /**
   * Every event loop asks for the same event's frame at about the same time; the lock makes the first one encode it
   * and the others take that text (held for microseconds, by a handful of loops).
   */
  private synchronized String frame(HubEvent event) {
    for (Frame f : recent) {
      if (f != null && f.event() == event) {
        return f.text();
      }
    }
    String text = "event: " + event.type() + "\ndata: " + event.toJson().encode() + "\n\n";
    recent[next] = new Frame(event, text);
    next = (next + 1) % recent.length;
    return text;
  }

  /** Conversation events go to those who may see the inbox; marketing never receives conversations. */
  static boolean mayReceive(Principal p, HubEvent event) {
    // A notification is addressed to one person, whatever their role.
    if (event.type().startsWith("notification.")) {
      return event.data() != null && Long.valueOf(p.userId()).equals(event.data().getLong("userId"));
    }
    if (p.role() == Role.MARKETING) {
      return event.type().startsWith("campaign.");
    }
    // Field-service changes carry only a request's id; every board and calendar re-reads what its user may see.
    if (event.type().startsWith("service.")) {
      return true;
    }
    // An opportunity (issue 22) has no inbox: admins and its salespeople see it move.
    if (event.type().startsWith("opportunity.")) {
      return p.isAdmin() || (event.data() != null && event.data().getJsonArray("userIds") != null
          && event.data().getJsonArray("userIds").stream()
              .anyMatch(id -> id instanceof Number n && n.longValue() == p.userId()));
    }
    return p.canSeeInbox(event.inboxId());
  }
}
