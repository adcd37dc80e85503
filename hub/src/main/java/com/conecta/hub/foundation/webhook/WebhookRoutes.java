package com.conecta.hub.foundation.webhook;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /api/v1/webhook-subscriptions}: admins list, create (the secret is in that one answer), change, switch on and
 * off, and delete subscriptions, read each one's delivery log and send a delivery again.
 */
public record WebhookRoutes(WebhookSubscriptionService service) {
  private static final String BASE = "/api/v1/webhook-subscriptions";
  private static final Set<String> STATUSES = Set.of("pending", "sending", "delivered", "failed", "cancelled");

  public void register(RouteTable routes) {
    routes.get("/api/v1/webhook-event-types", Access.ADMIN, this::eventTypes)
        .get(BASE, Access.ADMIN, this::list)
        .post(BASE, Access.ADMIN, this::create)
        .get(BASE + "/:subscriptionId", Access.ADMIN, this::get)
        .patch(BASE + "/:subscriptionId", Access.ADMIN, this::change)
        .delete(BASE + "/:subscriptionId", Access.ADMIN, this::delete)
        .get(BASE + "/:subscriptionId/deliveries", Access.ADMIN, this::deliveries)
        .post(BASE + "/:subscriptionId/deliveries/:deliveryId/redeliver", Access.ADMIN, this::redeliver);
  }

  private Future<?> eventTypes(RoutingContext ctx, Principal p) {
    Responses.ok(ctx, new JsonObject().put("items", new JsonArray(WebhookEventTypes.ALL)));
    return Future.succeededFuture();
  }

  private Future<?> list(RoutingContext ctx, Principal p) {
    return service.list().onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", new JsonArray(items))
        .putNull("nextCursor")));
  }

  private Future<?> get(RoutingContext ctx, Principal p) {
    return service.get(Query.pathId(ctx, "subscriptionId")).onSuccess(s -> Responses.ok(ctx, s));
  }

  private Future<?> create(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    String url = body.requiredString("url");
    return service.create(change(body, url), p.userId()).onSuccess(s -> Responses.created(ctx, s));
  }

  private Future<?> change(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "subscriptionId");
    JsonBody body = JsonBody.of(ctx);
    String url = body.optionalString("url");
    if (url != null && url.isBlank()) {
      throw ApiError.missing("url");
    }
    return service.change(id, change(body, url)).onSuccess(s -> Responses.ok(ctx, s));
  }

  private static WebhookSubscriptionService.Change change(JsonBody body, String url) {
    String description = body.optionalString("description", WebhookSubscriptionService.MAX_DESCRIPTION);
    return new WebhookSubscriptionService.Change(url, body.has("description"),
        description == null || description.isBlank() ? null : description.trim(),
        WebhookSubscriptionService.events(body.optionalArray("events")), body.optionalBoolean("active"));
  }

  private Future<?> delete(RoutingContext ctx, Principal p) {
    return service.delete(Query.pathId(ctx, "subscriptionId")).onSuccess(v -> Responses.noContent(ctx));
  }

  private Future<?> deliveries(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "subscriptionId");
    String status = Query.optional(ctx, "status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.badRequest("invalid_parameter", "'status' must be one of " + String.join(", ",
          new java.util.TreeSet<>(STATUSES)), "status");
    }
    Long before = Query.optionalId(ctx, "cursor");
    return service.deliveries(id, before, status, Query.limit(ctx, 50, 200))
        .onSuccess(page -> Responses.ok(ctx, new JsonObject().put("items", new JsonArray(page.items()))
            .put("nextCursor", page.nextCursor())));
  }

  private Future<?> redeliver(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "subscriptionId");
    long deliveryId = Query.pathId(ctx, "deliveryId");
    return service.redeliver(id, deliveryId).onSuccess(newId -> Responses.json(ctx, 202,
        new JsonObject().put("id", newId).put("redeliveryOf", deliveryId).put("status", "pending")));
  }
}
