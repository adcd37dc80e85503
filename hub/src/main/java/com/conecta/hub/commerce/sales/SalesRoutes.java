package com.conecta.hub.commerce.sales;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.customers.crm.account.TaxIds;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** HTTP of the sales pipeline: lead stages and history, conversion, opportunities, divisions and the forecast. */
public record SalesRoutes(LeadStageService stages, ConversionService conversions, OpportunityService opportunities) {
  private static final Set<String> KINDS = Set.of("residential", "business");

  public void register(RouteTable routes) {
    routes.get("/api/v1/lead-stages", Access.CRM, (ctx, p) -> stages.stages().onSuccess(list -> Responses.ok(ctx,
            new JsonObject().put("items", new JsonArray(list.stream().map(LeadStage::toJson).toList())).putNull("nextCursor"))))
        .put("/api/v1/lead-stages/:key", Access.ADMIN, this::saveStage)
        .get("/api/v1/business-divisions", Access.CRM, (ctx, p) -> opportunities.divisions()
            .onSuccess(list -> Responses.ok(ctx, new JsonObject().put("items", list).putNull("nextCursor"))))
        .post("/api/v1/leads/:id/stage", Access.INBOX, this::changeStage)
        .get("/api/v1/leads/:id/history", Access.CRM, (ctx, p) -> stages.history(p, Query.pathId(ctx, "id"))
            .onSuccess(list -> Responses.ok(ctx, new JsonObject().put("items", list).putNull("nextCursor"))))
        .post("/api/v1/leads/:id/convert", Access.INBOX, this::convert)
        .get("/api/v1/leads/:id/conversion-draft", Access.CRM, (ctx, p) -> conversions.draft(p, Query.pathId(ctx, "id"))
            .onSuccess(d -> Responses.ok(ctx, d)))
        .get("/api/v1/opportunities", Access.CRM, this::list)
        .post("/api/v1/opportunities", Access.CRM, this::create)
        .get("/api/v1/opportunities/:id", Access.CRM, (ctx, p) -> opportunities.get(p, Query.pathId(ctx, "id"))
            .onSuccess(o -> Responses.ok(ctx, o)))
        .patch("/api/v1/opportunities/:id", Access.CRM, this::update)
        .get("/api/v1/forecast", Access.CRM, this::forecast);
  }

  private Future<?> saveStage(RoutingContext ctx, Principal p) {
    JsonObject b = JsonBody.of(ctx).raw();
    String outcome = SalesInput.string(b, "", "outcome", false, 10);
    outcome = outcome == null ? "open" : outcome;
    if (!Set.of("open", "won", "lost").contains(outcome)) {
      throw ApiError.invalid("outcome", "'outcome' must be open, won or lost");
    }
    Integer probability = SalesInput.percent(b, "", "probability");
    if (probability == null) {
      throw ApiError.missing("probability");
    }
    Object position = b.getValue("position");
    if (!(position instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.intValue()) > 10_000) {
      throw ApiError.invalid("position", "'position' must be a whole number (the order of the stage)");
    }
    Object active = b.getValue("active");
    if (active != null && !(active instanceof Boolean)) {
      throw ApiError.invalid("active", "'active' must be true or false");
    }
    LeadStage stage = new LeadStage(ctx.pathParam("key"), SalesInput.string(b, "", "nameEs", true, 60),
        SalesInput.string(b, "", "nameEn", true, 60), ((Number) position).intValue(), probability, outcome);
    return stages.save(stage, !Boolean.FALSE.equals(active)).onSuccess(s -> Responses.ok(ctx, s.toJson()));
  }

