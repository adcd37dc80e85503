package com.conecta.hub.marketing.campaign;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** HTTP for campaigns: create, audience count, preview, launch, pause, resume, cancel, the funnel. */
public record CampaignRoutes(CampaignService service) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/campaigns", Access.CAMPAIGNS, this::list)
        .post("/api/v1/campaigns", Access.CAMPAIGNS, this::create)
        .post("/api/v1/campaigns/audience", Access.CAMPAIGNS, (ctx, p) -> {
          JsonBody b = JsonBody.of(ctx);
          JsonObject segment = b.optionalObject("segment");
          return service.audience(b.requiredLong("inboxId"), segment == null ? new JsonObject() : segment)
              .onSuccess(a -> Responses.ok(ctx, a));
        })
        .get("/api/v1/campaigns/:id", Access.CAMPAIGNS, (ctx, p) -> service.get(id(ctx)).onSuccess(c -> Responses.ok(ctx, c)))
        .post("/api/v1/campaigns/:id/preview", Access.CAMPAIGNS, (ctx, p) -> service.preview(id(ctx))
            .onSuccess(c -> Responses.ok(ctx, c)))
        .post("/api/v1/campaigns/:id/launch", Access.CAMPAIGNS, (ctx, p) -> service.launch(p, id(ctx))
            .onSuccess(c -> Responses.ok(ctx, c)))
        .post("/api/v1/campaigns/:id/pause", Access.CAMPAIGNS, (ctx, p) -> service.pause(id(ctx)).onSuccess(c -> Responses.ok(ctx, c)))
        .post("/api/v1/campaigns/:id/resume", Access.CAMPAIGNS, (ctx, p) -> service.resume(id(ctx)).onSuccess(c -> Responses.ok(ctx, c)))
        .post("/api/v1/campaigns/:id/cancel", Access.CAMPAIGNS, (ctx, p) -> service.cancel(id(ctx)).onSuccess(c -> Responses.ok(ctx, c)));
  }

  private static long id(RoutingContext ctx) {
    return Query.pathId(ctx, "id");
  }

  private Future<?> list(RoutingContext ctx, Principal p) {
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    int limit = Query.limit(ctx, 25, 100);
    return service.list(cursor == null ? null : cursor.id(), limit).onSuccess(list -> Responses.page(ctx, new Page<>(list,
        list.size() == limit ? new Cursor(0, list.get(list.size() - 1).getLong("id")).encode() : null)));
  }

  private Future<?> create(RoutingContext ctx, Principal p) {
    JsonBody b = JsonBody.of(ctx);
    String name = b.optionalString("name", 200);
    if (name == null || name.isBlank()) {
      throw ApiError.missing("name");
    }
    JsonObject template = b.optionalObject("template");
    if (template == null) {
      throw ApiError.missing("template");
    }
    String templateName = JsonBody.wrap(template).optionalString("name", 512);
    if (templateName == null || !templateName.matches("[a-z0-9_]{1,512}")) {
      throw ApiError.invalid("template.name", "a template name is lower-case letters, digits and _");
    }
    String language = JsonBody.wrap(template).optionalString("language", 10);
    JsonArray params = b.optionalArray("params");
    JsonObject segment = b.optionalObject("segment");
    String tz = b.optionalString("timeZone", 64);
    return service.create(p, new CampaignService.Draft(name.trim(), b.requiredLong("inboxId"), templateName,
            language == null ? "es" : language, params == null ? new JsonArray() : params,
            segment == null ? new JsonObject() : segment, b.optionalInstant("scheduledAt"),
            tz == null ? "America/Santiago" : tz))
        .onSuccess(c -> Responses.created(ctx, c));
  }
}
