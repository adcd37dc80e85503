package com.conecta.hub.channels.whatsapptemplate;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonObject;

/**
 * {@code /api/v1/whatsapp-templates}: admins list the templates Meta keeps for the inboxes' accounts, sync them,
 * create and submit one, delete one; everyone signed in reads the approved ones for the pickers.
 */
public record WhatsAppTemplateRoutes(WhatsAppTemplateService service) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/whatsapp-templates", Access.ADMIN, (ctx, p) -> service.list(Query.optionalId(ctx, "inboxId"))
            .onSuccess(items -> Responses.page(ctx, new Page<>(items, null))))
        .get("/api/v1/whatsapp-templates/approved", Access.SIGNED_IN, (ctx, p) -> {
          String language = Query.optional(ctx, "language");
          return service.approved(Query.optionalId(ctx, "inboxId"),
                  language == null || !language.matches("[a-z]{2,3}(_[A-Z]{2})?") ? null : language)
              .onSuccess(items -> Responses.page(ctx, new Page<>(items, null)));
        })
        .post("/api/v1/whatsapp-templates", Access.ADMIN, (ctx, p) -> {
          JsonBody b = JsonBody.of(ctx);
          long inboxId = b.requiredLong("inboxId");
          JsonObject definition = b.raw().copy();
          definition.remove("inboxId");
          return service.create(p.userId(), inboxId, definition).onSuccess(t -> Responses.created(ctx, t));
        })
        .post("/api/v1/whatsapp-templates/sync", Access.ADMIN, (ctx, p) -> service.sync(JsonBody.of(ctx).requiredLong("inboxId"))
            .onSuccess(r -> Responses.ok(ctx, r)))
        .delete("/api/v1/whatsapp-templates/:id", Access.ADMIN, (ctx, p) -> service.delete(Query.pathId(ctx, "id"))
            .onSuccess(r -> Responses.ok(ctx, r)));
  }
}
