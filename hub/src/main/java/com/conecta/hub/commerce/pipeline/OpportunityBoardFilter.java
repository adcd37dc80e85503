package com.conecta.hub.commerce.pipeline;

import java.util.List;

/**
 * What the opportunity board is narrowed to: a salesperson, a team (any of its members sells it), divisions, a business
 * line (the lead's interest among {@code lineValues}, or the line's division when the opportunity has no lead's interest)
 * and how many cards each column shows.
 */
public record OpportunityBoardFilter(Long ownerId, Long teamId, List<String> divisions, List<String> lineValues,
    String lineDivision, int perColumn) {}
