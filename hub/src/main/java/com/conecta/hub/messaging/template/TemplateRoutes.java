package com.conecta.hub.messaging.template;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import com.conecta.templates.TemplateCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code GET /api/v1/templates}: the approved WhatsApp templates, read-only, for the composer and campaigns. */
public final class TemplateRoutes {
  private final TemplateCatalogue catalogue;

  public TemplateRoutes(TemplateCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  public void register(RouteTable routes) {
    routes.get("/api/v1/templates", Access.SIGNED_IN, (ctx, p) -> {
      List<JsonObject> items = catalogue.all().stream().map(t -> {
        JsonObject languages = new JsonObject();
        t.languages().forEach((code, l) -> languages.put(code, new JsonObject().put("body", l.body())
            .put("footer", l.footer()).put("quickReplies", new JsonArray(l.quickReplies()))));
        return new JsonObject().put("name", t.name()).put("category", t.category())
            .put("params", new JsonArray(t.params())).put("languages", languages).put("source", "templates/whatsapp.yaml");
      }).toList();
      Responses.page(ctx, new Page<>(items, null));
      return Future.succeededFuture();
    });
  }
}
