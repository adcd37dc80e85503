package com.conecta.hub.commerce.pipeline;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.commerce.catalogue.BusinessLine;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP of the opportunity board: {@code GET /api/v1/pipeline/opportunities?owner=me|all|<userId>&teamId&division&line
 * &perColumn}, an opportunity's stage history and a contact's opportunities. Moving a card is the opportunity's own
 * {@code PATCH /api/v1/opportunities/{id}}.
 */
public record OpportunityBoardRoutes(OpportunityBoardService board, BusinessCatalogue catalogue) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/pipeline/opportunities", Access.CRM, this::board)
        .get("/api/v1/opportunities/:id/history", Access.CRM, (ctx, p) -> board.history(p, Query.pathId(ctx, "id"))
            .onSuccess(list -> Responses.ok(ctx, new JsonObject().put("items", list).putNull("nextCursor"))))
        .get("/api/v1/contacts/:id/opportunities", Access.CRM, (ctx, p) -> board.ofContact(p, Query.pathId(ctx, "id"))
            .onSuccess(list -> Responses.ok(ctx, new JsonObject().put("items", list).putNull("nextCursor"))));
  }

  private Future<?> board(RoutingContext ctx, Principal p) {
    String division = Query.optional(ctx, "division");
    if (division != null && catalogue.lines().stream().noneMatch(l -> l.division().equals(division))) {
      throw ApiError.badRequest("invalid_parameter", "'division' must be the division of a business line ("
          + String.join(", ", catalogue.lines().stream().map(BusinessLine::division).distinct().toList()) + ")",
          "division");
    }
    String rawLine = Query.optional(ctx, "line");
    BusinessLine line = rawLine == null ? null : catalogue.resolve(rawLine).orElseThrow(() -> ApiError.badRequest(
        "invalid_parameter", "'line' must be one of the business lines ("
            + String.join(", ", catalogue.lines().stream().map(BusinessLine::key).toList()) + ")", "line"));
    List<String> lineValues = null;
    if (line != null) {
      lineValues = new ArrayList<>();
      lineValues.add(line.key());
      lineValues.addAll(line.aliases());
    }
    OpportunityBoardFilter filter = new OpportunityBoardFilter(PipelineRoutes.owner(ctx, p),
        Query.optionalId(ctx, "teamId"), division == null ? null : List.of(division), lineValues,
        line == null ? null : line.division(), PipelineRoutes.perColumn(ctx));
    return board.board(p, filter).onSuccess(b -> Responses.ok(ctx, b));
  }
}
