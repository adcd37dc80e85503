package com.conecta.hub.foundation.apidoc;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.customers.crm.ResourceSpec;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/v1/openapi.json} (public, like the API's own documentation pages of the tools integrators know) and
 * the reference page at {@code /api-docs/}, Swagger UI served from its webjar under the hub's CSP (no CDN, no inline
 * script: the page loads {@code /js/api-docs.js}).
 */
public final class ApiDocRoutes {
  static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.35.0";

  private final OpenApiDocument document;
  private final String publicBaseUrl;

  public ApiDocRoutes(List<ResourceSpec> crud, String publicBaseUrl) {
    this.document = new OpenApiDocument(curated(), crud);
    this.publicBaseUrl = publicBaseUrl;
  }

  private static JsonObject curated() {
    try (InputStream in = ApiDocRoutes.class.getClassLoader().getResourceAsStream("openapi/operations.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi/operations.json is missing from the hub's resources");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document is made once per HTTP instance, at its first request, when every route of the table is in. */
  public void register(RouteTable routes) {
    String[] cached = new String[1];
    routes.get("/api/v1/openapi.json", Access.PUBLIC, (ctx, p) -> {
      if (cached[0] == null) {
        cached[0] = document.build(routes.entries(), publicBaseUrl).encodePrettily();
      }
      ctx.response().putHeader("content-type", "application/json; charset=utf-8").end(cached[0]);
      return Future.succeededFuture();
    });
  }

  public static void registerPage(Router router) {
    router.getWithRegex("^/api-docs$").handler(ctx -> ctx.redirect("/api-docs/"));
    router.route("/api-docs/ui/*").handler(StaticHandler.create(SWAGGER_UI).setMaxAgeSeconds(86_400));
  }
}