  private Future<?> changeStage(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "id");
    JsonObject body = JsonBody.of(ctx).raw();
    String stage = SalesInput.string(body, "", "stage", true, 40);
    String reason = SalesInput.string(body, "", "lostReason", false, 500);
    return stages.change(p, id, stage, reason).onSuccess(lead -> Responses.ok(ctx, lead));
  }

  private Future<?> convert(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "id");
    JsonObject body = JsonBody.of(ctx).raw();
    String kind = SalesInput.string(body, "", "accountKind", true, 20);
    if (!KINDS.contains(kind)) {
      throw ApiError.invalid("accountKind", "'accountKind' must be residential or business");
    }
    String name = SalesInput.string(body, "", "accountName", true, 200);
    String rawTaxId = SalesInput.string(body, "", "taxId", "business".equals(kind), 30);
    String taxId = TaxIds.required(rawTaxId, "taxId");
    Object o = body.getValue("opportunity");
    if (o == null) {
      throw ApiError.missing("opportunity");
    }
    if (!(o instanceof JsonObject opp)) {
      throw ApiError.invalid("opportunity", "'opportunity' must be an object");
    }
    Opportunity asked = opportunity(opp, "opportunity.", 0L);
    return conversions.convert(p, id, new Conversion(kind, name, taxId, asked))
        .onSuccess(ids -> Responses.created(ctx, ids));
  }

  /** Reads an opportunity body; the account comes from the body unless {@code accountId} is given. */
  private static Opportunity opportunity(JsonObject o, String prefix, Long accountId) {
    long account = accountId != null ? accountId : requiredId(o, prefix, "accountId");
    List<Long> salespeople = SalesInput.ids(o, prefix, "salespeopleIds");
    return new Opportunity(account, optionalId(o, prefix, "contactId"), null,
        SalesInput.string(o, prefix, "name", true, 200), SalesInput.money(o, prefix, "amount", true),
        SalesInput.currency(o, prefix, "currency", "CLP"), SalesInput.date(o, prefix, "expectedClose"),
        SalesInput.string(o, prefix, "stage", false, 40), SalesInput.percent(o, prefix, "probability"),
        salespeople == null ? List.of() : salespeople,
        // A conversion may leave them out: the lead's business line names its division.
        SalesInput.keys(o, prefix, "divisions", prefix.isEmpty()),
        SalesInput.flag(o, prefix, "override"));
  }

  private static long requiredId(JsonObject o, String prefix, String field) {
    Long id = optionalId(o, prefix, field);
    if (id == null) {
      throw ApiError.missing(prefix + field);
    }
    return id;
  }

  private static Long optionalId(JsonObject o, String prefix, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0) {
      return n.longValue();
    }
    throw ApiError.invalid(prefix + field, "'" + prefix + field + "' must be an id");
  }

  private Future<?> create(RoutingContext ctx, Principal p) {
    Opportunity o = opportunity(JsonBody.of(ctx).raw(), "", null);
    if (o.salespeople().isEmpty()) {
      o = new Opportunity(o.accountId(), o.contactId(), null, o.name(), o.amount(), o.currency(), o.expectedClose(),
          o.stage(), o.probability(), List.of(p.userId()), o.divisions(), o.override());
    }
    return opportunities.create(p, o).onSuccess(j -> Responses.created(ctx, j));
  }

  private Future<?> update(RoutingContext ctx, Principal p) {
    long id = Query.pathId(ctx, "id");
    JsonObject b = JsonBody.of(ctx).raw();
    for (String f : b.fieldNames()) {
      if (!Set.of("name", "amount", "currency", "expectedClose", "stage", "probability", "salespeopleIds", "divisions",
          "override", "contactId", "lostReason").contains(f)) {
        throw new ApiError(422, "unknown_field", "'" + f + "' cannot be changed on an opportunity", f);
      }
    }
    String name = SalesInput.string(b, "", "name", false, 200);
    BigDecimal amount = SalesInput.money(b, "", "amount", false);
    String currency = SalesInput.currency(b, "", "currency", null);
    LocalDate close = SalesInput.date(b, "", "expectedClose");
    String stage = SalesInput.string(b, "", "stage", false, 40);
    boolean followStage = b.containsKey("probability") && b.getValue("probability") == null;
    Integer probability = SalesInput.percent(b, "", "probability");
    List<Long> salespeople = SalesInput.ids(b, "", "salespeopleIds");
    if (salespeople != null && salespeople.isEmpty()) {
      throw ApiError.invalid("salespeopleIds", "an opportunity needs at least one salesperson");
    }
    List<String> divisions = SalesInput.keys(b, "", "divisions", false);
    boolean override = SalesInput.flag(b, "", "override");
    Long contactId = optionalId(b, "", "contactId");
    String lostReason = SalesInput.string(b, "", "lostReason", false, 500);
    return opportunities.update(p, id, cur -> new Opportunity(cur.getLong("accountId"),
            contactId != null ? contactId : cur.getLong("contactId"), cur.getLong("leadId"),
            name != null ? name : cur.getString("name"), amount != null ? amount : new BigDecimal(cur.getString("amount")),
            currency != null ? currency : cur.getString("currency"),
            close != null ? close : cur.getString("expectedClose") == null ? null : LocalDate.parse(cur.getString("expectedClose")),
            stage != null ? stage : cur.getString("stage"), probability,
            salespeople != null ? salespeople : OpportunityService.longs(cur.getJsonArray("salespeopleIds")),
            divisions != null ? divisions : cur.getJsonArray("divisions").getList().stream().map(String::valueOf).toList(),
            override), followStage, lostReason)
        .onSuccess(j -> Responses.ok(ctx, j));
  }

  private Future<?> list(RoutingContext ctx, Principal p) {
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    String status = Query.optional(ctx, "status");
    if (status != null && !Set.of("open", "won", "lost").contains(status)) {
      throw ApiError.badRequest("invalid_parameter", "'status' must be open, won or lost", "status");
    }
    return opportunities.list(p, Query.optionalId(ctx, "accountId"), status, Query.optional(ctx, "stage"),
            Query.optionalId(ctx, "salespersonId"), Query.optional(ctx, "division"),
            cursor == null ? null : cursor.id(), Query.limit(ctx, 25, 100))
        .onSuccess(page -> Responses.page(ctx, page));
  }

  private Future<?> forecast(RoutingContext ctx, Principal p) {
    String groupBy = Query.optional(ctx, "groupBy");
    groupBy = groupBy == null ? "month" : groupBy;
    if (!Set.of("month", "salesperson", "division").contains(groupBy)) {
      throw ApiError.badRequest("invalid_parameter", "'groupBy' must be month, salesperson or division", "groupBy");
    }
    return opportunities.forecast(p, groupBy, day(ctx, "from"), day(ctx, "to"))
        .onSuccess(f -> Responses.ok(ctx, f));
  }

  private static LocalDate day(RoutingContext ctx, String name) {
    String raw = Query.optional(ctx, name);
    try {
      return raw == null ? null : LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' must be a date such as 2026-12-31", name);
    }
  }
}
