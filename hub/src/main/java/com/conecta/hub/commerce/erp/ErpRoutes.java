package com.conecta.hub.commerce.erp;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** The ERP integration API: {@code /api/v1/invoices} and {@code /api/v1/orders}, upserts by external id. */
public record ErpRoutes(ErpService service) {
  private static final Set<String> CURRENCIES = Set.of("CLP", "COP", "BOB", "USD", "PEN", "ARS", "MXN", "UF");

  public void register(RouteTable routes) {
    routes.post("/api/v1/invoices", Access.ADMIN, this::invoice)
        .get("/api/v1/invoices", Access.CRM, this::invoices)
        .post("/api/v1/invoices/:id/payments", Access.ADMIN, (ctx, p) -> service.pay(Query.pathId(ctx, "id"))
            .onSuccess(i -> Responses.ok(ctx, i)))
        .get("/api/v1/accounts/:id/receivables", Access.CRM, (ctx, p) -> service.aging(p, Query.pathId(ctx, "id"))
            .onSuccess(a -> Responses.ok(ctx, a)))
        .post("/api/v1/orders", Access.ADMIN, this::order);
  }

  private static ErpService.Customer customer(JsonBody b) {
    Long contactId = b.optionalLong("contactId");
    JsonObject contact = b.optionalObject("contact");
    if (contactId == null && contact == null) {
      throw ApiError.missing("contactId");
    }
    String digits = null;
    String name = null;
    if (contact != null) {
      String phone = JsonBody.wrap(contact).optionalString("phone", 40);
      if (phone == null || !phone.matches("\\+?[0-9 ()-]{8,20}")) {
        throw ApiError.invalid("contact.phone", "'contact.phone' is not a phone number");
      }
      digits = phone.replaceAll("[^0-9]", "");
      name = JsonBody.wrap(contact).optionalString("name", 200);
    }
    return new ErpService.Customer(contactId, digits, name);
  }

  private static String externalId(JsonBody b) {
    String id = b.optionalString("externalId", 100);
    if (id == null || id.isBlank()) {
      throw ApiError.missing("externalId");
    }
    return id;
  }

  private static BigDecimal money(JsonBody b, String field, boolean required) {
    Object v = b.raw().getValue(field);
    if (v == null) {
      if (required) {
        throw ApiError.missing(field);
      }
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(String.valueOf(v));
      if (d.signum() < 0 || d.compareTo(new BigDecimal("1e12")) > 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiError.invalid(field, "'" + field + "' must be an amount between 0 and 10^12");
    }
  }

  private static LocalDate date(JsonBody b, String field, boolean required) {
    String s = b.optionalString(field, 10);
    if (s == null) {
      if (required) {
        throw ApiError.missing(field);
      }
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, "'" + field + "' must be a date such as 2026-12-31");
    }
  }

  private Future<?> invoice(RoutingContext ctx, Principal p) {
    JsonBody b = JsonBody.of(ctx);
    String number = b.optionalString("number", 50);
    if (number == null || number.isBlank()) {
      throw ApiError.missing("number");
    }
    ErpStore.Invoice invoice = new ErpStore.Invoice(externalId(b), b.optionalLong("accountId"), null, number,
        money(b, "amount", true), b.oneOf("currency", "CLP", CURRENCIES), date(b, "issuedAt", false),
        date(b, "dueDate", true), b.oneOf("status", "open", Set.of("open", "paid", "cancelled")));
    return service.upsertInvoice(customer(b), invoice)
        .onSuccess(i -> Responses.json(ctx, Boolean.TRUE.equals(i.remove("created")) ? 201 : 200, i));
  }

  private Future<?> invoices(RoutingContext ctx, Principal p) {
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    int limit = Query.limit(ctx, 25, 100);
    String status = Query.optional(ctx, "status");
    return service.invoices(p, status, Query.optionalId(ctx, "contactId"), cursor == null ? null : cursor.id(), limit)
        .onSuccess(list -> Responses.page(ctx, new Page<>(list,
            list.size() == limit ? new Cursor(0, list.get(list.size() - 1).getLong("id")).encode() : null)));
  }

  private Future<?> order(RoutingContext ctx, Principal p) {
    JsonBody b = JsonBody.of(ctx);
    String number = b.optionalString("number", 50);
    if (number == null || number.isBlank()) {
      throw ApiError.missing("number");
    }
    String method = b.oneOf("deliveryMethod", "own_dispatch", Set.of("pickup", "own_dispatch", "carrier"));
    String carrier = b.optionalString("carrier", 100);
    if ("carrier".equals(method) && (carrier == null || carrier.isBlank())) {
      throw ApiError.missing("carrier");
    }
    JsonArray items = b.optionalArray("items");
    ErpStore.Order order = new ErpStore.Order(externalId(b), null, b.optionalLong("accountId"), number,
        items == null ? new JsonArray() : items, money(b, "total", false), b.oneOf("currency", "CLP", CURRENCIES), method,
        carrier, b.optionalString("trackingNumber", 100),
        b.oneOf("status", "received", Set.of("received", "ready_for_pickup", "dispatched", "out_for_delivery", "delivered",
            "cancelled")), date(b, "scheduledDelivery", false), b.optionalString("deliveryWindow", 50));
    return service.upsertOrder(customer(b), order)
        .onSuccess(o -> Responses.json(ctx, Boolean.TRUE.equals(o.remove("created")) ? 201 : 200, o));
  }
}
