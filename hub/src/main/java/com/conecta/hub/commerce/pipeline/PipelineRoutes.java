package com.conecta.hub.commerce.pipeline;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.commerce.catalogue.BusinessLine;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP of the pipeline board: {@code GET /api/v1/pipeline/leads?owner=me|all|<userId>&teamId&source&campaign&interest
 * &division&perColumn}, and the automatic moves' settings. Moving a card is the lead's own stage route.
 */
public record PipelineRoutes(PipelineService pipeline, StageAutomations automations, BusinessCatalogue catalogue) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/pipeline/leads", Access.CRM, this::leads)
        .get("/api/v1/pipeline/automations", Access.CRM, (ctx, p) -> automations.list()
            .onSuccess(list -> Responses.ok(ctx, new JsonObject().put("items", list).putNull("nextCursor"))))
        .put("/api/v1/pipeline/automations/:event", Access.ADMIN, this::setAutomation);
  }

  private Future<?> setAutomation(RoutingContext ctx, Principal p) {
    JsonObject body = JsonBody.of(ctx).raw();
    if (!body.containsKey("toStage")) {
      throw ApiError.missing("toStage");
    }
    Object stage = body.getValue("toStage");
    if (stage != null && (!(stage instanceof String s) || s.isBlank() || s.length() > 40)) {
      throw ApiError.invalid("toStage", "'toStage' must be a stage's key, or null to turn the move off");
    }
    return automations.set(ctx.pathParam("event"), (String) stage).onSuccess(rule -> Responses.ok(ctx, rule));
  }

  private Future<?> leads(RoutingContext ctx, Principal p) {
    BoardFilter filter = new BoardFilter(owner(ctx, p), Query.optionalId(ctx, "teamId"),
        text(ctx, "source"), text(ctx, "campaign"), interests(ctx), perColumn(ctx));
    return pipeline.leadBoard(p, filter).onSuccess(board -> Responses.ok(ctx, board));
  }

  static Long owner(RoutingContext ctx, Principal p) {
    String raw = Query.optional(ctx, "owner");
    if (raw == null || raw.equals("all")) {
      return null;
    }
    if (raw.equals("me")) {
      return p.userId();
    }
    if (!raw.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.badRequest("invalid_parameter", "'owner' must be me, all or a user id", "owner");
    }
    return Long.parseLong(raw);
  }

  /** The interest's line (by key or old name), narrowed further to a division's lines when both are given. */
  private List<String> interests(RoutingContext ctx) {
    String interest = Query.optional(ctx, "interest");
    String division = Query.optional(ctx, "division");
    if (interest == null && division == null) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (BusinessLine line : catalogue.lines()) {
      boolean byInterest = interest == null || line.answersTo(interest);
      boolean byDivision = division == null || line.division().equals(division);
      if (byInterest && byDivision) {
        values.add(line.key());
        values.addAll(line.aliases());
      }
    }
    if (interest != null && catalogue.resolve(interest).isEmpty()) {
      throw ApiError.badRequest("invalid_parameter", "'interest' must be one of the business lines ("
          + String.join(", ", catalogue.lines().stream().map(BusinessLine::key).toList()) + ")", "interest");
    }
    if (division != null && catalogue.lines().stream().noneMatch(l -> l.division().equals(division))) {
      throw ApiError.badRequest("invalid_parameter", "'division' must be the division of a business line ("
          + String.join(", ", catalogue.lines().stream().map(BusinessLine::division).distinct().toList()) + ")",
          "division");
    }
    return values;
  }

  private static String text(RoutingContext ctx, String name) {
    String raw = Query.optional(ctx, name);
    if (raw != null && raw.length() > 100) {
      throw ApiError.badRequest("invalid_parameter", "'" + name + "' is at most 100 characters", name);
    }
    return raw;
  }

  static int perColumn(RoutingContext ctx) {
    String raw = Query.optional(ctx, "perColumn");
    if (raw == null) {
      return 30;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= 200) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below, like any other out-of-range value
    }
    throw ApiError.badRequest("invalid_parameter", "'perColumn' must be a whole number from 1 to 200", "perColumn");
  }
}
