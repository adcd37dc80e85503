package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.commerce.sales.SalesInput;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** HTTP of products and quotes: draft, PDF, send, accept, reject, order. */
public record QuoteRoutes(ProductService products, QuoteService quotes) {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public void register(RouteTable routes) {
    routes.get("/api/v1/products", Access.CRM, this::listProducts)
        .post("/api/v1/products", Access.ADMIN, this::createProduct)
        .get("/api/v1/products/:id", Access.CRM, (ctx, p) -> products.get(Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .patch("/api/v1/products/:id", Access.ADMIN, this::updateProduct)
        .post("/api/v1/products/import", Access.ADMIN, this::importProducts)
        .get("/api/v1/tax-rates", Access.CRM, (ctx, p) -> {
          Responses.ok(ctx, products.taxes().toJson());
          return Future.succeededFuture();
        })
        .get("/api/v1/quotes", Access.CRM, this::listQuotes)
        .post("/api/v1/quotes", Access.CRM, this::createQuote)
        .get("/api/v1/quotes/:id", Access.CRM, (ctx, p) -> quotes.get(p, Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .get("/api/v1/quotes/:id/pdf", Access.CRM, (ctx, p) -> quotes.pdf(p, Query.pathId(ctx, "id"))
            .onSuccess(pdf -> ctx.response().putHeader("content-type", "application/pdf")
                .putHeader("content-disposition", "inline; filename=\"quote-" + ctx.pathParam("id") + ".pdf\"")
                .end(pdf)))
        .post("/api/v1/quotes/:id/send", Access.CRM, this::send)
        .post("/api/v1/quotes/:id/accept", Access.CRM, (ctx, p) -> quotes.accept(p, Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .post("/api/v1/quotes/:id/reject", Access.CRM, (ctx, p) -> quotes.reject(p, Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.ok(ctx, j)))
        .post("/api/v1/quotes/:id/order", Access.CRM, (ctx, p) -> quotes.order(p, Query.pathId(ctx, "id"))
            .onSuccess(j -> Responses.created(ctx, j)));
  }

  private Future<?> listProducts(RoutingContext ctx, Principal p) {
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    String q = Query.optional(ctx, "q");
    if (q != null && q.length() > 100) {
      throw ApiError.badRequest("invalid_parameter", "'q' is longer than 100 characters", "q");
    }
    return products.list(q, cursor == null ? null : cursor.id(), "true".equals(Query.optional(ctx, "includeInactive")),
        Query.limit(ctx, 50, 200)).onSuccess(page -> Responses.page(ctx, page));
  }

  private Future<?> createProduct(RoutingContext ctx, Principal p) {
    JsonObject b = JsonBody.of(ctx).raw();
    return products.create(SalesInput.string(b, "", "code", true, 40), SalesInput.string(b, "", "name", true, 200),
            SalesInput.money(b, "", "unitPrice", true),
            SalesInput.decimal(b, "", "taxRate", BigDecimal.ZERO, HUNDRED, products.taxes().defaultRate()),
            SalesInput.currency(b, "", "currency", "CLP"))
        .onSuccess(j -> Responses.created(ctx, j));
  }

  /** {@code {"csv": "code,name,unitPrice,..."}}: the file's text, as the screen reads it from the chosen file. */
  private Future<?> importProducts(RoutingContext ctx, Principal p) {
    Object csv = JsonBody.of(ctx).raw().getValue("csv");
    if (csv != null && !(csv instanceof String)) {
      throw ApiError.invalid("csv", "'csv' must be the file's text");
    }
    return products.importCsv((String) csv).onSuccess(j -> Responses.ok(ctx, j));
  }

  private Future<?> updateProduct(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "id");
    JsonObject b = JsonBody.of(ctx).raw();
    Object active = b.getValue("active");
    if (active != null && !(active instanceof Boolean)) {
      throw ApiError.invalid("active", "'active' must be true or false");
    }
    return products.update(id, SalesInput.string(b, "", "name", false, 200), SalesInput.money(b, "", "unitPrice", false),
            SalesInput.decimal(b, "", "taxRate", BigDecimal.ZERO, HUNDRED, null), SalesInput.currency(b, "", "currency", null),
            (Boolean) active)
        .onSuccess(j -> Responses.ok(ctx, j));
  }

  private Future<?> listQuotes(RoutingContext ctx, Principal p) {
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    String status = Query.optional(ctx, "status");
    if (status != null && !Set.of("draft", "sent", "accepted", "rejected", "expired").contains(status)) {
      throw ApiError.badRequest("invalid_parameter", "'status' must be draft, sent, accepted, rejected or expired", "status");
    }
    return quotes.list(p, status, Query.optionalId(ctx, "leadId"), Query.optionalId(ctx, "contactId"),
            Query.optionalId(ctx, "opportunityId"), cursor == null ? null : cursor.id(), Query.limit(ctx, 25, 100))
        .onSuccess(page -> Responses.page(ctx, page));
  }

  private Future<?> createQuote(RoutingContext ctx, Principal p) {
    JsonObject b = JsonBody.of(ctx).raw();
    Object raw = b.getValue("items");
    if (raw == null) {
      throw ApiError.missing("items");
    }
    if (!(raw instanceof JsonArray array) || array.isEmpty() || array.size() > 200) {
      throw ApiError.invalid("items", "'items' must be a list of 1 to 200 lines");
    }
    List<QuoteService.Item> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject line)) {
        throw ApiError.invalid("items[" + i + "]", "each item is {\"productId\", \"quantity\", \"discountPct\"?}");
      }
      String prefix = "items[" + i + "].";
      Object product = line.getValue("productId");
      if (!(product instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw ApiError.invalid(prefix + "productId", "'" + prefix + "productId' must be a product id");
      }
      BigDecimal quantity = SalesInput.decimal(line, prefix, "quantity", new BigDecimal("0.001"),
          new BigDecimal("999999999"), BigDecimal.ONE);
      BigDecimal discount = SalesInput.decimal(line, prefix, "discountPct", BigDecimal.ZERO, HUNDRED, BigDecimal.ZERO);
      items.add(new QuoteService.Item(n.longValue(), quantity, discount));
    }
    String language = SalesInput.string(b, "", "language", false, 2);
    if (language != null && !Set.of("es", "en").contains(language)) {
      throw ApiError.invalid("language", "'language' must be es or en");
    }
    return quotes.create(p, new QuoteService.Draft(id(b, "leadId"), id(b, "opportunityId"), id(b, "contactId"), language,
            SalesInput.date(b, "", "validUntil"), SalesInput.string(b, "", "notes", false, 2000), items))
        .onSuccess(j -> Responses.created(ctx, j));
  }

  private Future<?> send(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "id");
    JsonObject b = JsonBody.of(ctx).raw();
    String channel = SalesInput.string(b, "", "channel", true, 20);
    if (!Set.of("whatsapp", "email").contains(channel)) {
      throw ApiError.invalid("channel", "'channel' must be whatsapp or email");
    }
    return quotes.send(p, id, channel).onSuccess(j -> Responses.ok(ctx, j));
  }

  private static Long id(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.longValue() > 0 && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw ApiError.invalid(field, "'" + field + "' must be an id");
  }
}
